import type { Split } from '../dataset/index.js';
import { DatasetBuilder } from '../dataset/index.js';
import { SynthError } from '../errors.js';
import { readIdxFile } from './idx-file.js';

export interface IdxSource {
  images: string;
  labels: string;
  split: Split;
}

export interface ImportIdxOptions {
  sources: IdxSource[];
  out: string;
  name?: string | undefined;
  /** Class names by label; default "0", "1", … up to the largest label. */
  classes?: string[] | undefined;
  force?: boolean | undefined;
}

/** Turns IDX image/label file pairs (MNIST, Fashion-MNIST) into a dataset folder of grey PNGs. */
export async function importIdx(options: ImportIdxOptions): Promise<{ out: string; count: number; bySplit: Record<string, number> }> {
  const pairs = options.sources.map((source) => {
    const images = readIdxFile(source.images);
    const labels = readIdxFile(source.labels);
    if (images.dims.length !== 3) throw new SynthError(`${source.images}: expected images (3 dimensions: count × rows × columns), got ${images.dims.length}`);
    if (labels.dims.length !== 1) throw new SynthError(`${source.labels}: expected labels (1 dimension), got ${labels.dims.length}`);
    if (images.dims[0] !== labels.dims[0]) {
      throw new SynthError(`${source.images} has ${images.dims[0]} images but ${source.labels} has ${labels.dims[0]} labels`);
    }
    return { source, images, labels };
  });
  const [height, width] = [pairs[0]!.images.dims[1]!, pairs[0]!.images.dims[2]!];
  for (const p of pairs) {
    if (p.images.dims[1] !== height || p.images.dims[2] !== width) {
      throw new SynthError(`${p.source.images}: images are ${p.images.dims[1]}×${p.images.dims[2]}, but ${pairs[0]!.source.images} has ${height}×${width}`);
    }
  }
  const maxLabel = Math.max(...pairs.map((p) => p.labels.data.reduce((m, v) => Math.max(m, v), 0)));
  const classes = options.classes ?? Array.from({ length: maxLabel + 1 }, (_, i) => String(i));
  if (maxLabel >= classes.length) {
    throw new SynthError(`--classes names ${classes.length} classes, but the labels go up to ${maxLabel}`);
  }

  const builder = await DatasetBuilder.create({
    out: options.out, kind: 'real', name: options.name ?? 'idx', classes, force: options.force,
    inputs: options.sources.flatMap((s) => [s.images, s.labels]),
    image: { width, height, channels: 1 },
    extra: { source: { format: 'idx', files: options.sources } },
  });
  const bySplit: Record<string, number> = {};
  try {
    for (const { source, images, labels } of pairs) {
      const per = width * height;
      for (let i = 0; i < labels.dims[0]!; i++) {
        await builder.add({
          pixels: Buffer.from(images.data.subarray(i * per, (i + 1) * per)),
          label: labels.data[i]!,
          split: source.split,
          extra: { source: { file: source.images, index: i } },
        });
        bySplit[source.split] = (bySplit[source.split] ?? 0) + 1;
      }
    }
    return { out: await builder.commit(), count: builder.count, bySplit };
  } catch (error) {
    await builder.abort();
    throw error;
  }
}
