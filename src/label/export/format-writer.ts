import { closeSync, openSync, writeSync } from 'node:fs';
import type { DatasetMeta } from '../../dataset/index.js';
import type { DatasetIdentity } from './export-target.js';
import type { FilePlacer } from './place-file.js';
import type { ExportImage } from './resolve-objects.js';

/** What every format writer is given. */
export interface ExportContext {
  /** The dataset folder (absolute). */
  dataset: string;
  meta: DatasetMeta;
  identity: DatasetIdentity;
  /** The staging folder the export is written into. */
  root: string;
  /** Where the export will be once complete (absolute). */
  out: string;
  /** Places dataset files (images, depth maps) into the export. */
  placer: FilePlacer;
}

export interface FormatResult {
  format: string;
  /** Images the format wrote (records it skipped are not counted). */
  images: number;
  /** Records the format could not use (detection formats: records without objects; depth: without a depth map). */
  skipped: number;
  /** Detection formats: objects written, and how many of them as ignored (iscrowd 1 in COCO). */
  annotations?: number;
  ignored?: number;
  /** Files written at the top of the export (relative), such as annotations/coco.json or data.yaml. */
  files: string[];
}

/** A format: records go in one at a time, in manifest order; `finish` writes what is left. */
export interface FormatWriter {
  add(image: ExportImage): void;
  finish(): Promise<FormatResult>;
}

/** Writes text made of many pieces without first joining them into one (large) string. */
export function writePieces(file: string, pieces: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length >= 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk !== '') writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
