// The Amazon States Language as TypeScript types (https://states-language.net/spec.html and
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html).

/** JSONPath (the default) or JSONata. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** The state types ASL defines. */
export type StateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/** A Retry entry. */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

/** A Catch entry. */
export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
}

/** A Choice rule (top-level rules carry Next; nested ones inside And/Or/Not do not). */
export interface ChoiceRule {
  Next?: string;
  Variable?: string;
  Condition?: unknown;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Assign?: Record<string, unknown>;
  Output?: unknown;
  Comment?: string;
  [operator: string]: unknown;
}

/** A state machine or a Parallel branch / Map processor: states and where to start. */
export interface StatesBlock {
  StartAt: string;
  States: Record<string, StateDefinition>;
  QueryLanguage?: QueryLanguage;
  Comment?: string;
  ProcessorConfig?: { Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: 'STANDARD' | 'EXPRESS' };
}

/** A whole state machine definition. */
export interface StateMachineDefinition extends StatesBlock {
  Version?: string;
  TimeoutSeconds?: number;
}

/** One state: every field any state type may carry (validation checks which are allowed where). */
export interface StateDefinition {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  // JSONPath input/output processing.
  InputPath?: string | null;
  OutputPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  Result?: unknown;
  // JSONata input/output processing.
  Arguments?: unknown;
  Output?: unknown;
  // Variables (both languages).
  Assign?: Record<string, unknown>;
  // Task.
  Resource?: string;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Credentials?: unknown;
  Retry?: Retrier[];
  Catch?: Catcher[];
  // Choice.
  Choices?: ChoiceRule[];
  Default?: string;
  // Wait.
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  // Fail.
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  // Parallel.
  Branches?: StatesBlock[];
  // Map.
  ItemProcessor?: StatesBlock;
  Iterator?: StatesBlock;
  ItemsPath?: string;
  Items?: unknown;
  ItemSelector?: unknown;
  ItemReader?: Record<string, unknown>;
  ItemBatcher?: Record<string, unknown>;
  ResultWriter?: Record<string, unknown>;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  Label?: string;
}
