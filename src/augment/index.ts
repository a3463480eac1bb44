export {
  AugmentRecipe, type AugmentRecipeInput, TRANSFORM_ORDER, type TransformName, defaultRecipe, loadRecipe, parseRecipe, recipeHash, recipeJsonSchema, referenceRecipe,
} from './recipe.js';
export type * from './augment-params.js';
export { partnersOf } from './augment-params.js';
export { type ImageSize, type SampleOptions, sampleAugmentation } from './sample-augmentation.js';
export { type ApplyOptions, type AugmentedLabels, type ImageLabels, type SoftLabel, applyAugmentation } from './apply-augmentation.js';
export { type BoxLabel, transformBox } from './boxes.js';
export type { Raster } from './kernels/raster.js';
export { type Mat3 } from './matrix.js';
export { warpMatrix } from './warp-matrix.js';
export { type AugmentedBatch, augmentBatch } from './augment-batch.js';
export { AugmentWorkers } from './augment-workers.js';
export { type OnlineAugmenter, type OnlineAugmenterOptions, type OnlineBatch, type OnlineBatchInput, createOnlineAugmenter } from './online-augmenter.js';
export { type AugmentDatasetOptions, type AugmentSummary, augmentDataset } from './augment-dataset.js';
