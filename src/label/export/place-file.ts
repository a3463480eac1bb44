import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { inDataset } from '../../dataset/index.js';

/** Errors that mean "no hard link here": another file system, or one without links. */
const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);

/**
 * Puts dataset files into an export folder: hard links when the export is on the dataset's file
 * system (no bytes copied; the export's files are the dataset's, so editing one edits both), copies
 * otherwise. Each target is placed once, however many formats ask for it.
 */
export class FilePlacer {
  private linking = true;
  private readonly folders = new Set<string>();
  private readonly placed = new Set<string>();

  constructor(private readonly dataset: string, private readonly root: string) {}

  /** `source` relative to the dataset, `target` relative to the export root, both with '/'. */
  place(source: string, target: string): void {
    if (this.placed.has(target)) return;
    const to = inDataset(this.root, target);
    const folder = path.dirname(to);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    const from = inDataset(this.dataset, source);
    if (this.linking) {
      try {
        linkSync(from, to);
        this.placed.add(target);
        return;
      } catch (error) {
        if (!CANNOT_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
        this.linking = false;
      }
    }
    copyFileSync(from, to);
    this.placed.add(target);
  }

  /** Whether files were hard-linked (false once any had to be copied). */
  get linked(): boolean {
    return this.linking;
  }
}
