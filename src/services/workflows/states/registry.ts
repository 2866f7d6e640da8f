// Every state type's handler, in one literal.
import type { StateType } from '../asl/types.js';
import { choiceState } from './choice.js';
import { failState } from './fail.js';
import type { StateHandler } from './handler.js';
import { mapState } from './map.js';
import { parallelState } from './parallel.js';
import { passState } from './pass.js';
import { succeedState } from './succeed.js';
import { taskState } from './task.js';
import { waitState } from './wait.js';

/** The handler of each state type. */
export const HANDLERS: Readonly<Record<StateType, StateHandler>> = {
  Task: taskState,
  Pass: passState,
  Choice: choiceState,
  Wait: waitState,
  Succeed: succeedState,
  Fail: failState,
  Parallel: parallelState,
  Map: mapState,
};
