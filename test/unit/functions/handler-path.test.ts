// Handler strings, FunctionName lookups and esbuild planning: pure rules, table-driven.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isEsmSource, targetOf } from '../../../src/services/functions/build/options.js';
import { resolveNodeHandlerFile, splitHandler } from '../../../src/services/functions/handler-path.js';
import { findFunction, functionNameOf } from '../../../src/services/functions/lookup.js';

describe('splitHandler', () => {
  test.each([
    ['app.handler', 'app', 'handler'],
    ['src/handlers/pay.handler', 'src/handlers/pay', 'handler'],
    ['index.api.get', 'index', 'api.get'],
    ['dist/v1.2/app.main', 'dist/v1.2/app', 'main'],
  ])('%s → module %s, export %s', (handler, module, exportPath) => {
    expect(splitHandler(handler)).toEqual({ module, exportPath });
  });

  test.each(['app', 'app.', '.handler', 'src/.handler'])('%s is rejected', (handler) => {
    expect(() => splitHandler(handler)).toThrow(/Bad handler/);
  });
});

test('resolveNodeHandlerFile tries .ts before .js and the module extensions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-handler-'));
  writeFileSync(join(dir, 'a.js'), '');
  writeFileSync(join(dir, 'a.ts'), '');
  writeFileSync(join(dir, 'b.cjs'), '');
  expect(resolveNodeHandlerFile(dir, 'a.handler')).toBe(join(dir, 'a.ts'));
  expect(resolveNodeHandlerFile(dir, 'b.handler')).toBe(join(dir, 'b.cjs'));
  expect(resolveNodeHandlerFile(dir, 'c.handler')).toBeUndefined();
});

test('isEsmSource follows the extension, then the nearest package.json type', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-esm-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  expect(isEsmSource(join(dir, 'x.ts'))).toBe(true);
  expect(isEsmSource(join(dir, 'x.cts'))).toBe(false);
  expect(isEsmSource(join(tmpdir(), 'nowhere', 'x.mjs'))).toBe(true);
  writeFileSync(join(dir, 'package.json'), '{}');
  expect(isEsmSource(join(dir, 'x.js'))).toBe(false);
});

test.each([
  ['nodejs20.x', 'node20'],
  ['nodejs22.x', 'node22'],
  ['provided.al2', 'node20'],
])('targetOf(%s) = %s', (runtime, target) => expect(targetOf(runtime)).toBe(target));

describe('FunctionName forms', () => {
  test.each([
    ['my-fn', 'my-fn'],
    ['my-fn:$LATEST', 'my-fn'],
    ['arn:aws:lambda:us-east-1:000000000000:function:my-fn', 'my-fn'],
    ['arn:aws:lambda:us-east-1:000000000000:function:my-fn:$LATEST', 'my-fn'],
    ['000000000000:function:my-fn', 'my-fn'],
  ])('%s names %s', (input, name) => expect(functionNameOf(input)).toBe(name));

  test('findFunction prefers the physical name over a logical id', () => {
    const entries = [
      { fn: { name: 'Pay', logicalId: 'X' } },
      { fn: { name: 'stack-Pay-1', logicalId: 'Pay' } },
    ];
    expect(findFunction(entries, 'Pay')).toBe(entries[0]);
    expect(findFunction(entries, 'X')).toBe(entries[0]);
    expect(findFunction(entries, 'stack-Pay-1')).toBe(entries[1]);
    expect(findFunction(entries, 'nope')).toBeUndefined();
  });
});
