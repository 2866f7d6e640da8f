// Parameter values: Default or --parameter-overrides, checked against Type and constraints.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
import type { SourcePosition } from '../model.js';
import { templateError } from '../errors.js';
import type { SourceMap } from '../reader/source-map.js';
import { isRecord } from '../resources.js';

/** Parameter values by name; list types are arrays, every other type a string (as Ref returns). */
export function resolveParameters(
  declared: unknown,
  overrides: Record<string, string>,
  positions: SourceMap,
  warn: (message: string, position?: SourcePosition) => void,
): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const parameters = isRecord(declared) ? declared : {};
  for (const name of Object.keys(overrides)) {
    if (!(name in parameters)) warn(`parameter override '${name}' matches no Parameter; ignored`);
  }
  for (const [name, spec] of Object.entries(parameters)) {
    const position = positions.key(parameters, name);
    const p = isRecord(spec) ? spec : {};
    const raw = name in overrides ? overrides[name] : p.Default;
    if (raw === undefined || raw === null) {
      throw templateError(
        'TEMPLATE_BAD_PARAMETER',
        `Parameter '${name}' has no Default and no value was given`,
        position,
        `Add a Default to '${name}', or pass --parameter-overrides ${name}=<value>.`,
      );
    }
    // On AWS these types are read from SSM Parameter Store; locally the value itself is used.
    if (typeof p.Type === 'string' && p.Type.startsWith('AWS::SSM::Parameter::Value')) {
      warn(`parameter '${name}' is read from SSM on AWS; eddy uses '${toText(raw)}' as its value`, position);
    }
    values.set(name, checkParameter(name, p, toText(raw), position));
  }
  return values;
}

function toText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

function checkParameter(
  name: string,
  spec: Record<string, unknown>,
  value: string,
  position: SourcePosition | undefined,
): unknown {
  const type = typeof spec.Type === 'string' ? spec.Type : 'String';
  const fail = (problem: string, fix: string) =>
    templateError('TEMPLATE_BAD_PARAMETER', `Parameter '${name}' ${problem}`, position, fix);
  const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
  const items = isList ? value.split(',').map((s) => s.trim()) : [value];
  const numeric = type === 'Number' || type === 'List<Number>';
  for (const item of items) {
    if (numeric && (item.trim() === '' || !Number.isFinite(Number(item)))) {
      throw fail(`is of Type ${type} but '${item}' is not a number`, `Give '${name}' a numeric value.`);
    }
    checkConstraints(spec, item, numeric, fail, name);
  }
  return isList ? items : value;
}

function checkConstraints(
  spec: Record<string, unknown>,
  item: string,
  numeric: boolean,
  fail: (problem: string, fix: string) => Error,
  name: string,
): void {
  const allowed = Array.isArray(spec.AllowedValues) ? spec.AllowedValues.map(String) : undefined;
  if (allowed && !allowed.includes(item)) {
    throw fail(
      `value '${item}' is not one of its AllowedValues (${allowed.join(', ')})`,
      `Use one of ${allowed.join(', ')} for '${name}', or add '${item}' to AllowedValues.`,
    );
  }
  if (typeof spec.AllowedPattern === 'string' && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(item)) {
    throw fail(
      `value '${item}' does not match AllowedPattern ${spec.AllowedPattern}`,
      `Give '${name}' a value matching ${spec.AllowedPattern}.`,
    );
  }
  const range = (key: string, ok: (limit: number) => boolean, what: string) => {
    if (spec[key] !== undefined && !ok(Number(spec[key]))) {
      throw fail(
        `value '${item}' breaks ${key} ${String(spec[key])}`,
        `Give '${name}' a value ${what} ${String(spec[key])}.`,
      );
    }
  };
  if (numeric) {
    range('MinValue', (l) => Number(item) >= l, 'of at least');
    range('MaxValue', (l) => Number(item) <= l, 'of at most');
  } else {
    range('MinLength', (l) => item.length >= l, 'with a length of at least');
    range('MaxLength', (l) => item.length <= l, 'with a length of at most');
  }
}
