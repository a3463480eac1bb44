export { type ClassMetrics, type ClassificationMetrics, argmaxRows, classificationMetrics } from './classification-metrics.js';
export { type EvaluateOptions, type EvaluationResult, evaluateModel } from './evaluate-model.js';
export { GapReport, GapRun } from './gap-report.js';
export { type GapOptions, equivalentFraction, measureGap } from './gap.js';
export { renderGapHtml } from './gap-html.js';
export { kernelDistance } from './kid.js';
export { type PseudoLabelOptions, type PseudoLabelSummary, writePseudoLabels } from './pseudo-labels.js';
export { type ClassSlices, type ParameterSlice, classSlices, flattenParams, parameterSlices } from './parameter-slices.js';
