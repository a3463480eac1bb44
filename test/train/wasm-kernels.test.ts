import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/train/backend.js';
import { smallResnet } from '../../src/train/models.js';
import { createRng } from '../../src/rng.js';
import { balance, columnsKey, convKey, tapsKey, workKey } from '../../src/train/wasm-kernels/batch-split.js';

// Every kernel synth registers for wasm, run on wasm and on the cpu backend (the reference) with
// the same inputs; results must agree to 1e-4 of the largest reference value. Two threads, so that
// large batches also take the path that splits them between the main thread and a helper.

type Attrs = Record<string, unknown>;

before(async () => {
  const selected = await selectBackend('wasm', { threads: 2 });
  assert.equal(selected.name, 'wasm');
  assert.equal(selected.threads, 2);
});

let seed = 1;
/** Seeded values in [-1, 1) (or [0, 1) after relu, which makes ties in max pooling). */
function values(shape: number[], relu = false): tf.Tensor {
  const rng = createRng(seed++);
  const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.float(-1, 1));
  if (relu) data.forEach((v, i) => (data[i] = Math.max(0, v)));
  return tf.tensor(data, shape);
}

async function on(backend: 'cpu' | 'wasm', run: () => tf.Tensor): Promise<{ shape: number[]; data: Float32Array }> {
  await tf.setBackend(backend);
  const out = run();
  const result = { shape: out.shape, data: (await out.data()) as Float32Array };
  out.dispose();
  return result;
}

async function agree(kernel: string, inputs: Record<string, tf.Tensor>, attrs: Attrs): Promise<void> {
  const run = () => tf.engine().runKernel(kernel, inputs, attrs as never) as tf.Tensor;
  const cpu = await on('cpu', run);
  const wasm = await on('wasm', run);
  const label = `${kernel} ${JSON.stringify(attrs)} on ${Object.values(inputs).map((t) => `[${t.shape}]`).join(' ')}`;
  assert.deepEqual(wasm.shape, cpu.shape, label);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < cpu.data.length; i++) {
    scale = Math.max(scale, Math.abs(cpu.data[i]!));
    worst = Math.max(worst, Math.abs(cpu.data[i]! - wasm.data[i]!));
  }
  assert.ok(cpu.data.length > 0, label);
  assert.ok(scale > 0, `${label}: the reference is all zeros, the test proves nothing`);
  assert.ok(worst <= 1e-4 * scale, `${label}: max |wasm − cpu| = ${worst}, ${worst / scale} of the largest value`);
}

/** [x shape, filter shape, strides, pad] for the convolution kernels. */
const convCases: [number[], number[], number | [number, number], unknown][] = [
  [[2, 7, 7, 3], [3, 3, 3, 4], 1, 'valid'],
  [[2, 7, 7, 3], [3, 3, 3, 4], 1, 'same'],
  [[2, 7, 7, 3], [3, 3, 3, 4], 2, 'valid'],
  [[2, 8, 8, 3], [3, 3, 3, 4], 2, 'same'],
  [[3, 9, 8, 2], [3, 2, 2, 5], [2, 3], 'same'],
  [[1, 6, 7, 2], [3, 3, 2, 2], 1, [[0, 0], [1, 2], [0, 1], [0, 0]]],
  [[1, 10, 10, 1], [5, 5, 1, 8], 3, 'same'],
  [[4, 6, 6, 5], [1, 1, 5, 3], 2, 'valid'],
  [[2, 5, 5, 4], [5, 5, 4, 2], 1, 'valid'],
  [[3, 9, 9, 2], [3, 3, 2, 32], 2, 'same'], // more outputs than taps: the filter gradient's im2col path
  // The reference model's two convolutions, on batches large enough to be split across threads (a
  // batch of 4 at the second: the cpu backend's filter gradient, the reference, took 9-60 s on 16).
  [[4, 13, 13, 32], [3, 3, 32, 64], 1, 'valid'],
  [[17, 28, 28, 1], [3, 3, 1, 32], 1, 'valid'],
  [[9, 16, 16, 8], [3, 3, 8, 16], 2, 'same'],
  // Few filter rows and outputs in sixteens: the filter gradient's direct SIMD path, with padding.
  [[3, 9, 8, 3], [3, 3, 3, 16], 1, 'same'],
  [[2, 7, 9, 1], [5, 5, 1, 32], 1, [[0, 0], [2, 0], [1, 3], [0, 0]]],
  // The filter gradient's tap path summing in blocks of one image (dy of 147 kB an image), an odd channel.
  [[3, 24, 24, 3], [3, 3, 3, 64], 1, 'same'],
];

describe('Conv2D', () => {
  for (const [xShape, fShape, strides, pad] of convCases) {
    test(`x ${xShape}, filter ${fShape}, strides ${strides}, pad ${JSON.stringify(pad)}`, async () => {
      await agree('Conv2D', { x: values(xShape), filter: values(fShape) }, { strides, pad, dataFormat: 'NHWC', dilations: 1 });
    });
  }
});

describe('Conv2DBackpropFilter', () => {
  for (const [xShape, fShape, strides, pad] of convCases) {
    test(`x ${xShape}, filter ${fShape}, strides ${strides}, pad ${JSON.stringify(pad)}`, async () => {
      const x = values(xShape);
      const dy = values(tf.conv2d(x as tf.Tensor4D, values(fShape) as tf.Tensor4D, strides, pad as 'valid').shape);
      await agree('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat: 'NHWC', filterShape: fShape });
    });
  }
  test('NCHW', async () => {
    const x = values([2, 3, 7, 6]);
    const dy = values([2, 4, 4, 3]);
    await agree('Conv2DBackpropFilter', { x, dy }, { strides: 2, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 2, 3, 4] });
  });
});

describe('Conv2DBackpropInput', () => {
  for (const [xShape, fShape, strides, pad] of convCases) {
    test(`x ${xShape}, filter ${fShape}, strides ${strides}, pad ${JSON.stringify(pad)}`, async () => {
      const filter = values(fShape);
      const dy = values(tf.conv2d(values(xShape) as tf.Tensor4D, filter as tf.Tensor4D, strides, pad as 'valid').shape);
      await agree('Conv2DBackpropInput', { dy, filter }, { strides, pad, dataFormat: 'NHWC', inputShape: xShape });
    });
  }
  test('NCHW', async () => {
    await agree(
      'Conv2DBackpropInput',
      { dy: values([2, 4, 4, 3]), filter: values([3, 2, 3, 4]) },
      { strides: 2, pad: 'same', dataFormat: 'NCHW', inputShape: [2, 3, 7, 6] },
    );
    await agree(
      'Conv2DBackpropInput',
      { dy: values([2, 4, 7, 6]), filter: values([3, 2, 3, 4]) },
      { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: [2, 3, 7, 6] },
    );
  });
});

/** [x shape, filter shape (multiplier last), strides, pad] for the depthwise kernels. */
const depthwiseCases: [number[], number[], number | [number, number], unknown][] = [
  [[2, 7, 7, 3], [3, 3, 3, 1], 1, 'valid'],
  [[2, 7, 7, 3], [3, 3, 3, 1], 1, 'same'],
  [[2, 8, 8, 3], [3, 3, 3, 2], 2, 'same'],
  [[3, 9, 8, 4], [3, 2, 4, 3], [2, 1], 'valid'],
  [[1, 6, 6, 2], [3, 3, 2, 1], 1, [[0, 0], [1, 2], [0, 1], [0, 0]]],
  [[8, 14, 14, 16], [5, 5, 16, 1], 2, 'same'],
];

describe('DepthwiseConv2dNativeBackpropFilter', () => {
  for (const [xShape, fShape, strides, pad] of depthwiseCases) {
    test(`x ${xShape}, filter ${fShape}, strides ${strides}, pad ${JSON.stringify(pad)}`, async () => {
      const x = values(xShape);
      const dy = values(tf.depthwiseConv2d(x as tf.Tensor4D, values(fShape) as tf.Tensor4D, strides, pad as 'valid').shape);
      await agree('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { strides, pad, dilations: 1, filterShape: fShape });
    });
  }
});

describe('DepthwiseConv2dNativeBackpropInput', () => {
  for (const [xShape, fShape, strides, pad] of depthwiseCases) {
    test(`x ${xShape}, filter ${fShape}, strides ${strides}, pad ${JSON.stringify(pad)}`, async () => {
      const filter = values(fShape);
      const dy = values(tf.depthwiseConv2d(values(xShape) as tf.Tensor4D, filter as tf.Tensor4D, strides, pad as 'valid').shape);
      await agree('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { strides, pad, dilations: 1, inputShape: xShape });
    });
  }
});

describe('MaxPoolGrad', () => {
  const cases: [number[], number | [number, number], number | [number, number], 'valid' | 'same'][] = [
    [[2, 8, 8, 3], 2, 2, 'valid'],
    [[2, 9, 9, 3], 2, 2, 'valid'],
    [[2, 9, 9, 3], 2, 2, 'same'],
    [[2, 7, 7, 3], 3, 2, 'same'],
    [[2, 9, 9, 2], 3, 1, 'same'],
    [[2, 6, 6, 2], 2, 1, 'valid'],
    [[1, 7, 9, 4], [2, 3], [1, 2], 'same'],
    [[16, 26, 26, 32], 2, 2, 'valid'],
    [[9, 27, 27, 16], 3, 2, 'same'],
  ];
  for (const [shape, filterSize, strides, pad] of cases) {
    for (const relu of [false, true]) {
      test(`x ${shape}${relu ? ' (relu: many ties)' : ''}, filter ${filterSize}, strides ${strides}, ${pad}`, async () => {
        const input = values(shape, relu);
        const output = tf.maxPool(input as tf.Tensor4D, filterSize, strides, pad);
        const dy = values(output.shape);
        await agree('MaxPoolGrad', { dy, input, output }, { filterSize, strides, pad });
      });
    }
  }
  test('NaN is never a maximum; a window of −∞ passes nothing (the SIMD path: 4 channels)', async () => {
    const data = Array.from({ length: 2 * 4 * 4 * 4 }, (_, i) => (i % 7) / 7);
    data[0] = NaN; // channel 0 of the first window: NaN first, then 1/7, …
    for (const cell of [8, 12, 24, 28]) data[cell + 1] = -Infinity; // channel 1 of the second window
    const input = tf.tensor4d(data, [2, 4, 4, 4]);
    const output = tf.maxPool(input, 2, 2, 'valid');
    await agree('MaxPoolGrad', { dy: values(output.shape), input, output }, { filterSize: 2, strides: 2, pad: 'valid' });
  });
  test('ties go to the first maximum of the window, and only there', async () => {
    await tf.setBackend('wasm');
    const input = tf.tensor4d([5, 5, 5, 5, 1, 5, 5, 2], [1, 2, 4, 1]);
    const output = tf.maxPool(input, 2, 2, 'valid');
    const dy = tf.tensor4d([10, 20], [1, 1, 2, 1]);
    const dx = tf.engine().runKernel('MaxPoolGrad', { dy, input, output }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor;
    assert.deepEqual(Array.from(await dx.data()), [10, 0, 20, 0, 0, 0, 0, 0]);
  });
});

describe('BatchMatMul', () => {
  const cases: [number[], number[], boolean, boolean][] = [
    [[5, 7], [7, 3], false, false],
    [[7, 5], [7, 3], true, false],
    [[5, 7], [3, 7], false, true],
    [[7, 5], [3, 7], true, true],
    [[64, 1600], [1600, 128], false, false], // dense forward
    [[64, 1600], [64, 128], true, false], // dense weight gradient
    [[64, 128], [1600, 128], false, true], // dense input gradient
    [[1, 9, 4000], [1, 4000, 32], false, false], // lopsided
    [[5, 7], [7, 20], false, false], // synth's matMul: an odd last row, a last column block of 4
    [[7, 5], [20, 7], true, true],
    [[5, 7], [7, 10], false, false], // a width of 10 stays on XNNPACK
    [[2, 5, 7], [2, 3, 7], false, true], // a batch of 2 stays on the package's kernel
  ];
  for (const [aShape, bShape, transposeA, transposeB] of cases) {
    test(`[${aShape}]${transposeA ? 'ᵀ' : ''} · [${bShape}]${transposeB ? 'ᵀ' : ''}`, async () => {
      await agree('BatchMatMul', { a: values(aShape), b: values(bShape) }, { transposeA, transposeB });
    });
  }
});

for (const kernel of ['Sum', 'Mean']) describe(kernel, () => {
  const cases: [number[], number[], boolean][] = [
    [[16, 26, 26, 32], [0, 1, 2], false],
    [[4, 5, 6, 3], [0], true],
    [[4, 5, 6], [1, 0], false],
    [[4, 5, 6], [2], false],
    [[4, 5, 6], [0, 2], false],
    [[3, 4], [0, 1], false],
  ];
  for (const [shape, axis, keepDims] of cases) {
    test(`[${shape}] over ${axis}${keepDims ? ', keepDims' : ''}`, async () => {
      await agree(kernel, { x: values(shape) }, { axis, keepDims });
    });
  }
});

describe('Tile', () => {
  const cases: [number[], number[]][] = [
    [[1, 1, 1, 8], [16, 14, 14, 1]], // batch norm's gradient: block copies
    [[3, 1, 4], [1, 5, 1]],
    [[2, 1, 1, 3], [1, 2, 3, 1]],
    [[1, 3], [7, 1]],
    [[2, 3], [2, 2]], // the repeated axes are not all of size 1: the package's kernel
    [[1, 2, 1], [3, 1, 2]], // the repeated axes are not next to each other: the package's kernel
  ];
  for (const [shape, reps] of cases) {
    test(`[${shape}] × [${reps}]`, async () => {
      await agree('Tile', { x: values(shape) }, { reps });
    });
  }
  test('int32', async () => {
    await agree('Tile', { x: tf.tensor3d([1, 2, 3], [1, 1, 3], 'int32') }, { reps: [2, 3, 1] });
  });
});

describe('GatherV2', () => {
  test('rows, an inner axis, and batch dimensions', async () => {
    const x = values([10, 4, 3]);
    await agree('GatherV2', { x, indices: tf.tensor1d([3, 0, 9, 3], 'int32') }, { axis: 0, batchDims: 0 });
    await agree('GatherV2', { x, indices: tf.tensor1d([2, 0, 3], 'int32') }, { axis: 1, batchDims: 0 });
    const indices = tf.tensor2d([[1, 0], [2, 2]], [2, 2], 'int32');
    await agree('GatherV2', { x: values([2, 3, 4]), indices }, { axis: 1, batchDims: 1 });
  });
  test('an index out of range throws', async () => {
    await tf.setBackend('wasm');
    assert.throws(() => tf.gather(values([10, 2]), tf.tensor1d([10], 'int32')), /index value 10 is not in \[0, 9\]/);
  });
});

describe('Identity', () => {
  test('a clone keeps its values after the original is disposed', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    x.dispose();
    assert.deepEqual(Array.from(await y.data()), [1, 2, 3]);
  });
});

/** The loss's gradient for every trainable variable of the model `build` makes, computed on `backend`, with its name. */
async function layerGradients(backend: 'cpu' | 'wasm', build: () => tf.LayersModel, x: tf.Tensor, labels: tf.Tensor): Promise<[string, Float32Array][]> {
  await tf.setBackend(backend);
  const model = build();
  const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
  const out = await Promise.all(Object.entries(grads).map(async ([name, g]): Promise<[string, Float32Array]> => [name, (await g.data()) as Float32Array]));
  model.dispose();
  return out;
}

/** Asserts that wasm and cpu give the same gradients; returns the variables' names. */
async function sameGradients(build: () => tf.LayersModel, x: tf.Tensor, labels: tf.Tensor): Promise<string[]> {
  const cpu = await layerGradients('cpu', build, x, labels);
  const wasm = await layerGradients('wasm', build, x, labels);
  assert.equal(wasm.length, cpu.length);
  cpu.forEach(([name, c], i) => {
    const w = wasm[i]![1];
    const scale = Math.max(...Array.from(c, Math.abs));
    const worst = Math.max(...Array.from(c, (v, j) => Math.abs(v - w[j]!)));
    assert.ok(scale > 0 && worst <= 1e-4 * scale, `${name}: ${worst} vs scale ${scale}`);
  });
  return cpu.map(([name]) => name);
}

describe('gradients through the layers API', () => {
  test('a small conv net gets the same gradients on wasm as on cpu', async () => {
    const x = values([4, 12, 12, 2]);
    const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);
    await sameGradients(() => tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 12, 2], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
        tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', depthwiseInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      ],
    }), x, labels);
  });

  test('a small ResNet (batch norm, residual adds, global pooling) gets the same gradients on wasm as on cpu', async () => {
    const x = values([6, 12, 12, 1]);
    const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0, 2], 'int32'), 3);
    const names = await sameGradients(() => smallResnet([12, 12, 1], 3, { seed: 4, widths: [4, 4, 8] }), x, labels);
    assert.ok(names.some((n) => /gamma/.test(n)) && names.some((n) => /beta/.test(n)), `batch norm's scale and offset are trained: ${names.join(', ')}`);
  });
});

describe('ReLU gradient', () => {
  for (const size of [4096, 1001]) {
    test(`one pass gives TF.js's mul(dy, step(x)) bit for bit (${size} values${size % 4 ? ', a tail past the last four' : ''})`, async () => {
      await tf.setBackend('wasm');
      const xs = values([size]).dataSync() as Float32Array;
      // ReLU's kink, where step(0) is 0, in the four-wide part and in the tail.
      xs.fill(0, 0, 7);
      xs.fill(0, size - 3);
      const x = tf.tensor1d(xs);
      const dy = values([size]); // negative where dy · 0 must stay −0
      const profile = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.relu(v))(x, dy));
      const fused = profile.result as tf.Tensor;
      assert.ok(profile.kernels.some((k) => k.name === 'SynthReluGrad'), 'the one-pass kernel ran');
      const reference = tf.mul(dy, tf.cast(tf.step(x), 'float32'));
      const bits = (t: tf.Tensor) => new Uint32Array((t.dataSync() as Float32Array).slice().buffer);
      assert.deepEqual(bits(fused), bits(reference));
      tf.dispose([x, dy, fused, reference]);
    });
  }
});

describe('work split between threads', () => {
  test('gives the same bytes however it is cut: even, or with the helper taken to be four times as slow', async () => {
    await tf.setBackend('wasm');
    const x = values([64, 13, 13, 32]);
    const filter = values([3, 3, 32, 64]);
    const dy = values([64, 11, 11, 64]);
    const [left, right] = [values([64, 1600]), values([1600, 128])]; // the dense layer's product, cut by rows
    const cases: [string, tf.Tensor[], () => tf.Tensor][] = [
      ['Conv2D', [x, filter], () => tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid')],
      ['Conv2DBackpropInput', [dy, filter], () => tf.conv2dTranspose(dy as tf.Tensor4D, filter as tf.Tensor4D, [64, 13, 13, 32], 1, 'valid')],
      ['BatchMatMul', [left, right], () => tf.matMul(left as tf.Tensor2D, right as tf.Tensor2D)],
    ];
    const inPlace: Record<string, string> = {
      Conv2D: convKey({ n: 64, h: 13, w: 13, ci: 32, oh: 11, ow: 11, co: 64, kh: 3, kw: 3 }),
      Conv2DBackpropInput: columnsKey({ n: 64, h: 13, w: 13, ci: 32, oh: 11, ow: 11, co: 64, kh: 3, kw: 3, top: 0, left: 0 }),
    };
    for (const [kernel, inputs, run] of cases) {
      const key = inPlace[kernel] ?? workKey(kernel, inputs);
      const first = await run().data();
      assert.ok((balance as unknown as { perUnit: Map<string, number[]> }).perUnit.has(key), `${kernel}: not shared out as this test expects`);
      // Each call's timings move the cut; pretend the helper is slow until the main thread takes far more than half.
      for (let i = 0; i < 30; i++) balance.record(key, [[0, 32], [32, 32]], [1, 100]);
      assert.ok(balance.shares(key, 64, 2)[0]![1] >= 48, `${kernel}: the skew did not move the cut`);
      assert.deepEqual(await run().data(), first, `${kernel}: another cut gave other bytes`);
    }
    // The filter gradient at stride 1 shares out rows of dW (tap, pair of input channels): 144 here.
    const gradient = (input: tf.Tensor, grad: tf.Tensor, strides: number) => tf.engine().runKernel(
      'Conv2DBackpropFilter', { x: input, dy: grad }, { strides, pad: 'valid', dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: [3, 3, 32, 64] } as never,
    ) as tf.Tensor;
    const first = await gradient(x, dy, 1).data();
    const taps = tapsKey({ n: 64, h: 13, w: 13, ci: 32, oh: 11, ow: 11, co: 64, kh: 3, kw: 3, top: 0, left: 0 });
    assert.ok((balance as unknown as { perUnit: Map<string, number[]> }).perUnit.has(taps), 'the gradient was not shared out by rows');
    for (let i = 0; i < 30; i++) balance.record(taps, [[0, 72], [72, 72]], [1, 100]);
    assert.ok(balance.shares(taps, 144, 2)[0]![1] >= 110, 'the skew did not move the rows');
    assert.deepEqual(await gradient(x, dy, 1).data(), first, 'Conv2DBackpropFilter: another cut of the rows gave other bytes');
    // At stride 2 it sums fixed chunks of the batch.
    const dy2 = values([64, 6, 6, 64]);
    const chunked = await gradient(x, dy2, 2).data();
    const key = workKey('Conv2DBackpropFilter', [x, dy2]);
    for (let i = 0; i < 30; i++) balance.record(key, [[0, 4], [4, 4]], [1, 100]);
    assert.deepEqual(balance.shares(key, 8, 2).map(([, n]) => n), [6, 2], 'the skew did not move the chunks');
    assert.deepEqual(await gradient(x, dy2, 2).data(), chunked, 'Conv2DBackpropFilter: another cut of the chunks gave other bytes');
  });
});

describe('Add with a bias', () => {
  for (const [aShape, channels] of [[[5, 6, 7, 8], 8], [[3, 12], 12], [[2, 3, 6], 6], [[64, 26, 26, 32], 32]] as [number[], number][]) {
    test(`[${aShape}] + [${channels}]: the package's bytes, and the cpu backend's values`, async () => {
      const a = values(aShape);
      const b = values([channels]);
      await agree('Add', { a, b }, {});
      await tf.setBackend('wasm');
      // A bias of rank 4 takes the package's broadcasting kernel.
      const expected = await tf.add(a, b.reshape([1, 1, 1, channels])).data();
      assert.deepEqual(await tf.add(a, b).data(), expected);
    });
  }

  test('keeps −0, infinities and NaN as the package does', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor2d([-0, 0, Infinity, -Infinity, NaN, 1, -1, 3e38], [2, 4]);
    const b = tf.tensor1d([-0, -0, -Infinity, Infinity]);
    const expected = new Uint32Array((await tf.add(a, b.reshape([1, 4])).data() as Float32Array).buffer);
    assert.deepEqual(new Uint32Array((await tf.add(a, b).data() as Float32Array).buffer), expected);
  });
});
