// What eddy keeps of a handler's output is bounded: lines cut at CloudWatch's event size before they
// cross to eddy, the kept lines of an invocation capped, and the 4 KB tail read from the end.
import { expect, test } from 'vitest';
import { KeptLogs, logTailBytes } from '../../../src/services/functions/runtime/kept-logs.js';
import {
  LineCapper,
  LineSplitter,
  MAX_LOG_LINE_CHARS,
} from '../../../src/services/functions/runtime/log-lines.js';

test('short writes pass through the capper unchanged', () => {
  const capper = new LineCapper();
  expect(capper.cap('hello\n')).toBe('hello\n');
  expect(capper.cap('a')).toBe('a');
  expect(capper.cap('b\nc\n')).toBe('b\nc\n');
});

test('a line is cut at MAX_LOG_LINE_CHARS, across writes, and the next line starts whole', () => {
  const capper = new LineCapper();
  const half = 'x'.repeat(MAX_LOG_LINE_CHARS / 2 + 10);
  const out = capper.cap(half) + capper.cap(half) + capper.cap(half + '\nnext\n');
  expect(out).toBe('x'.repeat(MAX_LOG_LINE_CHARS) + '\nnext\n');
  // What the worker sends splits into the same lines eddy's splitter would have cut.
  const splitter = new LineSplitter();
  expect(splitter.push(out).map((l) => l.length)).toEqual([MAX_LOG_LINE_CHARS, 4]);
});

test('a 10 MB write keeps 256 KB per line', () => {
  const capper = new LineCapper();
  const huge = 'y'.repeat(10 * 1024 * 1024);
  const out = capper.cap(`${huge}\n${huge}\nend`);
  expect(out.length).toBe(2 * MAX_LOG_LINE_CHARS + 2 + 3);
  expect(out.endsWith('\nend')).toBe(true);
});

test('kept logs hold the most recent lines up to the limit', () => {
  const kept = new KeptLogs(100);
  for (let i = 0; i < 5000; i++) kept.push(`line ${i}`.padEnd(10, '.'));
  const lines = kept.lines();
  expect(lines.at(-1)).toBe('line 4999.');
  expect(lines.join('').length).toBeLessThanOrEqual(100);
  expect(lines).toHaveLength(10);
});

test('a single line over the limit is still kept', () => {
  const kept = new KeptLogs(10);
  kept.push('a'.repeat(50));
  expect(kept.lines()).toEqual(['a'.repeat(50)]);
});

test('the tail read from the end equals the tail of the whole log', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => `${i} ${'é'.repeat(i % 7)}`);
  const whole = Buffer.from(lines.join('\n') + '\n', 'utf8');
  expect(logTailBytes(lines, 4096).equals(whole.subarray(whole.length - 4096))).toBe(true);
  expect(logTailBytes(['short'], 4096).toString()).toBe('short\n');
});
