export { type ControlPoint, DIGIT_TEMPLATES, type DigitTemplate, TEMPLATE_NAMES, type TemplateStroke, templatesOf } from './digit-templates.js';
export { HandwritingStyle, type HandwritingStyleInput } from './handwriting-style.js';
export { HandwritingParams, WarpTerm, sampleHandwriting } from './sample-handwriting.js';
export { type Stroke, handwritingStrokes } from './handwriting-strokes.js';
export { type Raster, type RasteriseOptions, rasteriseStrokes } from './rasterise-strokes.js';
export { strokeGeometry } from './stroke-geometry.js';
