import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Split } from '../../dataset/index.js';
import { compressRle } from '../rle.js';
import { type ExportContext, type FormatResult, type FormatWriter, writePieces } from './format-writer.js';
import type { ExportImage, ExportObject } from './resolve-objects.js';

export type RleForm = 'compressed' | 'uncompressed';

export interface CocoTarget {
  /** The file to write (in the staging area). */
  file: string;
  /** Where `file_name`s are relative to, relative to the final file's folder (recorded in info.synth). */
  imageRoot: string;
  /** Link the images into the export (a folder export), or leave them in the dataset (a single file). */
  placeImages: boolean;
  /** Also write coco_<split>.json beside the file when the records are in more than one split. */
  splitFiles: boolean;
  rle: RleForm;
}

interface Entry {
  split: Split;
  json: string;
  /** Annotations: whether it has a segmentation. */
  masked?: boolean;
}

/**
 * Which annotations have a segmentation. Records without a mask file give box-only annotations (no
 * `segmentation` key, area = box area); pycocotools' segm evaluation needs every annotation to have
 * one, so a file with "some" suits box evaluation only.
 */
function segmentationCoverage(annotations: readonly Entry[]): 'all' | 'some' | 'none' {
  const masked = annotations.filter((a) => a.masked).length;
  return masked === annotations.length ? 'all' : masked === 0 ? 'none' : 'some';
}

/**
 * COCO detection and instance segmentation. Ids are integers from 1 (pycocotools' evaluation reads
 * an annotation id of 0 as "unmatched"): image id = manifest id + 1, category id = class index + 1,
 * annotation ids in manifest order. Records without `objects` are left out (they carry no detection
 * labels; listing them would claim they hold nothing); `objects: []` is an image with no annotations.
 */
export function cocoWriter(ctx: ExportContext, target: CocoTarget): FormatWriter {
  const { meta } = ctx;
  const images: Entry[] = [];
  const annotations: Entry[] = [];
  let skipped = 0;
  let ignored = 0;

  const annotation = (image: ExportImage, o: ExportObject): string => {
    if (o.ignored) ignored++;
    return JSON.stringify({
      id: annotations.length + 1,
      image_id: image.record.id + 1,
      category_id: o.category + 1,
      bbox: o.box,
      area: o.area,
      ...(o.rle ? { segmentation: target.rle === 'compressed' ? compressRle(o.rle) : o.rle } : {}),
      // COCO's own way of saying "neither a hit nor a miss here": evaluation and trainers ignore crowd regions.
      iscrowd: o.ignored ? 1 : 0,
      // Extras COCO tools pass over.
      synth_object: o.index,
      ...(o.visibility !== undefined ? { visibility: o.visibility } : {}),
      ...(o.amodal !== undefined ? { amodal_bbox: o.amodal } : {}),
      ...(o.truncated !== undefined ? { truncated: o.truncated } : {}),
    });
  };

  return {
    add(image) {
      if (image.objects === undefined) {
        skipped++;
        return;
      }
      const { record } = image;
      if (target.placeImages) ctx.placer.place(record.file, record.file);
      images.push({
        split: record.split,
        json: JSON.stringify({ id: record.id + 1, file_name: record.file, width: meta.image.width, height: meta.image.height, split: record.split, synth_id: record.id }),
      });
      for (const o of image.objects) annotations.push({ split: record.split, json: annotation(image, o), masked: o.rle !== undefined });
    },

    async finish(): Promise<FormatResult> {
      const categories = meta.classes.map((name, i) => ({ id: i + 1, name, supercategory: '' }));
      const splits = [...new Set(images.map((i) => i.split))];
      const head = (split?: Split) => {
        const mine = split ? annotations.filter((a) => a.split === split) : annotations;
        const info = {
          description: `synth export of ${meta.name}${split ? ` (${split})` : ''}`,
          version: '1',
          year: new Date().getUTCFullYear(),
          contributor: 'synth',
          url: '',
          date_created: new Date().toISOString(),
          synth: { dataset: ctx.identity, image_root: target.imageRoot, splits: split ? [split] : splits, segmentation: segmentationCoverage(mine) },
        };
        return `{"info":${JSON.stringify(info)},\n"licenses":[],\n"categories":${JSON.stringify(categories)},\n`;
      };
      mkdirSync(path.dirname(target.file), { recursive: true });
      const files = [target.file];
      writePieces(target.file, cocoPieces(head(), images, annotations));
      if (target.splitFiles && splits.length > 1) {
        for (const split of splits) {
          const file = path.join(path.dirname(target.file), `coco_${split}.json`);
          const mine = (e: Entry) => e.split === split;
          writePieces(file, cocoPieces(head(split), images.filter(mine), annotations.filter(mine)));
          files.push(file);
        }
      }
      return { format: 'coco', images: images.length, skipped, annotations: annotations.length, ignored, files };
    },
  };
}

/** One image or annotation a line, so the file can be read (and diffed) by eye. */
function* cocoPieces(head: string, images: readonly Entry[], annotations: readonly Entry[]): Generator<string> {
  yield head;
  yield '"images":[';
  for (let i = 0; i < images.length; i++) yield `${i === 0 ? '\n' : ',\n'}${images[i]!.json}`;
  yield '],\n"annotations":[';
  for (let i = 0; i < annotations.length; i++) yield `${i === 0 ? '\n' : ',\n'}${annotations[i]!.json}`;
  yield ']}\n';
}
