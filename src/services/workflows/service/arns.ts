// Step Functions ARNs: state machines `arn:aws:states:<region>:<account>:stateMachine:<name>`, STANDARD
// executions `...:execution:<machine>:<name>`, EXPRESS ones `...:express:<machine>:<name>:<uuid>`.
import { invalidArn, invalidName } from './errors.js';

/** Region and account of the local cloud. */
export interface Scope {
  region: string;
  accountId: string;
}

/** A state machine's ARN. */
export function stateMachineArn(scope: Scope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

/** An execution's ARN (EXPRESS ones carry a run id, as AWS's do). */
export function executionArn(machineArn: string, name: string, express: boolean, id: string): string {
  const base = machineArn.split(':').slice(0, 5).join(':');
  const machine = machineArn.split(':')[6];
  return express ? `${base}:express:${machine}:${name}:${id}` : `${base}:execution:${machine}:${name}`;
}

/** The state machine ARN an execution ARN belongs to. */
export function machineOfExecution(arn: string): string {
  const parts = arn.split(':');
  return `${parts.slice(0, 5).join(':')}:stateMachine:${parts[6]}`;
}

/** Throws InvalidArn unless `arn` is a `states` ARN of `kind` (stateMachine, execution, express). */
export function checkArn(arn: unknown, kinds: readonly string[]): string {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw invalidArn(String(arn));
  const parts = arn.split(':');
  if (parts.length < 7 || parts[2] !== 'states' || !kinds.includes(parts[5]))
    throw invalidArn(arn, 'Resource type not valid in this context');
  return arn;
}

// Names: 1-80 characters, none of whitespace, brackets, wildcards, special characters or control
// characters (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
// eslint-disable-next-line no-control-regex -- AWS forbids control characters in names.
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Throws InvalidName unless `name` is a valid state machine or execution name. */
export function checkName(name: string): string {
  if (name.length < 1 || name.length > 80 || FORBIDDEN.test(name)) throw invalidName(name);
  return name;
}
