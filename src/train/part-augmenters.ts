import path from 'node:path';
import { type AugmentRecipe, type OnlineAugmenter, createOnlineAugmenter, loadRecipe, recipeHash } from '../augment/index.js';
import type { DataSource } from './training-data.js';

export interface RecipeRecord {
  file: string;
  hash: string;
}

/** What a run's config.json and the gap report record of a recipe file (read and checked here). */
export function recipeRecord(file: string, recipe: AugmentRecipe = loadRecipe(file)): RecipeRecord {
  return { file: path.resolve(file), hash: recipeHash(recipe) };
}

export interface PartAugmenters {
  /** Per blend part (in the order of the sources): its on-the-fly augmenter, or none. */
  augmenters: (OnlineAugmenter | undefined)[];
  /** Per part: the recipe used, for config.json. */
  recipes: (RecipeRecord | null)[];
  /** The run's recipe (for the sources without their own), for config.json. */
  run: RecipeRecord | null;
}

/**
 * Each source's augmentation: its own recipe, else the run's, else none. Parts with the same recipe
 * file share one augmenter, so they augment together (and mix with each other) as one batch. Every
 * recipe is read and checked here, before the run folder is touched.
 */
export function partAugmenters(sources: readonly DataSource[], runRecipe: string | undefined, seed: number, classes: number): PartAugmenters {
  const byFile = new Map<string, { augmenter: OnlineAugmenter; record: RecipeRecord }>();
  const forFile = (file: string) => {
    const resolved = path.resolve(file);
    let entry = byFile.get(resolved);
    if (!entry) {
      const recipe = loadRecipe(file);
      entry = { augmenter: createOnlineAugmenter(recipe, seed, { classes }), record: recipeRecord(file, recipe) };
      byFile.set(resolved, entry);
    }
    return entry;
  };
  const run = runRecipe === undefined ? undefined : forFile(runRecipe);
  const entries = sources.map((s) => (s.augment === undefined ? run : forFile(s.augment)));
  return { augmenters: entries.map((e) => e?.augmenter), recipes: entries.map((e) => e?.record ?? null), run: run?.record ?? null };
}
