import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { codeHash } from '../code-hash.js';
import { META_FILE, MANIFEST_FILE, writeFileAtomic } from '../dataset/index.js';
import { stableStringify } from '../stable-json.js';

/** The file in a report folder that says what the report is made of, so that a later run can resume it. */
export const PLAN_FILE = 'gap-plan.json';

/** The compiled code a report's models and figures depend on. */
const PARTS = ['src/train', 'src/eval', 'src/augment', 'src/dataset', 'src/rng.js'];

/**
 * Everything a gap report's figures depend on: its settings, the contents of both datasets and the
 * build of synth. A report may be resumed only by a run with the same plan: then every run it
 * kept, and the one it continues from a checkpoint, are what an uninterrupted run would train.
 */
export const GapPlan = z.object({
  format: z.literal('synth-gap-plan'),
  version: z.literal(1),
  build: z.string(),
  settings: z.record(z.string(), z.unknown()),
  data: z.object({ synthetic: z.string(), real: z.string() }),
});
export type GapPlan = z.output<typeof GapPlan>;

export async function gapPlan(settings: Record<string, unknown>, synthetic: string, real: string): Promise<GapPlan> {
  return {
    format: 'synth-gap-plan', version: 1, build: codeHash(PARTS), settings: JSON.parse(stableStringify(settings)) as Record<string, unknown>,
    data: { synthetic: await datasetFingerprint(synthetic), real: await datasetFingerprint(real) },
  };
}

/** A hash of a dataset's description (less its timestamps) and its manifest, which names and labels every image. */
async function datasetFingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const { createdAt: _c, updatedAt: _u, ...meta } = JSON.parse(await readFile(path.join(dir, META_FILE), 'utf8')) as Record<string, unknown>;
  hash.update(stableStringify(meta));
  for await (const chunk of createReadStream(path.join(dir, MANIFEST_FILE))) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function writeGapPlan(out: string, plan: GapPlan): Promise<void> {
  await writeFileAtomic(path.join(out, PLAN_FILE), `${JSON.stringify(plan, null, 2)}\n`);
}

/** The plan a report folder was started with, or undefined when it has none (a report from before plans) or a damaged one. */
export async function readGapPlan(out: string): Promise<GapPlan | undefined> {
  try {
    return GapPlan.parse(JSON.parse(await readFile(path.join(out, PLAN_FILE), 'utf8')));
  } catch {
    return undefined;
  }
}

/** What differs between two plans, one line per setting, dataset or build: "settings.epochs: 5, now 10". */
export function planChanges(saved: GapPlan, current: GapPlan): string[] {
  const changes: string[] = [];
  const keys = [...new Set([...Object.keys(saved.settings), ...Object.keys(current.settings)])].sort();
  for (const key of keys) {
    const [was, now] = [saved.settings[key], current.settings[key]].map((v) => stableStringify(v ?? null));
    if (was !== now) changes.push(`settings.${key}: ${was}, now ${now}`);
  }
  for (const which of ['synthetic', 'real'] as const) {
    if (saved.data[which] !== current.data[which]) changes.push(`the ${which} dataset's images or labels`);
  }
  if (saved.build !== current.build) changes.push(`the build of synth (${saved.build.slice(0, 12)}, now ${current.build.slice(0, 12)})`);
  return changes;
}
