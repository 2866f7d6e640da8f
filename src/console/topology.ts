// The architecture graph drawn from the App model: buses → rules → targets, queues → event source
// mappings and pipes → enrichment → targets, schedules, state machines → what their Task states call.
import type { App } from './types.js';
import { taskResources } from './asl.js';

/** What a node stands for. */
export type NodeKind =
  | 'bus'
  | 'rule'
  | 'archive'
  | 'schedule'
  | 'queue'
  | 'function'
  | 'stateMachine'
  | 'mapping'
  | 'pipe'
  | 'bucket'
  | 'external';

/** A node of the architecture graph; `id` is the resource's ARN (trace records name resources by ARN). */
export interface TopologyNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Other keys its live counters are kept under (an event source mapping's `esm:<uuid>`). */
  aliases?: string[];
}

/** A directed edge; `dashed` for dead-letter and destination paths. */
export interface TopologyEdge {
  from: string;
  to: string;
  dashed?: boolean;
  label?: string;
}

/** The whole graph. */
export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** Strips a Lambda qualifier (`:alias`, `:3`) so an edge meets the function node. */
export function baseArn(arn: string): string {
  const m = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)(:.*)?$/.exec(arn);
  return m ? m[1] : arn;
}

function lastPart(arn: string): string {
  const parts = arn.split(/[:/]/);
  return parts[parts.length - 1] || arn;
}

/** Builds the topology of an app. */
export function buildTopology(app: App): Topology {
  const nodes = new Map<string, TopologyNode>();
  const edges: TopologyEdge[] = [];
  const add = (id: string, kind: NodeKind, label: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, kind, label });
  };
  app.buses.forEach((b) => add(b.arn, 'bus', b.name));
  app.queues.forEach((q) => add(q.arn, 'queue', q.name));
  app.functions.forEach((f) => add(f.arn, 'function', f.logicalId));
  app.stateMachines.forEach((s) => add(s.arn, 'stateMachine', s.logicalId));
  app.buckets.forEach((b) => add(b.arn, 'bucket', b.logicalId));
  const link = (from: string, to: string, extra: Partial<TopologyEdge> = {}) => {
    const target = baseArn(to);
    add(from, 'external', lastPart(from));
    add(target, 'external', lastPart(target));
    if (!edges.some((e) => e.from === from && e.to === target)) edges.push({ from, to: target, ...extra });
  };
  const busArn = (name: string) => app.buses.find((b) => b.name === name || b.arn === name)?.arn;
  for (const rule of app.rules) {
    add(rule.arn, 'rule', rule.logicalId);
    const bus = busArn(rule.busName);
    if (bus) edges.push({ from: bus, to: rule.arn });
    for (const t of rule.targets) {
      link(rule.arn, t.arn);
      if (t.deadLetterArn) link(rule.arn, t.deadLetterArn, { dashed: true, label: 'DLQ' });
    }
  }
  for (const archive of app.archives) {
    add(archive.arn, 'archive', archive.logicalId);
    const bus = busArn(archive.busName) ?? archive.sourceArn;
    link(bus, archive.arn);
  }
  for (const s of app.schedules) {
    add(s.arn, 'schedule', s.logicalId);
    link(s.arn, s.target.arn);
  }
  for (const m of app.eventSourceMappings) {
    add(m.arn, 'mapping', `${lastPart(m.eventSourceArn)} → ${lastPart(baseArn(m.functionArn))}`);
    nodes.get(m.arn)!.aliases = [`esm:${m.uuid}`];
    link(m.eventSourceArn, m.arn);
    link(m.arn, m.functionArn);
  }
  for (const p of app.pipes) {
    add(p.arn, 'pipe', p.logicalId);
    link(p.source, p.arn);
    if (p.enrichment) link(p.arn, p.enrichment, { label: 'enrich' });
    link(p.arn, p.target);
  }
  for (const q of app.queues) {
    const dlq = deadLetterTarget(q.attributes.RedrivePolicy);
    if (dlq) link(q.arn, dlq, { dashed: true, label: 'DLQ' });
  }
  for (const f of app.functions) {
    if (f.onFailureArn) link(f.arn, f.onFailureArn, { dashed: true, label: 'on failure' });
    if (f.onSuccessArn) link(f.arn, f.onSuccessArn, { dashed: true, label: 'on success' });
  }
  for (const sm of app.stateMachines) {
    for (const resource of taskResources(sm.definition)) link(sm.arn, resolveRef(app, resource));
  }
  return { nodes: [...nodes.values()], edges: edges.filter((e) => nodes.has(e.from)) };
}

/** The DLQ ARN of an SQS RedrivePolicy attribute (JSON text), if any. */
export function deadLetterTarget(policy: string | undefined): string | undefined {
  if (!policy) return undefined;
  try {
    const parsed = JSON.parse(policy) as { deadLetterTargetArn?: string };
    return parsed.deadLetterTargetArn;
  } catch {
    return undefined;
  }
}

/** Turns what a Task names (function name, queue URL, bus name, ARN) into the ARN of its node. */
export function resolveRef(app: App, ref: string): string {
  const fn = app.functions.find((f) => f.name === ref || f.logicalId === ref);
  if (fn) return fn.arn;
  const queue = app.queues.find((q) => q.url === ref || q.name === ref);
  if (queue) return queue.arn;
  const bus = app.buses.find((b) => b.name === ref);
  return bus ? bus.arn : ref;
}
