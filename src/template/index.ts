// The template model's public API: load a SAM / CloudFormation template into the typed App model.
export { loadTemplate, buildApp, displayPath } from './load.js';
export { parseTemplateText, toLongForm, type ParsedTemplate } from './reader/parse.js';
export { SourceMap } from './reader/source-map.js';
export { validateSamSchema, type SchemaProblem } from './schema/validate.js';
export { formatPosition } from './errors.js';
export { generatedName, nameSuffix } from './names/physical.js';
export * from './model.js';
