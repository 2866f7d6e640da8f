// Input templates (rule InputTemplate and Pipes InputTemplate) split into literal text and `<name>`
// placeholders. Where a placeholder sits decides how its value is written (see render.ts): a template
// whose first non-blank character is `{` or `[` is a JSON template, and each placeholder in it is either
// a JSON value or inside a JSON string literal; any other template (a quoted string, several quoted
// lines, free text) is a string template, where every value is written as text.
// AWS: "If InputTemplate is a JSON object (surrounded by curly braces) ... The placeholder cannot be used
// as an object key" (docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html).

/** A piece of a parsed template. */
export type TemplateSegment =
  | { kind: 'literal'; text: string }
  | {
      kind: 'placeholder';
      name: string;
      /** True when the placeholder sits inside a JSON string literal of a JSON template. */
      inString: boolean;
      /** True when, in a JSON template, the placeholder is used as an object key (`<k>: ...`). */
      asKey: boolean;
    };

/** A template split into segments, ready to be filled many times. */
export interface ParsedTemplate {
  readonly text: string;
  /** True for a JSON template (`{...}` or `[...]`), whose result must be valid JSON to be delivered. */
  readonly json: boolean;
  readonly segments: readonly TemplateSegment[];
}

/** True when `<name>` is a placeholder the caller recognises (rules: variable names; Pipes: paths). */
export type PlaceholderTest = (name: string) => boolean;

/** Names that look like a rule variable: what AWS checks against InputPathsMap and the reserved names. */
export const looksLikeVariable: PlaceholderTest = (name) => /^[^\s<>"]+$/.test(name);

/** Splits a template into literals and placeholders, tracking JSON string literals in JSON templates. */
export function parseTemplate(
  text: string,
  isPlaceholder: PlaceholderTest = looksLikeVariable,
): ParsedTemplate {
  const json = /^\s*[{[]/.test(text);
  const segments: TemplateSegment[] = [];
  let literal = '';
  let inString = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '<') {
      const close = text.indexOf('>', i + 1);
      const name = close < 0 ? '' : text.slice(i + 1, close);
      if (name !== '' && !/[<\n]/.test(name) && isPlaceholder(name)) {
        if (literal !== '') segments.push({ kind: 'literal', text: literal });
        literal = '';
        const asKey = json && !inString && /^\s*:/.test(text.slice(close + 1));
        segments.push({ kind: 'placeholder', name, inString: json && inString, asKey });
        i = close + 1;
        continue;
      }
    }
    if (inString && c === '\\' && i + 1 < text.length) {
      literal += c + text[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') inString = !inString;
    literal += c;
    i++;
  }
  if (literal !== '') segments.push({ kind: 'literal', text: literal });
  return { text, json, segments };
}

/** The distinct placeholder names of a parsed template, in order of first use. */
export function placeholderNames(template: ParsedTemplate): string[] {
  const names = new Set<string>();
  for (const segment of template.segments) if (segment.kind === 'placeholder') names.add(segment.name);
  return [...names];
}
