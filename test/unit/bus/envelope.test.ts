import { describe, expect, test } from 'vitest';
import { buildEnvelope, withReplayName } from '../../../src/services/bus/envelope.js';
import { entrySize } from '../../../src/api/events/put-events.js';
import { busNameOf, ruleArn } from '../../../src/services/bus/names.js';

describe('envelope', () => {
  test('is built in AWS field order, time to the second, resources always an array', () => {
    const text = buildEnvelope(
      { source: 's', detailType: 'd', detail: '{"a": [1]}', busName: 'default' },
      'id-1',
      Date.UTC(2026, 0, 1, 1, 2, 3, 456),
      { region: 'eu-west-1', accountId: '123' },
    );
    expect(Object.keys(JSON.parse(text))).toEqual([
      'version',
      'id',
      'detail-type',
      'source',
      'account',
      'time',
      'region',
      'resources',
      'detail',
    ]);
    expect(JSON.parse(text)).toMatchObject({
      time: '2026-01-01T01:02:03Z',
      resources: [],
      detail: { a: [1] },
      region: 'eu-west-1',
    });
  });

  test('replay-name goes after region', () => {
    const out = withReplayName({ version: '0', region: 'r', resources: [], detail: {} }, 'rp');
    expect(Object.keys(out)).toEqual(['version', 'region', 'replay-name', 'resources', 'detail']);
  });

  test('entry size counts UTF-8 bytes of Source, DetailType, Detail, Resources and 14 for Time', () => {
    expect(entrySize({ Source: 'é', DetailType: 'ab', Detail: '{}', Resources: ['xyz'], Time: 1 })).toBe(
      2 + 2 + 2 + 3 + 14,
    );
  });

  test('ARNs and names', () => {
    expect(ruleArn({ region: 'r', accountId: 'a' }, 'default', 'x')).toBe('arn:aws:events:r:a:rule/x');
    expect(ruleArn({ region: 'r', accountId: 'a' }, 'b', 'x')).toBe('arn:aws:events:r:a:rule/b/x');
    expect(busNameOf('arn:aws:events:r:a:event-bus/orders')).toBe('orders');
    expect(busNameOf(undefined)).toBe('default');
  });
});
