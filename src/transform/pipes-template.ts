// Pipes input templates: placeholders are JSON paths into the event (`<$.body.orderId>`) or reserved
// `aws.pipes.*` variables, filled with the same quoting rules as rule templates (render.ts)
// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-input-transformation.html). Paths read the
// event after implicit body parsing (pipes-event.ts); `aws.pipes.event` is the event as received and
// `aws.pipes.event.json` the decoded event, which "only has a value if the original payload ... is JSON".
import { evaluateJsonPath, parseJsonPath, type JsonPath, type PathLookup } from './json-path.js';
import { decodePipeEvent, isJsonEvent } from './pipes-event.js';
import { renderTemplate, type TransformResult } from './render.js';
import { parseTemplate, type ParsedTemplate } from './template.js';

/** What the `aws.pipes.*` variables resolve to. */
export interface PipeContext {
  pipeArn: string;
  pipeName: string;
  sourceArn: string;
  /** Absent when the pipe has no enrichment; the variable then finds nothing. */
  enrichmentArn?: string;
  targetArn: string;
  /** ISO-8601 time the transformer received the event (differs for enrichment and target). */
  ingestionTime: string;
}

/** The reserved variable names of Pipes templates. */
export const PIPE_RESERVED_VARIABLES = [
  'aws.pipes.pipe-arn',
  'aws.pipes.pipe-name',
  'aws.pipes.source-arn',
  'aws.pipes.enrichment-arn',
  'aws.pipes.target-arn',
  'aws.pipes.event',
  'aws.pipes.event.json',
  'aws.pipes.event.ingestion-time',
] as const;

const RESERVED = new Set<string>(PIPE_RESERVED_VARIABLES);

/** A compiled Pipes template: apply it to each event. */
export type CompiledPipeTemplate = (event: unknown, context: PipeContext) => TransformResult;

/** True for what Pipes treats as a placeholder: a JSON path or an `aws.pipes.` name. */
export function isPipePlaceholder(name: string): boolean {
  return name.startsWith('$') || name.startsWith('aws.pipes.');
}

/** Compiles a Pipes InputTemplate once (paths parsed, template split). */
export function compilePipeTemplate(template: string): CompiledPipeTemplate {
  const parsed = parseTemplate(template, isPipePlaceholder);
  const paths = compilePaths(parsed);
  return (event, context) => {
    const decoded = decodePipeEvent(event);
    return renderTemplate(parsed, (name): PathLookup | undefined => {
      if (name.startsWith('$')) {
        const path = paths.get(name);
        return path ? evaluateJsonPath(path, decoded) : { found: false };
      }
      return pipeReservedVariable(name, event, decoded, context);
    });
  };
}

const cache = new Map<string, CompiledPipeTemplate>();

/** Fills a Pipes InputTemplate for one event (compiling each distinct template once). */
export function applyPipeTemplate(template: string, event: unknown, context: PipeContext): TransformResult {
  let compiled = cache.get(template);
  if (compiled === undefined) {
    compiled = compilePipeTemplate(template);
    if (cache.size > 1000) cache.clear();
    cache.set(template, compiled);
  }
  return compiled(event, context);
}

/** Why a Pipes template is unusable (an unknown `aws.pipes.` name or a bad path), or null. */
export function validatePipeTemplate(template: string): string | null {
  const parsed = parseTemplate(template, isPipePlaceholder);
  for (const segment of parsed.segments) {
    if (segment.kind !== 'placeholder') continue;
    if (segment.name.startsWith('$')) {
      const path = parseJsonPath(segment.name);
      if (!path.ok)
        return `InputTemplate placeholder <${segment.name}> is not a valid JSON path: ${path.reason}`;
    } else if (!RESERVED.has(segment.name)) {
      return `InputTemplate placeholder <${segment.name}> is not a reserved aws.pipes variable`;
    }
  }
  return null;
}

function compilePaths(template: ParsedTemplate): Map<string, JsonPath> {
  const paths = new Map<string, JsonPath>();
  for (const segment of template.segments) {
    if (segment.kind !== 'placeholder' || !segment.name.startsWith('$')) continue;
    const parsed = parseJsonPath(segment.name);
    if (parsed.ok) paths.set(segment.name, parsed.path);
  }
  return paths;
}

function pipeReservedVariable(
  name: string,
  event: unknown,
  decoded: unknown,
  context: PipeContext,
): PathLookup | undefined {
  const found = (value: unknown): PathLookup => ({ found: true, value });
  switch (name) {
    case 'aws.pipes.pipe-arn':
      return found(context.pipeArn);
    case 'aws.pipes.pipe-name':
      return found(context.pipeName);
    case 'aws.pipes.source-arn':
      return found(context.sourceArn);
    case 'aws.pipes.enrichment-arn':
      return context.enrichmentArn === undefined ? { found: false } : found(context.enrichmentArn);
    case 'aws.pipes.target-arn':
      return found(context.targetArn);
    case 'aws.pipes.event':
      return found(event);
    case 'aws.pipes.event.json':
      return isJsonEvent(decoded) ? found(decoded) : { found: false };
    case 'aws.pipes.event.ingestion-time':
      return found(context.ingestionTime);
    default:
      return undefined;
  }
}
