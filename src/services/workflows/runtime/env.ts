// What a running execution shares with every state: time, the task invoker, tokens, history, and the
// identity that fills the context object.
import type { Clock } from '../../../shared/clock.js';
import type { StatesBlock, QueryLanguage } from '../asl/types.js';
import type { TaskInvoker } from '../tasks/invoker.js';
import type { TaskTokenRegistry } from '../tasks/token-registry.js';
import type { History } from './history.js';
import type { VariableScope } from './variables.js';
import type { MapRunHooks } from '../states/map-reader.js';

/** The context object's Execution and StateMachine parts (`$$.Execution`, `$$.StateMachine`). */
export interface ExecutionIdentity {
  Execution: {
    Id: string;
    Input: unknown;
    StartTime: string;
    Name: string;
    RoleArn: string;
    RedriveCount?: number;
  };
  StateMachine: { Id: string; Name: string };
}

/** Execution-wide services and settings. */
export interface ExecutionEnv {
  clock: Clock;
  invoker: TaskInvoker;
  tokens: TaskTokenRegistry;
  history: History;
  /** Aborted when the execution stops, times out or fails. */
  signal: AbortSignal;
  region: string;
  accountId: string;
  identity: ExecutionIdentity;
  /** Distributed Map's ItemReader/ResultWriter (absent: those fields fail the state). */
  mapRuns?: MapRunHooks;
  /** Called after every state transition (durability hook). */
  onTransition?: (transition: Transition) => void;
}

/** One state transition of the top-level frame: enough to resume from. */
export interface Transition {
  /** The state about to run, or undefined when the execution ended. */
  stateName: string | undefined;
  input: unknown;
  variables: Record<string, unknown>;
  /**
   * Set when a running state checkpoints (a Wait that starts waiting): its Entered event is already in
   * the history, so a resumed run continues the state instead of entering it again.
   */
  entered?: { eventId: number; time: string };
  /** With `entered`: when the Wait or Retry back-off is due (epoch ms): a resumed one waits what is left. */
  dueAt?: number;
  /** With `entered`, in a Retry back-off: attempts made per retrier index, and `$$.State.RetryCount`. */
  retry?: { attempts: [number, number][]; count: number };
}

/** A list of states being run: the machine, a Parallel branch or a Map iteration. */
export interface Frame {
  env: ExecutionEnv;
  block: StatesBlock;
  /** The query language inherited from the enclosing definition. */
  queryLanguage: QueryLanguage;
  scope: VariableScope;
  /** `$$.Map.Item` inside a Map iteration. */
  mapItem?: { Index: number; Value: unknown; Key?: string };
  /** True at the top level (transitions are reported for resuming). */
  topLevel: boolean;
  /** Aborted when this frame must stop (execution ended, or a sibling branch/iteration failed). */
  signal: AbortSignal;
}
