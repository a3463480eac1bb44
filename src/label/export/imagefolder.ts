import { type DatasetMeta, MANIFEST_FILE, META_FILE } from '../../dataset/index.js';
import { SynthError } from '../../errors.js';
import type { LabelRecord } from '../label-object.js';
import type { ExportContext, FormatResult, FormatWriter } from './format-writer.js';

/** Every class must be usable as a folder name, and every record's class one of them. */
export function checkImageFolder(meta: DatasetMeta, records: readonly LabelRecord[]): void {
  meta.classes.forEach((name, i) => {
    const bad = name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name);
    if (bad) throw new SynthError(`${META_FILE}: classes[${i}] is ${JSON.stringify(name)}, which cannot be a folder name (--format imagefolder makes a folder per class)`);
  });
  const unknown = records.find((r) => r.class !== undefined && !meta.classes.includes(r.class));
  if (unknown) throw new SynthError(`${MANIFEST_FILE}: record ${unknown.id} (${unknown.file}): class is ${JSON.stringify(unknown.class)}, not one of ${META_FILE} classes`);
}

/**
 * Classification: `<split>/<class>/<image file name>` for every record, by the record's whole-image
 * class (the layout of torchvision's ImageFolder and Ultralytics' classify datasets); images without
 * a class (no labelled object in view) are skipped and counted.
 */
export function imageFolderWriter(ctx: ExportContext): FormatWriter {
  let images = 0;
  let skipped = 0;
  return {
    add({ record }) {
      // An image that shows no labelled object has no class to be filed under.
      if (record.class === undefined) {
        skipped++;
        return;
      }
      ctx.placer.place(record.file, `${record.split}/${record.class}/${record.file.slice(record.file.lastIndexOf('/') + 1)}`);
      images++;
    },
    async finish(): Promise<FormatResult> {
      return { format: 'imagefolder', images, skipped, files: [] };
    },
  };
}
