export { DatasetMeta, type LabelledRecord, ManifestRecord, Split, requireLabels } from './dataset-schema.js';
export { TEMP_MARKER, writeFileAtomic } from './atomic-write.js';
export { acquireLock, processExists } from './lock.js';
export { type ManifestScan, OrderedManifestWriter, linesById, readManifest, rewriteManifest, scanManifest } from './manifest.js';
export { DEPTH_DIR, IMAGES_DIR, LOCK_FILE, MANIFEST_FILE, MASKS_DIR, META_FILE, OWNED_ENTRIES, SEMANTIC_DIR, depthFile, imageFile, inDataset, maskFile, semanticFile } from './paths.js';
export { readDatasetMeta, writeDatasetMeta } from './meta.js';
export { encodePng, encodePng16, encodeSmallPng } from './encode-png.js';
export { type BuilderImage, type BuilderOptions, DatasetBuilder } from './dataset-builder.js';
export { type ImageBatch, readImages } from './read-images.js';
