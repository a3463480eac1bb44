export { type ColourDist, type NumberDist, sampleColour, sampleNumber } from './distributions.js';
export { FrameSpec } from './frame-spec.js';
export { type LoadedScene, loadScene, sceneFromText } from './load-scene.js';
export { findChromium } from './browser.js';
export { type RenderOptions, type RenderProgress, type RenderStart, type RenderSummary, type Shard, renderDataset } from './render-dataset.js';
export { sampleFrame } from './sample-frame.js';
export { SceneSpec, type SceneInput } from './scene-schema.js';
export { sceneJsonSchema } from './scene-json-schema.js';
export { type MergeOptions, mergeShards } from './merge-shards.js';
