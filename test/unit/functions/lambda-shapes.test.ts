// The texts and documents Lambda itself writes: error documents, log lines, destination records, build
// failures.
import { describe, expect, test } from 'vitest';
import { toBuildFailure } from '../../../src/services/functions/build/build-error.js';
import { invocationRecord } from '../../../src/services/functions/destination-record.js';
import {
  exitError,
  exitStatusText,
  isOutOfMemoryText,
  timeoutError,
} from '../../../src/services/functions/runtime/lambda-errors.js';
import {
  endLine,
  LineSplitter,
  reportLine,
  startLine,
} from '../../../src/services/functions/runtime/log-lines.js';

describe('platform errors', () => {
  test('timeout', () => {
    expect(timeoutError('r1', 3)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: r1 Error: Task timed out after 3.00 seconds',
    });
    expect(timeoutError('r1', 0.5).errorMessage).toContain('after 0.50 seconds');
  });

  test.each([
    [{ code: 1, signal: null, outOfMemory: false }, 'exit status 1'],
    [{ code: 0, signal: null, outOfMemory: false }, 'exit status 0'],
    [{ code: null, signal: 'SIGKILL' as const, outOfMemory: false }, 'signal: killed'],
    [{ code: null, signal: 'SIGABRT' as const, outOfMemory: false }, 'signal: aborted (core dumped)'],
    [{ code: null, signal: 'SIGABRT' as const, outOfMemory: true }, 'signal: killed'],
  ])('exit %o is worded %s', (exit, text) => expect(exitStatusText(exit)).toBe(text));

  test('exit and out-of-memory error types', () => {
    expect(exitError('r', { code: 1, signal: null, outOfMemory: false }).errorType).toBe('Runtime.ExitError');
    expect(exitError('r', { code: 134, signal: null, outOfMemory: true })).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: 'RequestId: r Error: Runtime exited with error: signal: killed',
    });
    expect(
      isOutOfMemoryText('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'),
    ).toBe(true);
    expect(isOutOfMemoryText('just a log line')).toBe(false);
  });
});

describe('log lines', () => {
  test('START, END and REPORT', () => {
    expect(startLine('r')).toBe('START RequestId: r Version: $LATEST');
    expect(endLine('r')).toBe('END RequestId: r');
    expect(reportLine('r', { durationMs: 12.345, memoryMB: 128, maxMemoryMB: 60 })).toBe(
      'REPORT RequestId: r\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB',
    );
    expect(reportLine('r', { durationMs: 1, memoryMB: 128, initDurationMs: 80.5 })).toContain(
      '\tInit Duration: 80.50 ms',
    );
    expect(reportLine('r', { durationMs: 3000, memoryMB: 128, timedOut: true })).toMatch(
      /\tStatus: timeout$/,
    );
    expect(
      reportLine('r', {
        durationMs: 1,
        memoryMB: 128,
        error: { errorType: 'Runtime.ExitError', errorMessage: '' },
      }),
    ).toMatch(/\tStatus: error\tError Type: Runtime.ExitError$/);
    expect(
      reportLine('r', { durationMs: 1, memoryMB: 128, error: { errorType: 'TypeError', errorMessage: '' } }),
    ).not.toContain('Status');
  });

  test('LineSplitter joins chunks into lines', () => {
    const s = new LineSplitter();
    expect(s.push('ab')).toEqual([]);
    expect(s.push('c\nde\n\nf')).toEqual(['abc', 'de', '']);
    expect(s.flush()).toEqual(['f']);
    expect(s.flush()).toEqual([]);
  });
});

test('destination invocation record', () => {
  const record = invocationRecord({
    requestId: 'r',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
    condition: 'EventAgeExceeded',
    invokeCount: 0,
    requestPayload: '{"a":1}',
    now: Date.UTC(2026, 0, 1),
  });
  expect(record).toEqual({
    version: '1.0',
    timestamp: '2026-01-01T00:00:00.000Z',
    requestContext: {
      requestId: 'r',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST',
      condition: 'EventAgeExceeded',
      approximateInvokeCount: 0,
    },
    requestPayload: { a: 1 },
  });
});

describe('build failures', () => {
  const location = (file: string, line: number, column: number) => ({
    file,
    namespace: 'file',
    line,
    column,
    length: 1,
    lineText: '',
    suggestion: '',
  });
  const message = (text: string, loc?: ReturnType<typeof location>) => ({
    id: '',
    pluginName: '',
    text,
    location: loc ?? null,
    notes: [],
    detail: undefined,
  });

  test('a syntax error is Runtime.UserCodeSyntaxError with a 1-based file:line:col', () => {
    const f = toBuildFailure([message('Unexpected "}"', location('src/app.ts', 4, 2))], '/proj');
    expect(f.location).toBe('/proj/src/app.ts:4:3');
    expect(f.document).toEqual({
      errorType: 'Runtime.UserCodeSyntaxError',
      errorMessage: 'SyntaxError: Unexpected "}" (/proj/src/app.ts:4:3)',
      trace: [
        'Runtime.UserCodeSyntaxError: SyntaxError: Unexpected "}" (/proj/src/app.ts:4:3)',
        '    at /proj/src/app.ts:4:3',
      ],
    });
    expect(f.files).toEqual(['/proj/src/app.ts']);
  });

  test('an unresolved import is Runtime.ImportModuleError', () => {
    const f = toBuildFailure(
      [message('Could not resolve "left-pad"', location('a.ts', 1, 0)), message('second')],
      '/p',
    );
    expect(f.document.errorType).toBe('Runtime.ImportModuleError');
    expect(f.document.errorMessage).toBe("Error: Cannot find module 'left-pad' (/p/a.ts:1:1)");
    expect(f.message).toBe('/p/a.ts:1:1: Could not resolve "left-pad"\nsecond');
  });
});
