// Reads an Amazon States Language definition: the states as a graph (for the execution view) and the
// resources its Task states call (for the architecture view).

/** One state of a definition, flattened; nested states (Parallel branches, Map) get a `parent`. */
export interface AslState {
  id: string;
  name: string;
  type: string;
  parent?: string;
  end: boolean;
}

/** A transition between states. */
export interface AslEdge {
  from: string;
  to: string;
  label?: string;
}

/** The flattened state graph. */
export interface AslGraph {
  startAt: string;
  states: AslState[];
  edges: AslEdge[];
}

type Json = Record<string, unknown>;

function parse(definition: string): Json | undefined {
  try {
    const parsed = JSON.parse(definition) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

function nestedMachines(state: Json): Json[] {
  const out: Json[] = [];
  if (Array.isArray(state.Branches)) out.push(...(state.Branches as Json[]));
  const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
  if (processor) out.push(processor);
  return out;
}

/** The state graph of a definition; state ids are names, prefixed by their parent's id when nested. */
export function aslGraph(definition: string): AslGraph {
  const root = parse(definition);
  const graph: AslGraph = { startAt: String(root?.StartAt ?? ''), states: [], edges: [] };
  const walk = (machine: Json, parent: string | undefined) => {
    const states = (machine.States ?? {}) as Record<string, Json>;
    const idOf = (name: string) => (parent ? `${parent}/${name}` : name);
    if (parent && typeof machine.StartAt === 'string')
      graph.edges.push({ from: parent, to: idOf(machine.StartAt), label: 'start' });
    for (const [name, state] of Object.entries(states)) {
      const id = idOf(name);
      const type = String(state.Type ?? 'Task');
      const end = state.End === true || type === 'Succeed' || type === 'Fail';
      graph.states.push({ id, name, type, parent, end });
      if (typeof state.Next === 'string') graph.edges.push({ from: id, to: idOf(state.Next) });
      if (typeof state.Default === 'string')
        graph.edges.push({ from: id, to: idOf(state.Default), label: 'default' });
      for (const choice of (state.Choices ?? []) as Json[])
        if (typeof choice.Next === 'string')
          graph.edges.push({ from: id, to: idOf(choice.Next), label: 'choice' });
      for (const c of (state.Catch ?? []) as Json[])
        if (typeof c.Next === 'string') graph.edges.push({ from: id, to: idOf(c.Next), label: 'catch' });
      for (const nested of nestedMachines(state)) walk(nested, id);
    }
  };
  if (root) walk(root, undefined);
  return graph;
}

/** ARNs the Task states call: functions, queues, buses, nested state machines. */
export function taskResources(definition: string): string[] {
  const root = parse(definition);
  const found = new Set<string>();
  const walk = (machine: Json) => {
    for (const state of Object.values((machine.States ?? {}) as Record<string, Json>)) {
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        const params = (state.Parameters ?? state.Arguments ?? {}) as Json;
        const named =
          params.FunctionName ??
          params['FunctionName.$'] ??
          params.QueueUrl ??
          params.EventBusName ??
          params.StateMachineArn;
        if (state.Resource.startsWith('arn:aws:states:::') || /^arn:[^:]+:states:::/.test(state.Resource)) {
          if (typeof named === 'string' && !named.startsWith('$')) found.add(named);
        } else found.add(state.Resource);
      }
      for (const nested of nestedMachines(state)) walk(nested);
    }
  };
  if (root) walk(root);
  return [...found];
}
