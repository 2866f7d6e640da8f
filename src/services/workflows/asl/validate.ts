// Definition checks as ValidateStateMachineDefinition / CreateStateMachine report them: structure,
// transitions, reachability, fields per type and query language, paths and intrinsic calls.
import { isKnownErrorName } from '../errors/error-names.js';
import { validateFields } from './validate-fields.js';
import type { Diagnostic } from '../errors/validation-errors.js';
import { isIntrinsic, parseIntrinsic } from '../intrinsics/parse.js';
import { parsePath } from '../jsonpath/parse.js';
import { ALLOWED_FIELDS, JSONATA_ONLY, JSONPATH_ONLY, STATE_TYPES } from './fields.js';
import type { QueryLanguage, StatesBlock } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every problem in `definition` (empty when it is valid). */
export function validateDefinition(definition: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isObj(definition))
    return [
      { code: 'SCHEMA_VALIDATION_FAILED', message: 'The definition must be a JSON object', location: '/' },
    ];
  const ql = definition.QueryLanguage;
  if (ql !== undefined && ql !== 'JSONPath' && ql !== 'JSONata') {
    out.push({
      code: 'SCHEMA_VALIDATION_FAILED',
      message: `Value is not a valid QueryLanguage: ${JSON.stringify(ql)}`,
      location: '/QueryLanguage',
    });
  }
  block(definition, '', (ql as QueryLanguage) ?? 'JSONPath', out);
  return out.map((d) => ({ severity: 'ERROR', ...d }));
}

function block(b: Obj, at: string, language: QueryLanguage, out: Diagnostic[]): void {
  const states = b.States;
  if (typeof b.StartAt !== 'string')
    out.push({
      code: 'SCHEMA_VALIDATION_FAILED',
      message: 'These fields are required: [StartAt]',
      location: at || '/',
    });
  if (!isObj(states) || Object.keys(states).length === 0) {
    out.push({
      code: 'SCHEMA_VALIDATION_FAILED',
      message: 'These fields are required: [States]',
      location: at || '/',
    });
    return;
  }
  if (typeof b.StartAt === 'string' && !(b.StartAt in states)) {
    out.push({
      code: 'MISSING_TRANSITION_TARGET',
      message: `Missing 'Next' target: ${b.StartAt}`,
      location: `${at}/StartAt`,
    });
  }
  for (const [name, raw] of Object.entries(states)) {
    const where = `${at}/States/${name}`;
    if (name.length > 80)
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: 'State names must be at most 80 characters',
        location: where,
      });
    if (!isObj(raw)) {
      out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'A state must be an object', location: where });
      continue;
    }
    state(name, raw, where, states, language, out);
  }
  reachability(b as unknown as StatesBlock, at, out);
}

function state(
  name: string,
  s: Obj,
  where: string,
  states: Obj,
  inherited: QueryLanguage,
  out: Diagnostic[],
): void {
  const type = s.Type;
  if (typeof type !== 'string' || !STATE_TYPES.has(type)) {
    out.push({
      code: 'SCHEMA_VALIDATION_FAILED',
      message: `Unknown state type: ${JSON.stringify(type)}`,
      location: `${where}/Type`,
    });
    return;
  }
  const language = (s.QueryLanguage as QueryLanguage | undefined) ?? inherited;
  if (inherited === 'JSONata' && s.QueryLanguage === 'JSONPath') {
    out.push({
      code: 'SCHEMA_VALIDATION_FAILED',
      message: "A state cannot set QueryLanguage to 'JSONPath' when the state machine uses 'JSONata'",
      location: `${where}/QueryLanguage`,
    });
  }
  const allowed = ALLOWED_FIELDS[type as keyof typeof ALLOWED_FIELDS];
  for (const field of Object.keys(s)) {
    if (!allowed.has(field))
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `Field '${field}' is not supported for state type '${type}'`,
        location: `${where}/${field}`,
      });
    else if (language === 'JSONata' && JSONPATH_ONLY.has(field))
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `The field '${field}' is not supported by JSONata`,
        location: `${where}/${field}`,
      });
    else if (language === 'JSONPath' && JSONATA_ONLY.has(field))
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `The field '${field}' is not supported by JSONPath`,
        location: `${where}/${field}`,
      });
  }
  const terminal = type === 'Succeed' || type === 'Fail' || type === 'Choice';
  if (!terminal) {
    if (s.Next !== undefined && s.End !== undefined)
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: "A state cannot have both 'Next' and 'End'",
        location: where,
      });
    if (s.Next === undefined && s.End !== true)
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: "A state must have either 'Next' or 'End': true",
        location: where,
      });
  }
  const target = (t: unknown, loc: string) => {
    if (typeof t === 'string' && !(t in states))
      out.push({ code: 'MISSING_TRANSITION_TARGET', message: `Missing 'Next' target: ${t}`, location: loc });
  };
  target(s.Next, `${where}/Next`);
  target(s.Default, `${where}/Default`);
  if (type === 'Choice') {
    if (!Array.isArray(s.Choices) || s.Choices.length === 0)
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: 'A Choice state must have a non-empty Choices array',
        location: `${where}/Choices`,
      });
    else s.Choices.forEach((c: unknown, i) => isObj(c) && target(c.Next, `${where}/Choices[${i}]/Next`));
  }
  for (const [i, c] of (Array.isArray(s.Catch) ? s.Catch : []).entries())
    if (isObj(c)) target(c.Next, `${where}/Catch[${i}]/Next`);
  errorLists(s, where, out);
  assignNames(s.Assign, `${where}/Assign`, out);
  validateFields(s, where, language, out);
  for (const [i, c] of (Array.isArray(s.Catch) ? s.Catch : []).entries())
    if (isObj(c)) assignNames(c.Assign, `${where}/Catch[${i}]/Assign`, out);
  if (language === 'JSONPath') paths(s, where, out);
  if (type === 'Task' && typeof s.Resource !== 'string')
    out.push({
      code: 'SCHEMA_VALIDATION_FAILED',
      message: 'These fields are required: [Resource]',
      location: where,
    });
  if (type === 'Parallel') {
    if (!Array.isArray(s.Branches))
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: 'These fields are required: [Branches]',
        location: where,
      });
    else
      s.Branches.forEach((b: unknown, i) => isObj(b) && block(b, `${where}/Branches[${i}]`, language, out));
  }
  if (type === 'Map') {
    const proc = s.ItemProcessor ?? s.Iterator;
    if (!isObj(proc))
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: 'These fields are required: [ItemProcessor]',
        location: where,
      });
    else
      block(
        proc,
        `${where}/${s.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`,
        (proc.QueryLanguage as QueryLanguage) ?? language,
        out,
      );
  }
}

function errorLists(s: Obj, where: string, out: Diagnostic[]): void {
  for (const field of ['Retry', 'Catch'] as const) {
    const list = s[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `${field} must be an array`,
        location: `${where}/${field}`,
      });
      continue;
    }
    list.forEach((entry: unknown, i) => {
      const names = isObj(entry) ? entry.ErrorEquals : undefined;
      if (!Array.isArray(names) || names.length === 0) {
        out.push({
          code: 'SCHEMA_VALIDATION_FAILED',
          message: 'These fields are required: [ErrorEquals]',
          location: `${where}/${field}[${i}]`,
        });
        return;
      }
      for (const name of names) {
        if (typeof name !== 'string' || !isKnownErrorName(name)) {
          out.push({
            code: 'SCHEMA_VALIDATION_FAILED',
            message: `Unknown predefined error name: ${JSON.stringify(name)}`,
            location: `${where}/${field}[${i}]/ErrorEquals`,
          });
        }
      }
      if (names.includes('States.ALL') && (names.length > 1 || i !== list.length - 1)) {
        out.push({
          code: 'SCHEMA_VALIDATION_FAILED',
          message: 'States.ALL must appear alone, in the last element',
          location: `${where}/${field}[${i}]/ErrorEquals`,
        });
      }
    });
  }
}

/** Variable names: identifiers, not the reserved `states` (JSONPath keys may end in `.$`). */
function assignNames(assign: unknown, where: string, out: Diagnostic[]): void {
  if (assign === undefined) return;
  if (!isObj(assign)) {
    out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: 'Assign must be an object', location: where });
    return;
  }
  for (const key of Object.keys(assign)) {
    const name = key.endsWith('.$') ? key.slice(0, -2) : key;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name.length > 80) {
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `Invalid variable name: '${name}'`,
        location: `${where}/${key}`,
      });
    } else if (name === 'states') {
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: "The variable name 'states' is reserved",
        location: `${where}/${key}`,
      });
    }
  }
}

function paths(s: Obj, where: string, out: Diagnostic[]): void {
  for (const field of [
    'InputPath',
    'OutputPath',
    'ResultPath',
    'ItemsPath',
    'SecondsPath',
    'TimestampPath',
    'ErrorPath',
    'CausePath',
  ]) {
    const p = s[field];
    if (typeof p !== 'string') continue;
    try {
      if (!(isIntrinsic(p) && (field === 'ErrorPath' || field === 'CausePath')))
        parsePath(p.startsWith('$$') || p.startsWith('$.') || p === '$' || p.startsWith('$[') ? p : '$');
    } catch (e) {
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `The value for the field '${field}' must be a valid JSONPath: ${(e as Error).message}`,
        location: `${where}/${field}`,
      });
    }
  }
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign'])
    templates(s[field], `${where}/${field}`, out);
}

function templates(value: unknown, where: string, out: Diagnostic[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => templates(v, `${where}[${i}]`, out));
  if (!isObj(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k.endsWith('.$') && typeof v === 'string') {
      try {
        if (isIntrinsic(v)) parseIntrinsic(v);
        else if (!v.startsWith('$')) throw new Error(`'${v}' is neither a path nor an intrinsic function`);
      } catch (e) {
        out.push({
          code: 'SCHEMA_VALIDATION_FAILED',
          message: `The value for the field '${k}' must be a valid JSONPath or a valid intrinsic function call: ${(e as Error).message}`,
          location: `${where}/${k}`,
        });
      }
    } else templates(v, `${where}/${k}`, out);
  }
}

/** The `Next` of each rule of a Choices or Catch list; a malformed list (reported elsewhere) has none. */
function targetsOf(list: unknown): unknown[] {
  return Array.isArray(list) ? list.map((rule: unknown) => (isObj(rule) ? rule.Next : undefined)) : [];
}

function reachability(b: StatesBlock, at: string, out: Diagnostic[]): void {
  const seen = new Set<string>();
  // A StartAt that is not a string is reported by the block's own checks; nothing is reachable from it.
  const queue: string[] = typeof b.StartAt === 'string' ? [b.StartAt] : [];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !(name in b.States)) continue;
    seen.add(name);
    const s = b.States[name];
    for (const t of [s.Next, s.Default, ...targetsOf(s.Choices), ...targetsOf(s.Catch)])
      if (typeof t === 'string') queue.push(t);
  }
  for (const name of Object.keys(b.States)) {
    if (!seen.has(name))
      out.push({
        code: 'SCHEMA_VALIDATION_FAILED',
        message: `State '${name}' is not reachable`,
        location: `${at}/States/${name}`,
      });
  }
}
