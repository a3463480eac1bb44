export { type Box, type InstanceStats, instanceStats } from './instance-stats.js';
export { type PreviewOptions, previewSheet } from './preview-sheet.js';
export { type ObjectLabel, type ObjectLabelInput, objectLabels } from './object-labels.js';
