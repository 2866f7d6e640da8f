// PutTargets' input checks: the cases recorded against AWS in api-errors.json (exact code and message),
// then the limits and path rules of the API model.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRulePath, validateTargetInput } from '../../../src/transform/index.js';
import { CONFORMANCE_DIR } from './conformance-support.js';

interface RecordedTarget {
  Id: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
}

interface ApiErrorCase {
  name: string;
  operation: string;
  request: { Targets?: RecordedTarget[] };
  expect: { code?: string; message?: string };
}

const apiCases = (
  JSON.parse(readFileSync(join(CONFORMANCE_DIR, 'api-errors.json'), 'utf8')) as { cases: ApiErrorCase[] }
).cases;

// The PutTargets cases about a target's input (the others concern ids and counts, checked by the bus).
const inputCases = apiCases.filter(
  (c) =>
    c.operation === 'PutTargets' && /Input/.test(c.expect.message ?? '') && c.request.Targets?.length === 1,
);

function toConfig(target: RecordedTarget) {
  return {
    id: target.Id,
    input: target.Input,
    inputPath: target.InputPath,
    inputTransformer: target.InputTransformer && {
      inputPathsMap: target.InputTransformer.InputPathsMap,
      inputTemplate: target.InputTransformer.InputTemplate,
    },
  };
}

describe('api-errors.json PutTargets input cases', () => {
  it('finds the recorded input cases', () => {
    expect(inputCases.map((c) => c.name).sort()).toEqual([
      'PutTargets/InputPath-and-InputTransformer-together',
      'PutTargets/InputTemplate-undefined-placeholder',
    ]);
  });

  for (const recorded of inputCases) {
    it(recorded.name, () => {
      const error = validateTargetInput(toConfig(recorded.request.Targets![0]));
      expect(error).toEqual({ code: recorded.expect.code, message: recorded.expect.message });
    });
  }
});

describe('validateTargetInput', () => {
  const transformer = (inputTemplate: string, inputPathsMap?: Record<string, string>) => ({
    id: 't1',
    inputTransformer: { inputTemplate, inputPathsMap },
  });

  it('accepts each input style alone, and no input at all', () => {
    expect(validateTargetInput({ id: 't1' })).toBeNull();
    expect(validateTargetInput({ id: 't1', input: '{"a":1}' })).toBeNull();
    expect(validateTargetInput({ id: 't1', inputPath: '$.detail.items[0]' })).toBeNull();
    expect(
      validateTargetInput(transformer('{"a": <a>, "r": <aws.events.rule-arn>}', { a: '$.detail.a' })),
    ).toBeNull();
    expect(validateTargetInput(transformer('"<aws.events.event.ingestion-time>"'))).toBeNull();
  });

  it('refuses Input together with InputPath', () => {
    expect(validateTargetInput({ id: 'x', input: '{}', inputPath: '$' })?.message).toBe(
      'Only one of Input, InputPath, or InputTransformer must be provided for target x.',
    );
  });

  it('refuses an Input that is not JSON', () => {
    expect(validateTargetInput({ id: 'x', input: 'hello' })).toEqual({
      code: 'ValidationException',
      message: 'Input for target x is not a valid JSON text.',
    });
  });

  it('refuses an InputPath or InputPathsMap value that is not a dot-notation path', () => {
    const invalid = 'InputPath for target t1 is invalid.';
    expect(validateTargetInput({ id: 't1', inputPath: 'detail' })?.message).toBe(invalid);
    expect(validateTargetInput({ id: 't1', inputPath: "$.detail['x']" })?.message).toBe(invalid);
    expect(validateTargetInput(transformer('"<a>"', { a: '$..a' }))?.message).toBe(invalid);
  });

  it('names the first placeholder that is neither mapped nor reserved', () => {
    expect(validateTargetInput(transformer('"<a> <b> <c>"', { a: '$.a' }))?.message).toBe(
      'InputTemplate for target t1 contains invalid placeholder b.',
    );
    expect(validateTargetInput(transformer('"<aws.events.rule>"'))?.message).toBe(
      'InputTemplate for target t1 contains invalid placeholder aws.events.rule.',
    );
  });

  it('refuses a placeholder used as an object key', () => {
    expect(validateTargetInput(transformer('{<a>: 1}', { a: '$.a' }))?.message).toContain('as an object key');
  });

  it('refuses more than 100 InputPathsMap entries', () => {
    const map = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, `$.detail.f${i}`]));
    const error = validateTargetInput(transformer('"<k0>"', map), 2);
    expect(error?.code).toBe('ValidationException');
    expect(error?.message).toMatch(
      /^1 validation error detected: Value '\{k0=\$\.detail\.f0, .*' at 'targets\.2\.member\.inputTransformer\.inputPathsMap' failed to satisfy constraint: Member must have length less than or equal to 100$/,
    );
    delete map.k100;
    expect(validateTargetInput(transformer('"<k0>"', map))).toBeNull();
  });

  it('refuses InputPathsMap keys outside [A-Za-z0-9_-], such as reserved names', () => {
    const error = validateTargetInput(transformer('"x"', { 'aws.events.rule-name': '$.a' }));
    expect(error?.message).toContain('Map keys must satisfy constraint');
  });

  it('refuses over-long values and an empty or over-long template', () => {
    expect(validateTargetInput(transformer('"x"', { a: `$.${'a'.repeat(255)}` }))?.message).toContain(
      'Map value must satisfy constraint: [Member must have length less than or equal to 256]',
    );
    expect(validateTargetInput(transformer(''))?.message).toContain(
      "at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(validateTargetInput(transformer(`"${'x'.repeat(8191)}"`))?.message).toContain(
      'Member must have length less than or equal to 8192',
    );
    expect(validateTargetInput({ id: 't', inputPath: `$.${'a'.repeat(255)}` })?.message).toContain(
      "at 'targets.1.member.inputPath' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
  });
});

describe('isRulePath', () => {
  it.each(['$', '$.detail', '$.detail-type', '$.detail.a_b/c', '$.detail.list[0]', '$.detail.list[*].x'])(
    'accepts %s',
    (path) => expect(isRulePath(path)).toBe(true),
  );
  it.each(['', 'detail', "$['detail']", '$..x', '$.a[0:1]'])('refuses %s', (path) =>
    expect(isRulePath(path)).toBe(false),
  );
});
