import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SynthError, zodIssueLines } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { DatasetMeta } from './dataset-schema.js';
import { META_FILE } from './paths.js';

/** dataset.json of a folder, or undefined when there is none. A malformed one is an error. */
export async function readDatasetMeta(dir: string): Promise<DatasetMeta | undefined> {
  const file = path.join(dir, META_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SynthError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const result = DatasetMeta.safeParse(raw);
  if (!result.success) throw new SynthError(`${file}: not a synth dataset description`, { details: zodIssueLines(result.error, raw) });
  return result.data;
}

export async function writeDatasetMeta(dir: string, meta: DatasetMeta): Promise<void> {
  await writeFileAtomic(path.join(dir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
}
