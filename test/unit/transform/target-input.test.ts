// Rule target input: Input, InputPath, no configuration, and InputTransformer with every reserved
// variable, both quoting regimes (JSON templates and string templates), missing paths, and objects and
// arrays substituted into strings.
import { describe, expect, it } from 'vitest';
import {
  applyTargetInput,
  compileTargetInput,
  type RuleContext,
  type TargetInputConfig,
} from '../../../src/transform/index.js';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'Order Placed',
  source: 'shop.orders',
  account: '123456789012',
  time: '2026-11-28T10:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:shop:order/1'],
  detail: {
    orderId: 'o-1',
    total: 12.5,
    paid: true,
    coupon: null,
    customer: { id: 'c-9', name: 'Ada' },
    lines: ['pen', 'ink'],
    quote: 'say "hi"',
  },
};

const context: RuleContext = {
  ruleName: 'orders-rule',
  ruleArn: 'arn:aws:events:eu-west-1:123456789012:rule/shop/orders-rule',
  ingestionTime: '2026-11-28T10:00:01Z',
};

function transform(inputTemplate: string, inputPathsMap?: Record<string, string>, ctx = context) {
  return applyTargetInput({ inputTransformer: { inputTemplate, inputPathsMap } }, event, ctx);
}

function payloadOf(result: ReturnType<typeof transform>): string {
  if (!('payload' in result)) throw new Error(`dropped: ${result.reason}`);
  return result.payload;
}

const paths = {
  order: '$.detail.orderId',
  total: '$.detail.total',
  paid: '$.detail.paid',
  coupon: '$.detail.coupon',
  customer: '$.detail.customer',
  lines: '$.detail.lines',
  absent: '$.detail.absent',
  quote: '$.detail.quote',
};

describe('applyTargetInput without a transformer', () => {
  it('delivers the whole event as JSON when nothing is configured', () => {
    expect(JSON.parse(payloadOf(applyTargetInput({}, event, context)))).toEqual(event);
  });

  it('delivers a constant Input verbatim', () => {
    const input = '{ "fixed": [1, 2] }';
    expect(payloadOf(applyTargetInput({ input }, event, context))).toBe(input);
  });

  it('delivers what InputPath selects, as JSON', () => {
    expect(payloadOf(applyTargetInput({ inputPath: '$.detail.customer' }, event, context))).toBe(
      '{"id":"c-9","name":"Ada"}',
    );
    expect(payloadOf(applyTargetInput({ inputPath: '$.detail.orderId' }, event, context))).toBe('"o-1"');
    expect(payloadOf(applyTargetInput({ inputPath: '$.detail.total' }, event, context))).toBe('12.5');
    expect(payloadOf(applyTargetInput({ inputPath: '$' }, event, context))).toBe(JSON.stringify(event));
  });

  it('delivers nothing when InputPath selects nothing or is not a path', () => {
    expect(applyTargetInput({ inputPath: '$.detail.absent' }, event, context)).toMatchObject({
      dropped: true,
    });
    expect(applyTargetInput({ inputPath: 'detail' }, event, context)).toMatchObject({
      dropped: true,
      reason: expect.stringContaining('must start with $'),
    });
  });

  it('caches the compiled target per object but reads each new event', () => {
    const target: TargetInputConfig = { inputPath: '$.detail.orderId' };
    expect(payloadOf(applyTargetInput(target, event, context))).toBe('"o-1"');
    const other = { ...event, detail: { ...event.detail, orderId: 'o-2' } };
    expect(payloadOf(applyTargetInput(target, other, context))).toBe('"o-2"');
    expect(compileTargetInput(target)(other, context)).toEqual({ payload: '"o-2"' });
  });
});

describe('reserved variables', () => {
  it('aws.events.rule-name and aws.events.rule-arn', () => {
    expect(payloadOf(transform('"<aws.events.rule-name> at <aws.events.rule-arn>"'))).toBe(
      `"orders-rule at ${context.ruleArn}"`,
    );
    expect(JSON.parse(payloadOf(transform('{"name": <aws.events.rule-name>}')))).toEqual({
      name: 'orders-rule',
    });
  });

  it('aws.events.event.ingestion-time, falling back to the event time', () => {
    expect(payloadOf(transform('"<aws.events.event.ingestion-time>"'))).toBe('"2026-11-28T10:00:01Z"');
    const noIngestion = { ruleName: 'r', ruleArn: 'arn' };
    expect(payloadOf(transform('"<aws.events.event.ingestion-time>"', undefined, noIngestion))).toBe(
      '"2026-11-28T10:00:00Z"',
    );
  });

  it('aws.events.event is the envelope without detail, detailType renamed, in AWS key order', () => {
    const payload = payloadOf(transform('{"e": <aws.events.event>}'));
    const shown = (JSON.parse(payload) as { e: Record<string, unknown> }).e;
    expect(Object.keys(shown)).toEqual([
      'id',
      'account',
      'detailType',
      'time',
      'source',
      'region',
      'resources',
      'version',
    ]);
    expect(shown.detailType).toBe('Order Placed');
    expect(shown).not.toHaveProperty('detail');
  });

  it('aws.events.event.json is the whole event', () => {
    expect(JSON.parse(payloadOf(transform('{"e": <aws.events.event.json>}')))).toEqual({ e: event });
  });

  it('reserved names win over InputPathsMap entries of the same name', () => {
    expect(
      payloadOf(transform('"<aws.events.rule-name>"', { 'aws.events.rule-name': '$.detail.orderId' })),
    ).toBe('"orders-rule"');
  });
});

describe('JSON templates', () => {
  it('quotes strings and writes numbers, booleans, null, objects and arrays as JSON', () => {
    const template =
      '{"o": <order>, "t": <total>, "p": <paid>, "c": <coupon>, "cu": <customer>, "l": <lines>, "x": [9, <order>]}';
    expect(JSON.parse(payloadOf(transform(template, paths)))).toEqual({
      o: 'o-1',
      t: 12.5,
      p: true,
      c: null,
      cu: { id: 'c-9', name: 'Ada' },
      l: ['pen', 'ink'],
      x: [9, 'o-1'],
    });
  });

  it('keeps the template text around the values (whitespace, key order)', () => {
    expect(payloadOf(transform('{ "b" : <order>,\n  "a": 1 }', paths))).toBe('{ "b" : "o-1",\n  "a": 1 }');
  });

  it('writes scalars inside string literals as plain text', () => {
    const template = '{"s": "order <order> of <total>, paid=<paid>, coupon=<coupon>"}';
    expect(JSON.parse(payloadOf(transform(template, paths)))).toEqual({
      s: 'order o-1 of 12.5, paid=true, coupon=null',
    });
  });

  it('a missing path is "" as a value and nothing inside a string', () => {
    expect(JSON.parse(payloadOf(transform('{"a": <absent>, "b": "x<absent>y"}', paths)))).toEqual({
      a: '',
      b: 'xy',
    });
  });

  it('an object or array inside a string literal makes invalid JSON, which is not delivered', () => {
    expect(transform('{"c": "<customer>"}', paths)).toMatchObject({ dropped: true });
    expect(transform('{"l": "lines: <lines>"}', paths)).toMatchObject({
      dropped: true,
      reason: expect.stringContaining('invalid JSON'),
    });
  });

  it('does not escape values, so a quote inside a value breaks the JSON as on AWS', () => {
    expect(transform('{"q": <quote>}', paths)).toMatchObject({ dropped: true });
  });

  it('an array template is a JSON template too', () => {
    expect(JSON.parse(payloadOf(transform('[<order>, <lines>]', paths)))).toEqual(['o-1', ['pen', 'ink']]);
  });

  it('tells escaped quotes from the end of a string literal', () => {
    const template = '{"s": "a \\"<order>\\" b", "v": <order>}';
    expect(JSON.parse(payloadOf(transform(template, paths)))).toEqual({ s: 'a "o-1" b', v: 'o-1' });
  });
});

describe('string templates', () => {
  it('writes strings, numbers and booleans as text inside the quoted string', () => {
    expect(payloadOf(transform('"Order <order> costs <total> (paid: <paid>)"', paths))).toBe(
      '"Order o-1 costs 12.5 (paid: true)"',
    );
  });

  it('writes objects and arrays without their internal quotes', () => {
    expect(payloadOf(transform('"customer <customer> bought <lines>"', paths))).toBe(
      '"customer {id:c-9,name:Ada} bought [pen,ink]"',
    );
  });

  it('writes a missing path as nothing and null as null', () => {
    expect(payloadOf(transform('"[<absent>] [<coupon>]"', paths))).toBe('"[] [null]"');
  });

  it('delivers several quoted lines and free text as written, without a JSON check', () => {
    expect(payloadOf(transform('"<order>"\n"<total>"', paths))).toBe('"o-1"\n"12.5"');
    expect(payloadOf(transform('<order> is <paid>', paths))).toBe('o-1 is true');
  });

  it('leaves text in angle brackets that is not a placeholder name alone', () => {
    expect(payloadOf(transform('"a < b and c > d <order>"', paths))).toBe('"a < b and c > d o-1"');
  });
});
