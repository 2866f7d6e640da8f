// Frames for Parallel branches and Map iterations: a child variable scope and a signal that aborts
// when the parent aborts or a sibling fails.
import type { StatesBlock } from '../asl/types.js';
import type { Frame } from './env.js';
import { VariableScope } from './variables.js';

/** A frame running `block` under `parent`, aborted through `signal`. */
export function childFrame(
  parent: Frame,
  block: StatesBlock,
  signal: AbortSignal,
  mapItem?: Frame['mapItem'],
): Frame {
  return {
    env: parent.env,
    block,
    queryLanguage: block.QueryLanguage ?? parent.queryLanguage,
    scope: new VariableScope(parent.scope),
    mapItem,
    topLevel: false,
    signal,
  };
}

/** An AbortController that also aborts when `parent` does. */
export function linkedController(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller;
}
