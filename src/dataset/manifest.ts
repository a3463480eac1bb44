import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SynthError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { ManifestRecord } from './dataset-schema.js';
import { MANIFEST_FILE, inDataset } from './paths.js';

export interface ManifestScan {
  /** Records that parse and whose image file exists, in file order, first occurrence of each id. */
  records: ManifestRecord[];
  /** Each record's line as it was written (rewriting these keeps the manifest's bytes). */
  lines: string[];
  /** Lines dropped: torn by an interruption, unparseable, duplicated, or pointing at a missing image. */
  dropped: number;
}

/**
 * Reads a manifest for resuming: keeps only records a resume can trust. A missing manifest is empty.
 * `checkImages` stats every image (one syscall each), which a resume needs and a reader may skip.
 */
export async function scanManifest(dir: string, checkImages = true): Promise<ManifestScan> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return { records: [], lines: [], dropped: 0 };
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  // Text after the last newline is a line whose write was cut short.
  const complete = lines.slice(0, -1);
  let dropped = lines.at(-1) === '' ? 0 : 1;
  const seen = new Set<number>();
  const records: ManifestRecord[] = [];
  const kept: string[] = [];
  for (const line of complete) {
    const record = parseLine(line);
    if (!record || seen.has(record.id) || (checkImages && !existsSync(inDataset(dir, record.file)))) {
      dropped++;
      continue;
    }
    seen.add(record.id);
    records.push(record);
    kept.push(line);
  }
  return { records, lines: kept, dropped };
}

/** Every record of a complete dataset; any bad line is an error naming the file and line. */
export async function readManifest(dir: string): Promise<ManifestRecord[]> {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new SynthError(`${dir}: not a synth dataset (no ${MANIFEST_FILE})`);
  }
  const records: ManifestRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const record = parseLine(line);
    if (!record) throw new SynthError(`${file}:${i + 1}: not a valid manifest record`);
    records.push(record);
  });
  return records;
}

function parseLine(line: string): ManifestRecord | undefined {
  try {
    const result = ManifestRecord.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the manifest with exactly these lines (records as written, without newlines), atomically. */
export async function rewriteManifest(dir: string, lines: readonly string[]): Promise<void> {
  await writeFileAtomic(path.join(dir, MANIFEST_FILE), lines.map((l) => `${l}\n`).join(''));
}

/** The scanned lines ordered by record id. */
export function linesById(scan: Pick<ManifestScan, 'records' | 'lines'>): string[] {
  return scan.records.map((r, i) => [r.id, scan.lines[i]!] as const).sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}

/**
 * Appends records in a fixed order whatever order they arrive in, so the manifest of a run is the
 * same bytes at any concurrency, and an interrupted run leaves a prefix of that order. Each line
 * is appended only after its image is in place.
 */
export class OrderedManifestWriter {
  private readonly waiting = new Map<number, string>();
  private next = 0;

  private constructor(private readonly fd: number, private readonly order: readonly number[]) {}

  static async open(dir: string, order: readonly number[]): Promise<OrderedManifestWriter> {
    return new OrderedManifestWriter(openSync(path.join(dir, MANIFEST_FILE), 'a'), order);
  }

  /** Records waiting for an earlier id. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Queues the record and appends every record now in order, in one synchronous write. */
  add(id: number, record: object): void {
    this.waiting.set(id, `${JSON.stringify(record)}\n`);
    let chunk = '';
    while (this.next < this.order.length && this.waiting.has(this.order[this.next]!)) {
      const key = this.order[this.next++]!;
      chunk += this.waiting.get(key)!;
      this.waiting.delete(key);
    }
    if (chunk !== '') writeSync(this.fd, chunk);
  }

  close(): void {
    closeSync(this.fd);
  }
}
