import { mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { type Split, inDataset } from '../../dataset/index.js';
import type { ExportContext, FormatResult, FormatWriter } from './format-writer.js';

/** `images/000/000123.png` → `labels/000/000123.txt`: Ultralytics finds a label by swapping the last /images/ for /labels/. */
export function yoloLabelFile(imageFile: string): string {
  return imageFile.replace(/^images\//, 'labels/').replace(/\.[^./]+$/, '.txt');
}

/**
 * Ultralytics YOLO detection: the images (linked) and one `class cx cy w h` line per object,
 * normalised to the image size, in labels/ mirroring images/; per-split lists of images (train.txt,
 * …, lines `./images/…` that Ultralytics reads relative to the list's folder); data.yaml. Objects
 * flagged ignore are left out (the format has no ignore); an image with no objects gets an empty
 * file (a background image). Records without `objects` are left out.
 */
export function yoloWriter(ctx: ExportContext): FormatWriter {
  const { width, height } = ctx.meta.image;
  const lists = new Map<Split, string[]>();
  const folders = new Set<string>();
  let images = 0, skipped = 0, annotations = 0, ignored = 0;

  return {
    add({ record, objects }) {
      if (objects === undefined) {
        skipped++;
        return;
      }
      ctx.placer.place(record.file, record.file);
      const lines = objects.flatMap((o) => {
        if (o.ignored) {
          ignored++;
          return [];
        }
        annotations++;
        const [x, y, w, h] = o.box;
        return [`${o.category} ${fixed((x + w / 2) / width)} ${fixed((y + h / 2) / height)} ${fixed(w / width)} ${fixed(h / height)}\n`];
      });
      const file = inDataset(ctx.root, yoloLabelFile(record.file));
      const folder = path.dirname(file);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      writeFileSync(file, lines.join(''));
      if (!lists.has(record.split)) lists.set(record.split, []);
      lists.get(record.split)!.push(`./${record.file}\n`);
      images++;
    },

    async finish(): Promise<FormatResult> {
      const files: string[] = [];
      for (const [split, entries] of lists) {
        files.push(path.join(ctx.root, `${split}.txt`));
        await writeFile(files.at(-1)!, entries.join(''));
      }
      files.push(path.join(ctx.root, 'data.yaml'));
      await writeFile(files.at(-1)!, dataYaml(ctx, [...lists.keys()]));
      return { format: 'yolo', images, skipped, annotations, ignored, files };
    },
  };
}

function fixed(v: number): string {
  return v.toFixed(6);
}

/** Ultralytics requires `train` and `val`; a dataset without a val split validates on its training images (and says so). */
function dataYaml(ctx: ExportContext, splits: Split[]): string {
  const list = (split: Split) => (splits.includes(split) ? `${split}.txt` : undefined);
  const val = list('val') ?? list('train') ?? list('test');
  const doc = new YAML.Document({
    path: ctx.out,
    train: list('train') ?? val,
    val,
    ...(list('test') ? { test: list('test') } : {}),
    names: new Map(ctx.meta.classes.map((name, i) => [i, name])),
  });
  const notes = [
    `Ultralytics YOLO detection data, exported by synth from ${ctx.identity.path}.`,
    'path is this folder; if you move the folder, change it (a relative path would be read against',
    "Ultralytics' datasets_dir setting, not this file's folder). Lists hold ./images/... relative to path.",
  ];
  if (!splits.includes('val')) notes.push(`The dataset has no val split: val lists the ${list('train') ? 'training' : 'test'} images.`);
  doc.commentBefore = notes.map((n) => ` ${n}`).join('\n');
  return doc.toString();
}
