// Input transformation: the JSONPath subset, rule target input (Input, InputPath, InputTransformer) and
// Pipes input templates, with AWS's quoting rules. Pure: imports nothing else of eddy.

// JSONPath subset: parse once, evaluate many times; a missing field is distinct from a null one.
export { evaluateJsonPath, lookupJsonPath, parseJsonPath } from './json-path.js';
export type { JsonPath, PathLookup, PathParseResult, PathStep } from './json-path.js';

// Rule targets: what a target receives for an event (payload, or why AWS would deliver nothing).
export { applyTargetInput, compileTargetInput } from './target-input.js';
export type { CompiledTargetInput, RuleContext, TargetInputConfig } from './target-input.js';

// Rule targets: PutTargets validation of Input/InputPath/InputTransformer with AWS's messages.
export { isRulePath, validateTargetInput } from './validate-target.js';
export type { TargetInputError } from './validate-target.js';

// Rule templates' reserved variables (aws.events.*) and the aws.events.event envelope shape.
export { envelopeWithoutDetail, RULE_RESERVED_VARIABLES } from './rule-variables.js';

// Pipes: input templates with <$.path> and aws.pipes.* placeholders.
export {
  applyPipeTemplate,
  compilePipeTemplate,
  isPipePlaceholder,
  PIPE_RESERVED_VARIABLES,
  validatePipeTemplate,
} from './pipes-template.js';
export type { CompiledPipeTemplate, PipeContext } from './pipes-template.js';

// Pipes: implicit parsing of JSON SQS bodies and base64 Kinesis/MQ/Kafka payloads (filters use it too).
export { decodePipeEvent } from './pipes-event.js';

// Templates: splitting into placeholders and filling them with AWS's quoting rules.
export { looksLikeVariable, parseTemplate, placeholderNames } from './template.js';
export type { ParsedTemplate, PlaceholderTest, TemplateSegment } from './template.js';
export { isJsonText, renderTemplate, writeValue } from './render.js';
export type { PlaceholderResolver, TransformResult, ValuePosition } from './render.js';
