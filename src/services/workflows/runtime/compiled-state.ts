// A block's states prepared once per definition: the interpreter follows links between prepared states
// instead of looking each state up by name. A lookup in the definition's `States` object by a `Next`
// string costs a string-table probe per transition (those strings are not the object's own keys), which
// was the largest single cost of a Pass state.
import type { StateDefinition, StatesBlock } from '../asl/types.js';
import type { StateHandler } from '../states/handler.js';
import { HANDLERS } from '../states/registry.js';

// Event type names per state type, one string each (not one copy per state).
const eventTypes = new Map<string, { entered: string; exited: string }>();

function eventTypesOf(type: string): { entered: string; exited: string } {
  let names = eventTypes.get(type);
  if (names === undefined) {
    names = { entered: `${type}StateEntered`, exited: `${type}StateExited` };
    eventTypes.set(type, names);
  }
  return names;
}

/**
 * One state of a block with what the interpreter needs of its type, looked up once. The fields a
 * plain Pass state reads come first, close together: after other work has evicted a long chain's
 * states from the CPU caches, each state costs as few cache misses as possible.
 */
export class CompiledState {
  /** The handler need not run: the state outputs its input (see StateHandler.passesThrough). */
  readonly passesThrough: boolean;
  /** Where the state goes when it ends normally (undefined when End is true or for Choice). */
  readonly next: string | undefined;
  // The state named by `next`, linked on first use.
  private nextState: CompiledState | undefined;
  readonly name: string;
  /** Its type's Entered and Exited event types, e.g. PassStateEntered. */
  readonly entered: string;
  readonly exited: string;
  /** A state that waits or calls out: its Entered event reads the clock (see History.shareTime). */
  readonly timed: boolean;
  readonly handler: StateHandler;
  readonly def: StateDefinition;
  private readonly table: StateTable;

  constructor(table: StateTable, name: string, def: StateDefinition, handler: StateHandler) {
    const t = def.Type;
    const types = eventTypesOf(t);
    this.passesThrough = handler.passesThrough?.(def) ?? false;
    this.next = def.End ? undefined : def.Next;
    this.nextState = undefined;
    this.name = name;
    this.entered = types.entered;
    this.exited = types.exited;
    this.timed = t === 'Task' || t === 'Wait' || t === 'Parallel' || t === 'Map';
    this.handler = handler;
    this.def = def;
    this.table = table;
  }

  /** The state to run after this one ended with `next` (a Choice picks any; others go to their Next). */
  follow(next: string): CompiledState {
    if (next !== this.next) return this.table.get(next);
    this.nextState ??= this.table.get(next);
    return this.nextState;
  }
}

/** The prepared states of one block, built as they are first reached. */
class StateTable {
  private readonly states = new Map<string, CompiledState>();

  constructor(private readonly block: StatesBlock) {}

  get(name: string): CompiledState {
    let state = this.states.get(name);
    if (state === undefined) {
      const def = this.block.States[name];
      // Validation makes every Next, Default and StartAt name a state of its block.
      if (def === undefined) throw new Error(`no state named ${JSON.stringify(name)}`);
      state = new CompiledState(this, name, def, HANDLERS[def.Type]);
      this.states.set(name, state);
    }
    return state;
  }
}

// Definitions are never changed once parsed, so a block's table lives as long as the block.
const tables = new WeakMap<StatesBlock, StateTable>();

/** State `name` of `block`, prepared. */
export function compiledState(block: StatesBlock, name: string): CompiledState {
  let table = tables.get(block);
  if (table === undefined) {
    table = new StateTable(block);
    tables.set(block, table);
  }
  return table.get(name);
}
