// PutTargets' checks of a target's input configuration, with AWS's messages. Sources, per message:
// - recorded against AWS (../shared/conformance/eventbridge/api-errors.json, PutTargets cases):
//   "Only one of Input, InputPath, or InputTransformer must be provided for target <id>." and
//   "InputTemplate for target <id> contains invalid placeholder <name>.";
// - quoted from AWS errors reported by users: "Input for target <id> is not a valid JSON text."
//   (awsdocs/aws-cloudformation-user-guide#1010) and "InputPath for target <id> is invalid.", which AWS
//   also gives for InputPathsMap values, including bracket members, since "You must use JSON dot
//   notation, not bracket notation" (API_InputTransformer);
// - length and pattern limits of the API model (InputTemplate 1..8192, Input and InputPath up to 8192 and
//   256, InputPathsMap up to 100 entries, keys [A-Za-z0-9\_\-]+ of 1..256, values up to 256), worded in
//   AWS's generic "1 validation error detected" format, as the recorded target id errors are.
import { parseJsonPath } from './json-path.js';
import { isJsonText } from './render.js';
import { RULE_RESERVED_VARIABLES } from './rule-variables.js';
import type { TargetInputConfig } from './target-input.js';
import { parseTemplate, placeholderNames } from './template.js';

/** An AWS API error: its code and exact message. */
export interface TargetInputError {
  code: 'ValidationException';
  message: string;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
const RESERVED = new Set<string>(RULE_RESERVED_VARIABLES);

/** Checks a target's input configuration as PutTargets does; `position` is the target's 1-based index. */
export function validateTargetInput(
  target: TargetInputConfig & { id?: string },
  position = 1,
): TargetInputError | null {
  const id = target.id ?? '';
  const member = `targets.${position}.member`;
  const given = [target.input, target.inputPath, target.inputTransformer].filter((v) => v !== undefined);
  if (given.length > 1) {
    return error(`Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`);
  }
  if (target.input !== undefined) {
    if (target.input.length > 8192) return tooLong(target.input, `${member}.input`, 8192);
    if (!isJsonText(target.input)) return error(`Input for target ${id} is not a valid JSON text.`);
  }
  if (target.inputPath !== undefined) {
    if (target.inputPath.length > 256) return tooLong(target.inputPath, `${member}.inputPath`, 256);
    if (!isRulePath(target.inputPath)) return error(`InputPath for target ${id} is invalid.`);
  }
  const transformer = target.inputTransformer;
  if (transformer !== undefined) return validateTransformer(transformer, id, `${member}.inputTransformer`);
  return null;
}

function validateTransformer(
  transformer: NonNullable<TargetInputConfig['inputTransformer']>,
  id: string,
  at: string,
): TargetInputError | null {
  const template = transformer.inputTemplate;
  if (template.length < 1)
    return constraint(template, `${at}.inputTemplate`, 'have length greater than or equal to 1');
  if (template.length > 8192) return tooLong(template, `${at}.inputTemplate`, 8192);
  const map = transformer.inputPathsMap ?? {};
  const entries = Object.entries(map);
  if (entries.length > 100) return tooLong(renderMap(map), `${at}.inputPathsMap`, 100);
  for (const [key, path] of entries) {
    if (key.length > 256 || !KEY_PATTERN.test(key)) {
      return validation(
        `Value '${renderMap(map)}' at '${at}.inputPathsMap' failed to satisfy constraint: Map keys must ` +
          `satisfy constraint: [Member must have length less than or equal to 256, Member must have length ` +
          `greater than or equal to 1, Member must satisfy regular expression pattern: [A-Za-z0-9\\_\\-]+]`,
      );
    }
    if (path.length > 256) {
      return validation(
        `Value '${renderMap(map)}' at '${at}.inputPathsMap' failed to satisfy constraint: Map value must ` +
          `satisfy constraint: [Member must have length less than or equal to 256]`,
      );
    }
    if (!isRulePath(path)) return error(`InputPath for target ${id} is invalid.`);
  }
  const parsed = parseTemplate(template);
  for (const name of placeholderNames(parsed)) {
    if (!RESERVED.has(name) && !Object.hasOwn(map, name)) {
      return error(`InputTemplate for target ${id} contains invalid placeholder ${name}.`);
    }
  }
  for (const segment of parsed.segments) {
    // eddy's wording: AWS documents the restriction ("The placeholder cannot be used as an object key")
    // but no recording of its message exists.
    if (segment.kind === 'placeholder' && segment.asKey) {
      return error(`InputTemplate for target ${id} uses placeholder ${segment.name} as an object key.`);
    }
  }
  return null;
}

/** True for a path rule targets accept: the supported subset, in dot notation (indices allowed). */
export function isRulePath(text: string): boolean {
  const parsed = parseJsonPath(text);
  return parsed.ok && !parsed.path.usesQuotedMembers;
}

function error(message: string): TargetInputError {
  return { code: 'ValidationException', message };
}

function validation(detail: string): TargetInputError {
  return error(`1 validation error detected: ${detail}`);
}

function constraint(value: string, at: string, rule: string): TargetInputError {
  return validation(`Value '${value}' at '${at}' failed to satisfy constraint: Member must ${rule}`);
}

function tooLong(value: string, at: string, max: number): TargetInputError {
  return constraint(value, at, `have length less than or equal to ${max}`);
}

/** A map as AWS's validation messages print it (Java's `{key=value, ...}`). */
function renderMap(map: Record<string, string>): string {
  return `{${Object.entries(map)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}}`;
}
