/**
 * Kernel Inception Distance (Bińkowski et al. 2018) between two sets of embeddings: the unbiased
 * estimate of the squared MMD with the cubic polynomial kernel k(x, y) = (x·y / d + 1)^3.
 * 0 means the two sets are alike; it can come out slightly negative for very similar sets.
 */
export function kernelDistance(a: Float32Array, b: Float32Array, dims: number): number {
  const m = a.length / dims;
  const n = b.length / dims;
  if (m < 2 || n < 2) throw new RangeError('kernelDistance needs at least two embeddings on each side');
  const k = (x: Float32Array, i: number, y: Float32Array, j: number) => {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += x[i * dims + d]! * y[j * dims + d]!;
    return (dot / dims + 1) ** 3;
  };
  let aa = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) aa += k(a, i, a, j);
  let bb = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) bb += k(b, i, b, j);
  let ab = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) ab += k(a, i, b, j);
  return (2 * aa) / (m * (m - 1)) + (2 * bb) / (n * (n - 1)) - (2 * ab) / (m * n);
}
