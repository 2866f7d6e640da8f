// The transformer cases recorded against AWS EventBridge (../shared/conformance/eventbridge/
// transformers.json) as a data-driven suite: each target input applied to its event must give the
// recorded payload (exactly when the raw string was recorded, structurally otherwise), or nothing.
// Cases AWS did not deliver because the rule's pattern did not match need a pattern matcher: they use
// src/patterns' matchesPattern when that module provides it, and are skipped (listed) otherwise.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyTargetInput, type TargetInputConfig } from '../../../src/transform/index.js';
import { loadTransformerCases, matchesRecorded, type TransformerCase } from './conformance-support.js';

type PatternMatcher = (patternText: string, event: unknown) => boolean;

async function loadPatternMatcher(): Promise<PatternMatcher | undefined> {
  const file = join(import.meta.dirname, '../../../src/patterns/index.ts');
  if (!existsSync(file)) return undefined;
  const patterns = (await import(pathToFileURL(file).href)) as { matchesPattern?: PatternMatcher };
  return typeof patterns.matchesPattern === 'function' ? patterns.matchesPattern : undefined;
}

const matcher = await loadPatternMatcher();
const cases = loadTransformerCases();

function targetOf(recorded: TransformerCase['target']): TargetInputConfig {
  const transformer = recorded.InputTransformer;
  return {
    input: recorded.Input,
    inputPath: recorded.InputPath,
    inputTransformer: transformer && {
      inputPathsMap: transformer.InputPathsMap,
      inputTemplate: transformer.InputTemplate,
    },
  };
}

// The scheduled-rule case records no event (its Input replaces it); this is the envelope a schedule sends.
const SCHEDULED_EVENT = {
  version: '0',
  id: '<event-id>',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '111111111111',
  time: 'date',
  region: '<region>',
  resources: ['arn:aws:events:<region>:111111111111:rule/<rule-name>'],
  detail: {},
};

function transform(recorded: TransformerCase) {
  const ruleName = recorded.ruleName ?? '<rule-name>';
  const ruleArn = recorded.ruleArn ?? `arn:aws:events:<region>:111111111111:rule/${ruleName}`;
  return applyTargetInput(targetOf(recorded.target), recorded.event ?? SCHEDULED_EVENT, {
    ruleName,
    ruleArn,
  });
}

const isPatternMiss = (c: TransformerCase) =>
  c.expect.notDelivered === true && /pattern/.test(c.expect.reason ?? '');

describe('transformers.json conformance', () => {
  it('has the 53 recorded cases', () => {
    expect(cases).toHaveLength(53);
  });

  for (const recorded of cases) {
    if (isPatternMiss(recorded)) {
      const run = matcher ? it : it.skip;
      run(`${recorded.name}: not delivered (the rule pattern does not match)`, () => {
        expect(matcher!(JSON.stringify(recorded.rulePattern), recorded.event)).toBe(false);
      });
      continue;
    }
    it(recorded.name, () => {
      if (matcher && recorded.rulePattern !== undefined && recorded.event !== null) {
        expect(matcher(JSON.stringify(recorded.rulePattern), recorded.event)).toBe(true);
      }
      const result = transform(recorded);
      if (recorded.expect.notDelivered) {
        expect(result).toMatchObject({ dropped: true });
        return;
      }
      if (!('payload' in result)) throw new Error(`dropped: ${result.reason}`);
      if (typeof recorded.expect.delivered === 'string') {
        expect(result.payload).toBe(recorded.expect.delivered);
      } else {
        const parsed: unknown = JSON.parse(result.payload);
        expect(matchesRecorded(parsed, recorded.expect.deliveredJson), result.payload).toBe(true);
      }
    });
  }
});
