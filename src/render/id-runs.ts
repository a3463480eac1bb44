/**
 * Run-length coding of instance-id buffers for the trip from the page to Node: ids come in large
 * uniform regions, so runs are a fraction of the raw bytes, and bytes crossing the DevTools
 * protocol are the pipeline's main cost. Format: (id: u8, length: u16 little-endian) per run; runs
 * longer than 65535 are split.
 */
export function encodeIdRuns(ids: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < ids.length) {
    const id = ids[i]!;
    let run = 1;
    while (i + run < ids.length && ids[i + run] === id && run < 0xffff) run++;
    out.push(id, run & 0xff, run >> 8);
    i += run;
  }
  return Uint8Array.from(out);
}

/** The ids of `length` pixels from their runs; throws if the runs do not cover exactly `length`. */
export function decodeIdRuns(runs: Uint8Array, length: number): Uint8Array {
  const ids = new Uint8Array(length);
  let at = 0;
  for (let r = 0; r + 2 < runs.length; r += 3) {
    const run = runs[r + 1]! | (runs[r + 2]! << 8);
    if (at + run > length) break;
    ids.fill(runs[r]!, at, at + run);
    at += run;
  }
  if (at !== length || runs.length % 3 !== 0) throw new Error(`id runs cover ${at} pixels, expected ${length}`);
  return ids;
}
