import { describe, expect, it } from 'vitest';
import { generatedName, nameSuffix } from '../../../src/template/index.js';
import { deterministicUuid, nameFromArn } from '../../../src/template/names/physical.js';
import { SourceMap } from '../../../src/template/reader/source-map.js';
import { mergeGlobals } from '../../../src/template/sam/globals.js';

describe('generated physical names', () => {
  it('follow <stack>-<LogicalId>-<SUFFIX> with a stable 12-char uppercase suffix', () => {
    const name = generatedName('shop', 'OrdersQueue');
    expect(name).toMatch(/^shop-OrdersQueue-[A-Z0-9]{12}$/);
    expect(generatedName('shop', 'OrdersQueue')).toBe(name);
    expect(nameSuffix('shop', 'OrdersQueue')).not.toBe(nameSuffix('shop', 'OrdersQueue2'));
    expect(nameSuffix('shop', 'A')).not.toBe(nameSuffix('other', 'A'));
  });

  it('fit the service limit, keeping both parts, and honour endings and lowercase', () => {
    const long = generatedName('a-very-long-stack-name-for-testing', 'AnEvenLongerLogicalIdForTheResource', {
      maxLength: 64,
    });
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^a-very-long-stack.*-AnEvenLonger.*-[A-Z0-9]{12}$/);
    const fifo = generatedName('s'.repeat(50), 'Q'.repeat(50), { maxLength: 80, ending: '.fifo' });
    expect(fifo.length).toBeLessThanOrEqual(80);
    expect(fifo.endsWith('.fifo')).toBe(true);
    expect(generatedName('Shop', 'Receipts', { lowercase: true })).toMatch(/^shop-receipts-[a-z0-9]{12}$/);
  });

  it('read names out of ARNs and make deterministic UUIDs', () => {
    expect(nameFromArn('arn:aws:events:us-east-1:1:event-bus/orders')).toBe('orders');
    expect(nameFromArn('arn:aws:lambda:us-east-1:1:function:pay')).toBe('pay');
    expect(nameFromArn('default')).toBe('default');
    expect(deterministicUuid('x')).toBe(deterministicUuid('x'));
    expect(deterministicUuid('x')).not.toBe(deterministicUuid('y'));
  });
});

describe('SAM Globals merge', () => {
  it('merges maps, appends lists, overrides scalars and intrinsics', () => {
    const positions = new SourceMap();
    const merged = mergeGlobals(
      { Timeout: 10, Layers: ['a'], Environment: { Variables: { A: '1', B: '2' } }, Role: { Ref: 'R1' } },
      {
        Timeout: 30,
        Layers: ['b'],
        Environment: { Variables: { B: '3', C: '4' } },
        Role: { 'Fn::GetAtt': ['R2', 'Arn'] },
      },
      positions,
    );
    expect(merged).toEqual({
      Timeout: 30,
      Layers: ['a', 'b'],
      Environment: { Variables: { A: '1', B: '3', C: '4' } },
      Role: { 'Fn::GetAtt': ['R2', 'Arn'] },
    });
  });
});
