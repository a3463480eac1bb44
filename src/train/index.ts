export { selectBackend, type BackendRequest, type SelectBackendOptions, type SelectedBackend } from './backend.js';
export { referenceModel, smallResnet, type ModelOptions, type SmallResnetOptions } from './models.js';
export { registerWasmKernels } from './wasm-kernels/index.js';
export { loadModel, saveModel } from './model-files.js';
export { DEFAULT_EMA, type EpochMetrics, MODELS, type ModelName, type TrainOptions, type TrainSummary, trainModel } from './train-model.js';
export { type UnlabelledOptions } from './unlabelled.js';
export { type DataSource, type LabelledImages, loadBlend, loadLabelledImages, readSplit } from './training-data.js';
export { predictProbabilities } from './tensors.js';
export { LR_SCHEDULES, type LrSchedule, learningRateAt } from './learning-rate.js';
