// Everything a state handler needs while it runs: its definition, the frame, the context object, and
// helpers to evaluate JSONPath and JSONata in AWS's way.
import type { QueryLanguage, StateDefinition } from '../asl/types.js';
import { RuntimeError, stateCause } from '../errors/runtime-errors.js';
import { evaluateTemplate, type JsonataScope, type StatesBinding } from '../jsonata/evaluate.js';
import { evaluatePayload, resolveReference, type PathSources } from '../jsonpath/payload.js';
import { PathNotFoundError } from '../jsonpath/query.js';
import type { Frame, Transition } from './env.js';

/** The running state. */
export class StateContext {
  // Assigned in the constructor rather than by field initialisers: one context is built per state.
  declare retryCount: number;
  declare taskToken: string | undefined;
  /** When a resumed Wait is due, from its checkpoint (epoch ms). */
  declare resumedDueAt: number | undefined;
  declare readonly frame: Frame;
  declare readonly name: string;
  declare readonly state: StateDefinition;
  declare readonly enteredEventId: number;
  /** The Entered event's time (epoch ms). */
  declare readonly enteredAt: number;
  declare private enteredText: string | undefined;

  constructor(frame: Frame, name: string, state: StateDefinition, enteredEventId: number, enteredAt: number) {
    this.frame = frame;
    this.name = name;
    this.state = state;
    this.enteredEventId = enteredEventId;
    this.enteredAt = enteredAt;
    this.retryCount = 0;
    this.taskToken = undefined;
    this.resumedDueAt = undefined;
    this.enteredText = undefined;
  }

  /** `$$.State.EnteredTime`, formatted only when a state reads its context (most never do). */
  get enteredTime(): string {
    this.enteredText ??= new Date(this.enteredAt).toISOString();
    return this.enteredText;
  }

  /** The state's query language: its own, else the definition's. */
  get language(): QueryLanguage {
    return this.state.QueryLanguage ?? this.frame.queryLanguage;
  }

  get env() {
    return this.frame.env;
  }

  /** The context object `$$` / `$states.context`. */
  contextObject(): Record<string, unknown> {
    const id = this.frame.env.identity;
    const ctx: Record<string, unknown> = {
      Execution: id.Execution,
      StateMachine: id.StateMachine,
      State: { Name: this.name, EnteredTime: this.enteredTime, RetryCount: this.retryCount },
    };
    // AWS includes State.RetryCount only in the states that can retry.
    if (!['Task', 'Map', 'Parallel'].includes(this.state.Type))
      delete (ctx.State as Record<string, unknown>).RetryCount;
    if (this.taskToken) ctx.Task = { Token: this.taskToken };
    if (this.frame.mapItem) ctx.Map = { Item: this.frame.mapItem };
    return ctx;
  }

  /**
   * Records a top-level state that is under way (a Wait, or a Retry back-off, waiting until `dueAt`),
   * so a restarted eddy resumes it where it is rather than entering it again.
   */
  checkpoint(input: unknown, dueAt: number, retry?: Transition['retry']): void {
    if (!this.frame.topLevel) return;
    this.env.onTransition?.({
      stateName: this.name,
      input,
      variables: this.frame.scope.own(),
      entered: { eventId: this.enteredEventId, time: this.enteredTime },
      dueAt,
      ...(retry ? { retry } : {}),
    });
  }

  /** AWS's cause text for an evaluation failure in this state. */
  cause(detail: string): string {
    return stateCause(this.name, this.enteredEventId, detail);
  }

  /** Where `$`, `$$` and `$var` point for a JSONPath evaluation over `input`. */
  sources(input: unknown): PathSources {
    return {
      input,
      context: this.contextObject(),
      variable: (n) => this.frame.scope.lookup(n),
      cause: (d) => this.cause(d),
    };
  }

  /** Evaluates a JSONPath payload template (`.$` keys). */
  payload(template: unknown, input: unknown): unknown {
    return evaluatePayload(template, this.sources(input));
  }

  /** Applies InputPath/OutputPath/ItemsPath-style paths; missing paths fail as on AWS. */
  path(path: string, input: unknown): unknown {
    try {
      return resolveReference(path, this.sources(input));
    } catch (e) {
      if (e instanceof PathNotFoundError)
        throw new RuntimeError(this.cause(`Invalid path '${path}' : ${e.message}`));
      throw e;
    }
  }

  /** The JSONata bindings for this state. */
  scope(states: Omit<StatesBinding, 'context'>): JsonataScope {
    return {
      states: { ...states, context: this.contextObject() },
      variables: this.frame.scope.flatten(),
      cause: (d) => this.cause(d),
    };
  }

  /** Evaluates a JSONata field value (a `{% %}` string, or an object/array containing them). */
  jsonata(value: unknown, field: string, states: Omit<StatesBinding, 'context'>): Promise<unknown> {
    return evaluateTemplate(value, field, this.scope(states));
  }
}
