// Before anything resolves: every Ref / GetAtt / Sub name must exist, and resources must not depend on
// each other in a loop (CloudFormation rejects both, whichever Fn::If branch is taken).
import { suggestion, templateError } from '../errors.js';
import type { SourcePosition } from '../model.js';
import type { SourceMap } from '../reader/source-map.js';
import { isRecord, type TemplateResource } from '../resources.js';
import { subReferences } from './intrinsics-sub.js';

/** One name a value refers to. */
export interface Reference {
  name: string;
  kind: 'Ref' | 'GetAtt' | 'Sub';
  position?: SourcePosition;
}

/** Every Ref, Fn::GetAtt and Fn::Sub name inside `value`. */
export function collectReferences(value: unknown, positions: SourceMap, out: Reference[] = []): Reference[] {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, positions, out);
    return out;
  }
  if (!isRecord(value)) return out;
  const keys = Object.keys(value);
  const position = positions.node(value);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string') {
    out.push({ name: value.Ref, kind: 'Ref', position });
    return out;
  }
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const arg = value['Fn::GetAtt'];
    const target = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined;
    if (typeof target === 'string') out.push({ name: target, kind: 'GetAtt', position });
    if (Array.isArray(arg)) collectReferences(arg.slice(1), positions, out);
    return out;
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const arg = value['Fn::Sub'];
    const template = Array.isArray(arg) ? arg[0] : arg;
    const variables = Array.isArray(arg) && isRecord(arg[1]) ? arg[1] : {};
    if (typeof template === 'string') {
      for (const name of subReferences(template)) {
        if (name in variables) continue;
        const dot = name.indexOf('.');
        out.push(
          dot > 0 ? { name: name.slice(0, dot), kind: 'GetAtt', position } : { name, kind: 'Sub', position },
        );
      }
    } else collectReferences(template, positions, out);
    collectReferences(variables, positions, out);
    return out;
  }
  for (const child of Object.values(value)) collectReferences(child, positions, out);
  return out;
}

/** Throw the first unknown reference in `value` (pseudo parameters, parameters and resources are known). */
export function checkReferences(
  value: unknown,
  positions: SourceMap,
  parameters: ReadonlySet<string>,
  resources: ReadonlySet<string>,
): Reference[] {
  const references = collectReferences(value, positions);
  for (const ref of references) {
    if (ref.name.startsWith('AWS::') || parameters.has(ref.name) || resources.has(ref.name)) continue;
    // `${Param.Name}` style dotted parameter names do not exist; a dotted Sub name is a GetAtt.
    const known = [...parameters, ...resources];
    if (ref.kind === 'GetAtt') {
      throw templateError(
        'TEMPLATE_BAD_GETATT',
        `Fn::GetAtt names resource '${ref.name}', which the template does not declare`,
        ref.position,
        `Declare a Resource named '${ref.name}', or fix the name${suggestion(ref.name, resources)}.`,
      );
    }
    throw templateError(
      'TEMPLATE_UNKNOWN_REF',
      `${ref.kind === 'Sub' ? 'Fn::Sub refers' : 'Ref'} to '${ref.name}', which is neither a Parameter, a Resource nor a pseudo parameter`,
      ref.position,
      `Declare a Parameter or Resource named '${ref.name}', or fix the name${suggestion(ref.name, known)}.`,
    );
  }
  return references;
}

/** Check references of every resource and that no resources depend on each other in a loop. */
export function checkResourceGraph(
  resources: readonly TemplateResource[],
  positions: SourceMap,
  parameters: ReadonlySet<string>,
): void {
  const ids = new Set(resources.map((r) => r.logicalId));
  const edges = new Map<string, string[]>();
  for (const resource of resources) {
    const refs = checkReferences(resource.properties, positions, parameters, ids);
    for (const dep of resource.dependsOn) {
      if (!ids.has(dep)) {
        throw templateError(
          'TEMPLATE_UNKNOWN_REF',
          `Resource '${resource.logicalId}' DependsOn '${dep}', which the template does not declare`,
          resource.position,
          `Fix the DependsOn name${suggestion(dep, ids)}, or remove it.`,
        );
      }
    }
    const targets = [...refs.map((r) => r.name).filter((n) => ids.has(n)), ...resource.dependsOn];
    edges.set(resource.logicalId, [...new Set(targets)]);
  }
  findCycle(resources, edges);
}

function findCycle(resources: readonly TemplateResource[], edges: Map<string, string[]>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const byId = new Map(resources.map((r) => [r.logicalId, r]));
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const loop = [...stack.slice(stack.indexOf(id)), id];
      const first = byId.get(loop[0]);
      throw templateError(
        'TEMPLATE_CYCLE',
        `Circular dependency between resources: ${loop.join(' → ')}`,
        first?.position,
        'Break the loop: remove one of the Ref, Fn::GetAtt, Fn::Sub or DependsOn links between these resources.',
      );
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of edges.get(id) ?? []) visit(next);
    stack.pop();
    state.set(id, 'done');
  };
  for (const resource of resources) visit(resource.logicalId);
}
