// Which fields each state type may carry, and which belong to only one query language
// (https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html).
import type { StateType } from './types.js';

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const IO = ['InputPath', 'OutputPath', 'Output', 'Assign'];
const RESULT = ['Parameters', 'ResultSelector', 'ResultPath', 'Arguments'];
const ERRORS = ['Retry', 'Catch'];

/** Fields allowed per state type. */
export const ALLOWED_FIELDS: Readonly<Record<StateType, ReadonlySet<string>>> = {
  Pass: new Set([...COMMON, ...FLOW, ...IO, 'Parameters', 'ResultPath', 'Result']),
  Task: new Set([
    ...COMMON,
    ...FLOW,
    ...IO,
    ...RESULT,
    ...ERRORS,
    'Resource',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
  ]),
  Choice: new Set([...COMMON, 'InputPath', 'OutputPath', 'Output', 'Assign', 'Choices', 'Default']),
  Wait: new Set([...COMMON, ...FLOW, ...IO, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']),
  Succeed: new Set([...COMMON, 'InputPath', 'OutputPath', 'Output']),
  Fail: new Set([...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath']),
  Parallel: new Set([...COMMON, ...FLOW, ...IO, ...RESULT, ...ERRORS, 'Branches']),
  Map: new Set([
    ...COMMON,
    ...FLOW,
    ...IO,
    ...RESULT,
    ...ERRORS,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemSelector',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'Label',
  ]),
};

/** Fields only JSONPath states may use. */
export const JSONPATH_ONLY = new Set([
  'Result',
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'Iterator',
]);

/** Fields only JSONata states may use. */
export const JSONATA_ONLY = new Set(['Arguments', 'Output', 'Items']);

/** The state types ASL defines. */
export const STATE_TYPES: ReadonlySet<string> = new Set(Object.keys(ALLOWED_FIELDS));
