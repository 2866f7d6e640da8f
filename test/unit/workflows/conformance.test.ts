// The Step Functions conformance corpus (executions recorded against AWS) as a data-driven suite.
// Every runnable case must pass unless conformance-known-failures.json lists it with a reason; listed
// cases must still fail, so the list cannot go stale.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCase, type ConformanceCase } from './conformance/run-case.js';
import type { Normalizations } from './conformance/compare.js';

const corpus = JSON.parse(
  readFileSync(new URL('../../../../shared/conformance/stepfunctions/cases.json', import.meta.url), 'utf8'),
) as {
  cases: ConformanceCase[];
  normalizations: Normalizations;
};
const known = JSON.parse(
  readFileSync(new URL('./conformance-known-failures.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const runnable = corpus.cases.filter((c) => c.needs.every((need) => need === 'lambda'));
const tally = new Map<string, { passed: number; failed: number }>();

describe('Step Functions conformance corpus', () => {
  for (const c of runnable) {
    const category = c.name.split('/')[0];
    it(c.name, async () => {
      const outcome = await runCase(c, corpus.normalizations);
      const t = tally.get(category) ?? { passed: 0, failed: 0 };
      if (outcome.ok) t.passed++;
      else t.failed++;
      tally.set(category, t);
      if (known[c.name])
        expect(
          outcome.ok,
          `listed as a known failure (${known[c.name]}) but passes: remove it from the list`,
        ).toBe(false);
      else expect(outcome.ok ? 'passed' : outcome.reason).toBe('passed');
    });
  }

  afterAll(() => {
    const rows = [...tally]
      .sort()
      .map(
        ([cat, t]) =>
          `${cat.padEnd(22)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(4)} failed`,
      );
    const total = [...tally.values()].reduce(
      (a, t) => ({ passed: a.passed + t.passed, failed: a.failed + t.failed }),
      { passed: 0, failed: 0 },
    );
    console.log(
      `conformance summary\n${rows.join('\n')}\n${'total'.padEnd(22)} ${String(total.passed).padStart(4)} passed ${String(total.failed).padStart(4)} failed`,
    );
  });
});
