// The ARNs of a map run and its children, as AWS forms them
// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html): the map run
// `...:mapRun:<machine>/<label>:<id>`, the child state machine `...:stateMachine:<machine>/<label>`, and
// child executions `...:execution:<machine>/<label>:<name>` (EXPRESS: `...:express:<machine>/<label>:<name>:<id>`).
// The label is the Map state's Label, else its name.
import { createHash } from 'node:crypto';

/** A map run's ARN and its child state machine's ARN. */
export interface MapRunArns {
  mapRunArn: string;
  childMachineArn: string;
}

/** The ARNs of a new map run of `label` under the execution `parentArn`. */
export function mapRunArns(parentArn: string, label: string, id: string): MapRunArns {
  // arn:aws:states:<region>:<account>:execution|express:<machine>:<name>[:<id>]
  const parts = parentArn.split(':');
  const base = parts.slice(0, 5).join(':');
  const machine = parts[6] ?? 'machine';
  return {
    mapRunArn: `${base}:mapRun:${machine}/${label}:${id}`,
    childMachineArn: `${base}:stateMachine:${machine}/${label}`,
  };
}

/** A UUID-shaped hash of `text`: the same on every run, so a restarted map run finds its children. */
export function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The name of child `index` of a map run (AWS names children with UUIDs). */
export function childName(mapRunArn: string, index: number): string {
  return stableUuid(`${mapRunArn}#${index}`);
}

/** A child execution's ARN. */
export function childExecutionArn(
  childMachineArn: string,
  name: string,
  express: boolean,
  id: string,
): string {
  const parts = childMachineArn.split(':');
  const base = parts.slice(0, 5).join(':');
  return express ? `${base}:express:${parts[6]}:${name}:${id}` : `${base}:execution:${parts[6]}:${name}`;
}
