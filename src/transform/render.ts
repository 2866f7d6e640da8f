// Filling a parsed template: how each value is written depends on where its placeholder sits, following
// AWS's rules (docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html and
// eb-pipes-input-transformation.html, "Common issues"), checked against the recorded transformer cases:
// - a JSON value position gets JSON: strings are quoted, objects and arrays written as JSON;
// - inside a JSON string literal the value goes in as it is, objects and arrays with their quotes, so a
//   JSON template that quotes an object placeholder yields invalid JSON and is not delivered;
// - in a string template, strings go in as they are and objects and arrays lose their internal quotes
//   ("EventBridge removes any internal quotes to ensure a valid string": `{acc_id:0a78,sf_id:baz}`);
// - a path that found nothing is the empty string: `""` in a JSON value position (recorded:
//   `"command": <command>` became `"command": ""`), nothing at all elsewhere;
// - values are not escaped: "EventBridge doesn't escape values extracted by Input Path, when populating
//   the Input Template for a target", so a string holding a quote breaks a JSON template, as on AWS.
import type { PathLookup } from './json-path.js';
import type { ParsedTemplate, TemplateSegment } from './template.js';

/** What a transformation produced: the payload to deliver, or why AWS would deliver nothing. */
export type TransformResult = { payload: string } | { dropped: true; reason: string };

/** Resolves a placeholder name to a value; `undefined` means the name is unknown and stays as written. */
export type PlaceholderResolver = (name: string) => PathLookup | undefined;

/** Fills a template; a JSON template whose result is not valid JSON is dropped, as AWS drops it. */
export function renderTemplate(template: ParsedTemplate, resolve: PlaceholderResolver): TransformResult {
  let out = '';
  for (const segment of template.segments) {
    if (segment.kind === 'literal') out += segment.text;
    else {
      const lookup = resolve(segment.name);
      out += lookup === undefined ? `<${segment.name}>` : writeValue(lookup, positionOf(template, segment));
    }
  }
  if (template.json && !isJsonText(out)) {
    return {
      dropped: true,
      reason: `the InputTemplate produced invalid JSON, which AWS does not deliver: ${abbreviate(out)}`,
    };
  }
  return { payload: out };
}

/** Where a placeholder's value is written. */
export type ValuePosition = 'json-value' | 'json-string' | 'text';

function positionOf(template: ParsedTemplate, segment: TemplateSegment & { kind: 'placeholder' }) {
  if (!template.json) return 'text';
  return segment.inString ? 'json-string' : 'json-value';
}

/** Writes one looked-up value for the given position (see the rules at the top of this file). */
export function writeValue(lookup: PathLookup, position: ValuePosition): string {
  if (!lookup.found || lookup.value === undefined) return position === 'json-value' ? '""' : '';
  const value = lookup.value;
  if (typeof value === 'string') return position === 'json-value' ? `"${value}"` : value;
  if (value !== null && typeof value === 'object') {
    const json = JSON.stringify(value);
    return position === 'text' ? json.replaceAll('"', '') : json;
  }
  return String(value);
}

/** True when the text parses as JSON. */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function abbreviate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
