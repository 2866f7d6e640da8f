// Field-level checks of one state: value ranges (Retry, timeouts), mutually exclusive fields (Wait,
// Fail), Choice rule shapes, and JSONata syntax, as ValidateStateMachineDefinition reports them.
import { jsonataFactory } from '../jsonata/load.js';
import type { Diagnostic } from '../errors/validation-errors.js';
import { expressionOf } from '../jsonata/evaluate.js';
import type { QueryLanguage } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const fail = (out: Diagnostic[], message: string, location: string): void => {
  out.push({ code: 'SCHEMA_VALIDATION_FAILED', message, location });
};

const COMPARATORS = [
  'StringEquals',
  'StringLessThan',
  'StringGreaterThan',
  'StringLessThanEquals',
  'StringGreaterThanEquals',
  'StringMatches',
  'NumericEquals',
  'NumericLessThan',
  'NumericGreaterThan',
  'NumericLessThanEquals',
  'NumericGreaterThanEquals',
  'BooleanEquals',
  'TimestampEquals',
  'TimestampLessThan',
  'TimestampGreaterThan',
  'TimestampLessThanEquals',
  'TimestampGreaterThanEquals',
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
];
const OPERATORS = new Set([
  ...COMPARATORS,
  ...COMPARATORS.filter((c) => !c.startsWith('Is') && c !== 'StringMatches').map((c) => `${c}Path`),
]);

/** Checks the fields of state `s` at `where`. */
export function validateFields(s: Obj, where: string, language: QueryLanguage, out: Diagnostic[]): void {
  exclusive(s, ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'], where, out, s.Type === 'Wait');
  exclusive(s, ['Error', 'ErrorPath'], where, out, false);
  exclusive(s, ['Cause', 'CausePath'], where, out, false);
  exclusive(s, ['TimeoutSeconds', 'TimeoutSecondsPath'], where, out, false);
  exclusive(s, ['HeartbeatSeconds', 'HeartbeatSecondsPath'], where, out, false);
  if (
    typeof s.TimeoutSeconds === 'number' &&
    typeof s.HeartbeatSeconds === 'number' &&
    s.HeartbeatSeconds >= s.TimeoutSeconds
  ) {
    fail(out, 'HeartbeatSeconds must be smaller than TimeoutSeconds', `${where}/HeartbeatSeconds`);
  }
  for (const f of ['TimeoutSeconds', 'HeartbeatSeconds', 'Seconds']) {
    const v = s[f];
    if (typeof v === 'number' && (!Number.isInteger(v) || v < (f === 'Seconds' ? 0 : 1)))
      fail(out, `${f} must be a ${f === 'Seconds' ? 'non-negative' : 'positive'} integer`, `${where}/${f}`);
  }
  if (Array.isArray(s.Retry)) s.Retry.forEach((r, i) => isObj(r) && retrier(r, `${where}/Retry[${i}]`, out));
  if (s.Type === 'Choice' && Array.isArray(s.Choices))
    s.Choices.forEach((r, i) => choiceRule(r, `${where}/Choices[${i}]`, language, true, out));
  if (language === 'JSONata') expressions(s, where, out);
}

function exclusive(s: Obj, fields: string[], where: string, out: Diagnostic[], required: boolean): void {
  const present = fields.filter((f) => s[f] !== undefined);
  if (present.length > 1) fail(out, `Only one of ${present.join(', ')} may be set`, where);
  if (required && present.length === 0) fail(out, `One of ${fields.join(', ')} is required`, where);
}

function retrier(r: Obj, where: string, out: Diagnostic[]): void {
  const check = (f: string, ok: (v: number) => boolean, rule: string) => {
    const v = r[f];
    if (v !== undefined && (typeof v !== 'number' || !ok(v))) fail(out, `${f} ${rule}`, `${where}/${f}`);
  };
  check(
    'IntervalSeconds',
    (v) => Number.isInteger(v) && v >= 1 && v <= 99999999,
    'must be an integer from 1 to 99999999',
  );
  check(
    'MaxAttempts',
    (v) => Number.isInteger(v) && v >= 0 && v <= 99999999,
    'must be an integer from 0 to 99999999',
  );
  check('BackoffRate', (v) => v >= 1, 'must be at least 1.0');
  check(
    'MaxDelaySeconds',
    (v) => Number.isInteger(v) && v >= 1 && v <= 31622400,
    'must be an integer from 1 to 31622400',
  );
  if (r.JitterStrategy !== undefined && r.JitterStrategy !== 'FULL' && r.JitterStrategy !== 'NONE')
    fail(out, 'JitterStrategy must be FULL or NONE', `${where}/JitterStrategy`);
}

function choiceRule(
  rule: unknown,
  where: string,
  language: QueryLanguage,
  top: boolean,
  out: Diagnostic[],
): void {
  if (!isObj(rule)) return fail(out, 'A choice rule must be an object', where);
  if (top && typeof rule.Next !== 'string') fail(out, 'These fields are required: [Next]', where);
  if (language === 'JSONata') {
    if (rule.Condition === undefined) fail(out, 'These fields are required: [Condition]', where);
    return;
  }
  const logical = (['And', 'Or', 'Not'] as const).filter((k) => rule[k] !== undefined);
  if (logical.length > 0) {
    for (const key of logical) booleanRule(rule, key, `${where}/${key}`, language, out);
    return;
  }
  const ops = Object.keys(rule).filter((k) => OPERATORS.has(k));
  if (typeof rule.Variable !== 'string') fail(out, 'These fields are required: [Variable]', where);
  if (ops.length !== 1) fail(out, 'A choice rule must have exactly one comparison operator', where);
}

/**
 * The operand of And / Or (a non-empty array of rules) or Not (a single rule), as the States Language
 * defines them (https://states-language.net/#choice-state, Boolean expressions). AWS rejects `{"And": []}`,
 * `{"And": {}}` and `{"Not": []}` with SCHEMA_VALIDATION_FAILED (where eddy used to accept an empty list
 * and misreport an object); the wording follows AWS's schema messages ("The field '...' should be ...").
 */
function booleanRule(
  rule: Obj,
  key: 'And' | 'Or' | 'Not',
  where: string,
  language: QueryLanguage,
  out: Diagnostic[],
): void {
  const value = rule[key];
  if (key === 'Not') {
    if (!isObj(value)) return fail(out, "The value for the field 'Not' must be an OBJECT", where);
    return choiceRule(value, where, language, false, out);
  }
  if (!Array.isArray(value)) return fail(out, `The value for the field '${key}' must be an ARRAY`, where);
  if (value.length === 0) return fail(out, `The field '${key}' should be non-empty`, where);
  value.forEach((r, i) => choiceRule(r, `${where}[${i}]`, language, false, out));
}

function expressions(value: unknown, where: string, out: Diagnostic[]): void {
  const expr = expressionOf(value);
  if (expr !== undefined) {
    try {
      jsonataFactory()(expr);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      fail(
        out,
        `Invalid JSONata expression '${expr}': ${err.code ? `${err.code}: ` : ''}${err.message}`,
        where,
      );
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => expressions(v, `${where}[${i}]`, out));
  else if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) {
      // Nested state lists are validated as blocks of their own.
      if (k === 'Branches' || k === 'ItemProcessor' || k === 'Iterator') continue;
      expressions(v, `${where}/${k}`, out);
    }
  }
}
