import { describe, expect, it } from 'vitest';
import { baseArn, buildTopology, deadLetterTarget, resolveRef } from '../../../src/console/topology.js';
import { fixtureApp } from './app-fixture.js';

const pay = 'arn:aws:lambda:us-east-1:000000000000:function:pay';
const work = 'arn:aws:sqs:us-east-1:000000000000:work';
const dlq = 'arn:aws:sqs:us-east-1:000000000000:work-dlq';
const flow = 'arn:aws:states:us-east-1:000000000000:stateMachine:flow';

describe('buildTopology', () => {
  const topology = buildTopology(fixtureApp());
  const has = (from: string, to: string) => topology.edges.some((e) => e.from === from && e.to === to);

  it('draws buses to rules to targets, with DLQs dashed', () => {
    const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/orders';
    const rule = 'arn:aws:events:us-east-1:000000000000:rule/orders/to-queue';
    expect(has(bus, rule)).toBe(true);
    expect(has(rule, work)).toBe(true);
    expect(topology.edges.find((e) => e.from === rule && e.to === dlq)?.dashed).toBe(true);
    expect(topology.edges.find((e) => e.from === work && e.to === dlq)?.label).toBe('DLQ');
  });

  it('draws queues through event source mappings to the unqualified function', () => {
    const mapping = 'arn:aws:lambda:us-east-1:000000000000:event-source-mapping:u-1';
    expect(has(work, mapping)).toBe(true);
    expect(has(mapping, pay)).toBe(true);
    expect(topology.nodes.find((n) => n.id === mapping)?.aliases).toEqual(['esm:u-1']);
  });

  it('draws state machines to what their Task states call, by name or URL', () => {
    expect(has(flow, pay)).toBe(true);
    expect(has(flow, work)).toBe(true);
  });

  it('has one node per resource and no external nodes when everything is local', () => {
    expect(topology.nodes.filter((n) => n.kind === 'external')).toEqual([]);
    expect(topology.nodes.map((n) => n.kind).sort()).toEqual(
      ['bus', 'function', 'mapping', 'queue', 'queue', 'rule', 'rule', 'stateMachine'].sort(),
    );
  });

  it('adds an external node for a target outside the template', () => {
    const app = fixtureApp();
    app.rules[1].targets.push({ id: 'x', arn: 'arn:aws:sns:us-east-1:000000000000:alerts' });
    const node = buildTopology(app).nodes.find((n) => n.id.endsWith(':alerts'));
    expect(node).toMatchObject({ kind: 'external', label: 'alerts' });
  });
});

describe('helpers', () => {
  it('strips Lambda qualifiers only', () => {
    expect(baseArn(`${pay}:live`)).toBe(pay);
    expect(baseArn(work)).toBe(work);
  });
  it('reads the DLQ of a redrive policy, ignoring bad JSON', () => {
    expect(deadLetterTarget(JSON.stringify({ deadLetterTargetArn: dlq }))).toBe(dlq);
    expect(deadLetterTarget('{nope')).toBeUndefined();
    expect(deadLetterTarget(undefined)).toBeUndefined();
  });
  it('resolves function names and queue URLs to ARNs', () => {
    const app = fixtureApp();
    expect(resolveRef(app, 'pay')).toBe(pay);
    expect(resolveRef(app, app.queues[0].url)).toBe(work);
    expect(resolveRef(app, 'unknown')).toBe('unknown');
  });
});
