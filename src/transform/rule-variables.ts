// The reserved variables of rule InputTemplates (docs.aws.amazon.com/eventbridge/latest/userguide/
// eb-transform-target-input.html, "Predefined variables"). `aws.events.event` is the envelope without
// `detail`, in the shape AWS recorded: `detail-type` renamed `detailType` and keys in the order id,
// account, detailType, time, source, region, resources, version (the recorded transformer case
// transformer/predefined-variables/json); `aws.events.event.json` is the whole event.
import type { PathLookup } from './json-path.js';

/** The reserved variable names of rule templates. */
export const RULE_RESERVED_VARIABLES = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event',
  'aws.events.event.json',
  'aws.events.event.ingestion-time',
] as const;

/** The rule facts the reserved variables read. */
export interface RuleVariableContext {
  ruleName: string;
  ruleArn: string;
  ingestionTime?: string;
}

const ENVELOPE_ORDER = ['id', 'account', 'detail-type', 'time', 'source', 'region', 'resources', 'version'];

/** The value of a reserved variable, or undefined when the name is not reserved. */
export function ruleReservedVariable(
  name: string,
  event: unknown,
  context: RuleVariableContext,
): PathLookup | undefined {
  switch (name) {
    case 'aws.events.rule-name':
      return { found: true, value: context.ruleName };
    case 'aws.events.rule-arn':
      return { found: true, value: context.ruleArn };
    case 'aws.events.event':
      return { found: true, value: envelopeWithoutDetail(event) };
    case 'aws.events.event.json':
      return { found: true, value: event };
    case 'aws.events.event.ingestion-time':
      return { found: true, value: context.ingestionTime ?? eventTime(event) };
    default:
      return undefined;
  }
}

/** The event as `aws.events.event` shows it: no `detail`, `detailType`, AWS's key order. */
export function envelopeWithoutDetail(event: unknown): Record<string, unknown> {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return {};
  const source = event as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = [...ENVELOPE_ORDER.filter((k) => k in source), ...Object.keys(source)];
  for (const key of keys) {
    if (key === 'detail') continue;
    const outKey = key === 'detail-type' ? 'detailType' : key;
    if (!(outKey in out)) out[outKey] = source[key];
  }
  return out;
}

function eventTime(event: unknown): string {
  const time = (event as { time?: unknown } | null)?.time;
  return typeof time === 'string' ? time : '';
}
