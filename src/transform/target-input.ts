// What a rule target receives: the constant `Input`, the part of the event `InputPath` selects, the
// filled `InputTransformer` template, or, with none of them, the whole event as JSON
// (docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html). Targets are compiled once (paths
// parsed, template split) and cached per target object, since the bus applies them to every match.
import { evaluateJsonPath, parseJsonPath, type JsonPath, type PathLookup } from './json-path.js';
import { renderTemplate, type TransformResult } from './render.js';
import { parseTemplate } from './template.js';
import { ruleReservedVariable } from './rule-variables.js';

/** The input part of a rule target (PutTargets' Input, InputPath and InputTransformer). */
export interface TargetInputConfig {
  input?: string;
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
}

/** What the reserved variables of a rule's templates resolve to. */
export interface RuleContext {
  ruleName: string;
  ruleArn: string;
  /** ISO-8601 time the bus received the event; defaults to the event's `time`. */
  ingestionTime?: string;
}

/** A compiled target input: apply it to each matching event. */
export type CompiledTargetInput = (event: unknown, context: RuleContext) => TransformResult;

const cache = new WeakMap<TargetInputConfig, CompiledTargetInput>();

/** Computes what a target receives for an event (compiling the target once, cached per object). */
export function applyTargetInput(
  target: TargetInputConfig,
  event: unknown,
  context: RuleContext,
): TransformResult {
  let compiled = cache.get(target);
  if (compiled === undefined) {
    compiled = compileTargetInput(target);
    cache.set(target, compiled);
  }
  return compiled(event, context);
}

/** Compiles a target's input configuration; configuration errors surface as drops with a reason. */
export function compileTargetInput(target: TargetInputConfig): CompiledTargetInput {
  if (target.input !== undefined) {
    const payload = target.input;
    return () => ({ payload });
  }
  if (target.inputPath !== undefined) return compileInputPath(target.inputPath);
  if (target.inputTransformer !== undefined) return compileTransformer(target.inputTransformer);
  return (event) => ({ payload: JSON.stringify(event) });
}

function compileInputPath(text: string): CompiledTargetInput {
  const parsed = parseJsonPath(text);
  if (!parsed.ok) return () => ({ dropped: true, reason: `InputPath ${text} is invalid: ${parsed.reason}` });
  const path = parsed.path;
  return (event) => {
    const lookup = evaluateJsonPath(path, event);
    // Not recorded against AWS: a path that selects nothing delivers nothing here.
    if (!lookup.found) return { dropped: true, reason: `InputPath ${text} found nothing in the event` };
    return { payload: JSON.stringify(lookup.value) };
  };
}

function compileTransformer(transformer: NonNullable<TargetInputConfig['inputTransformer']>) {
  const template = parseTemplate(transformer.inputTemplate);
  const paths = new Map<string, JsonPath | null>();
  for (const [name, text] of Object.entries(transformer.inputPathsMap ?? {})) {
    const parsed = parseJsonPath(text);
    paths.set(name, parsed.ok ? parsed.path : null);
  }
  return (event: unknown, context: RuleContext): TransformResult =>
    renderTemplate(template, (name): PathLookup | undefined => {
      // Reserved names win: AWS says they "can't be overwritten".
      const reserved = ruleReservedVariable(name, event, context);
      if (reserved !== undefined) return reserved;
      const path = paths.get(name);
      if (path === undefined) return undefined;
      return path === null ? { found: false } : evaluateJsonPath(path, event);
    });
}
