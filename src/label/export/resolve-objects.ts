import type { DatasetMeta } from '../../dataset/index.js';
import { type LabelsSpec, passesLabelFilters } from '../filters.js';
import { type Box, instanceStats } from '../instance-stats.js';
import { type LabelRecord, instanceOf } from '../label-object.js';
import { readMask } from '../read-mask.js';
import { type Rle, encodeInstances } from '../rle.js';

/** One object as the detection formats write it. */
export interface ExportObject {
  /** Its position in the record's `objects`. */
  index: number;
  /** Index into dataset.json `classes`. */
  category: number;
  /** Tight box: the mask's extent when the record has a mask, else the record's box clipped to the image. */
  box: Box;
  /** Mask pixels, or the box's area when the record has no mask. */
  area: number;
  /** Only when the record has a mask and RLEs were asked for. */
  rle?: Rle;
  amodal?: Box | null;
  truncated?: boolean;
  visibility?: number;
  /** Flagged by a label filter: COCO writes it as iscrowd 1, YOLO leaves it out. */
  ignored: boolean;
}

export interface ExportImage {
  record: LabelRecord;
  /** undefined when the record has no `objects` (a classification record). */
  objects?: ExportObject[];
}

export interface ResolveCounts {
  /** Objects with nothing visible (no mask pixels, or no box), which no detection format can write. */
  invisible: number;
  /** Objects removed by the export's drop filter. */
  dropped: number;
  /** Objects whose recorded box differs from their mask's extent (the mask wins). */
  boxMismatches: number;
}

export interface ResolveOptions {
  dataset: string;
  meta: DatasetMeta;
  labels: LabelsSpec | undefined;
  rle: boolean;
  counts: ResolveCounts;
}

/** The record's objects after the filters, with boxes and areas from its mask when it has one. */
export async function resolveObjects(record: LabelRecord, options: ResolveOptions): Promise<ExportImage> {
  if (record.objects === undefined) return { record };
  const { meta, labels, counts } = options;
  const { width, height } = meta.image;
  const kept = record.objects.flatMap((o, index) => {
    const passes = labels === undefined || passesLabelFilters(o, labels);
    if (!passes && labels?.mode === 'drop') {
      counts.dropped++;
      return [];
    }
    return [{ o, index, value: instanceOf(o, index), ignored: o.ignore === true || !passes }];
  });
  const mask = record.mask === undefined || kept.length === 0 ? undefined : await readMask(options.dataset, record.mask, width, height);
  const values = [...new Set(kept.map((k) => k.value).filter((v) => v <= 255))];
  const stats = mask && instanceStats(mask, width, height, Math.max(0, ...values)).instances;
  const rles = mask && options.rle ? encodeInstances(mask, width, height, values) : undefined;
  const objects = kept.flatMap(({ o, index, value, ignored }): ExportObject[] => {
    // Classes were checked against dataset.json before the export began.
    const category = meta.classes.indexOf(o.class);
    let box: Box | null;
    let area: number;
    if (stats) {
      const s = stats[value - 1];
      box = s?.box ?? null;
      area = s?.pixels ?? 0;
      if (box && o.box && o.box.some((v, i) => v !== box![i])) counts.boxMismatches++;
    } else {
      box = o.box && clipBox(o.box, width, height);
      area = box ? box[2] * box[3] : 0;
    }
    if (!box || area === 0) {
      counts.invisible++;
      return [];
    }
    return [{
      index, category, box, area, ignored,
      ...(rles ? { rle: rles[values.indexOf(value)]! } : {}),
      ...(o.amodal !== undefined ? { amodal: o.amodal } : {}),
      ...(o.truncated !== undefined ? { truncated: o.truncated } : {}),
      ...(o.visibility !== undefined ? { visibility: o.visibility } : {}),
    }];
  });
  return { record, objects };
}

function clipBox(box: Box, width: number, height: number): Box | null {
  const x0 = Math.max(0, box[0]), y0 = Math.max(0, box[1]);
  const x1 = Math.min(width, box[0] + box[2]), y1 = Math.min(height, box[1] + box[3]);
  return x1 > x0 && y1 > y0 ? [x0, y0, x1 - x0, y1 - y0] : null;
}
