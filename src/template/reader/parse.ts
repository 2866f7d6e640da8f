// Read a YAML or JSON template into plain JS in long form, with the source position of every node.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import type { SourcePosition } from '../model.js';
import { templateError } from '../errors.js';
import { SourceMap } from './source-map.js';
import { longForm } from './tags.js';

/** Most nodes YAML aliases may copy in one template; a template that uses aliases copies a few dozen. */
const MAX_ALIAS_NODES = 100_000;

/** A parsed template: the document in long form and where every node came from. */
export interface ParsedTemplate {
  file: string;
  doc: unknown;
  positions: SourceMap;
}

/** Parse template text (YAML or JSON); throws TEMPLATE_INVALID_YAML / TEMPLATE_INVALID_JSON. */
export function parseTemplateText(text: string, file: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  // CloudFormation keeps the first of duplicate keys an error too; `uniqueKeys` reports them.
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const json = /\.json$/i.test(file);
  // YAML accepts what JSON does not (trailing commas, comments): a .json file must be strict JSON.
  if (json) checkStrictJson(text, file, lineCounter);
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const position = at ? { file, line: at.line, column: at.col } : { file, line: 1, column: 1 };
    throw templateError(
      json ? 'TEMPLATE_INVALID_JSON' : 'TEMPLATE_INVALID_YAML',
      `The template is not valid ${json ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0]}`,
      position,
      json
        ? 'Fix the JSON syntax at that position (a missing comma, quote or bracket is the usual cause).'
        : 'Fix the YAML at that position: check indentation, a missing ":" or an unclosed bracket or quote.',
    );
  }
  const positions = new SourceMap();
  const doc = convert(document, text, file, lineCounter, positions);
  return { file, doc, positions };
}

function checkStrictJson(text: string, file: string, lineCounter: LineCounter): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const { line, col } = lineCounter.linePos(offset);
    throw templateError(
      'TEMPLATE_INVALID_JSON',
      `The template is not valid JSON: ${message.split('\n')[0]}`,
      { file, line, column: col },
      'Fix the JSON syntax at that position (a missing or extra comma, quote or bracket is the usual cause).',
    );
  }
}

/** Short-form tags → long form, as plain JS (for schema validation of a yaml Document or text). */
export function toLongForm(doc: Document | string, file = 'template.yaml'): unknown {
  if (typeof doc === 'string') return parseTemplateText(doc, file).doc;
  const text = doc.toString();
  const lineCounter = new LineCounter();
  return convert(doc, text, file, lineCounter, new SourceMap());
}

function convert(
  document: Document,
  text: string,
  file: string,
  lineCounter: LineCounter,
  positions: SourceMap,
): unknown {
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  // A tagged node's position is where its tag starts (`!Ref` rather than the name after it).
  const startOf = (node: Node): number => {
    const start = node.range?.[0] ?? 0;
    if (!node.tag) return start;
    const tagAt = text.lastIndexOf(node.tag, start);
    return tagAt >= 0 && /^\s*$/.test(text.slice(tagAt + node.tag.length, start)) ? tagAt : start;
  };
  // Aliases are expanded by copying, so a few lines of nested aliases (a "billion laughs" template)
  // would build billions of nodes and hang eddy: the expansion has a budget, and a cycle is refused.
  let budget = MAX_ALIAS_NODES;
  const expanding = new Set<unknown>();
  const targets = new Map<object, unknown>();
  const tooBig = (node: Node, message: string) =>
    templateError(
      'TEMPLATE_INVALID_YAML',
      message,
      at(node.range?.[0] ?? 0),
      'Use fewer nested YAML aliases (*name): each one copies the whole anchored node.',
    );
  const visit = (node: unknown): unknown => {
    if (isAlias(node)) {
      // Alias.resolve searches the whole document: once per alias node, not once per expansion.
      let target = targets.get(node);
      if (target === undefined) targets.set(node, (target = node.resolve(document)));
      if (expanding.has(target)) throw tooBig(node, `The YAML alias *${node.source} refers to itself`);
      expanding.add(target);
      try {
        return visit(target);
      } finally {
        expanding.delete(target);
      }
    }
    if (!node || typeof node !== 'object') return node ?? null;
    const yamlNode = node as Node;
    if (expanding.size > 0 && --budget < 0) {
      throw tooBig(yamlNode, `YAML aliases in the template expand to more than ${MAX_ALIAS_NODES} nodes`);
    }
    let value: unknown;
    if (isMap(yamlNode)) {
      const map: Record<string, unknown> = {};
      for (const pair of yamlNode.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyPos = pair.key && (pair.key as Node).range ? at((pair.key as Node).range![0]) : undefined;
        const child = visit(pair.value);
        map[key] = child;
        const valueNode = pair.value as Node | null;
        const valuePos = valueNode?.range ? at(startOf(valueNode)) : keyPos;
        if (valuePos) positions.setChild(map, key, { key: keyPos, value: valuePos });
      }
      value = map;
    } else if (isSeq(yamlNode)) {
      const list: unknown[] = [];
      yamlNode.items.forEach((item, index) => {
        list.push(visit(item));
        const itemNode = item as Node | null;
        if (itemNode?.range) positions.setChild(list, index, { value: at(startOf(itemNode)) });
      });
      value = list;
    } else if (isScalar(yamlNode)) {
      value = yamlNode.value;
    } else {
      value = null;
    }
    if (value !== null && typeof value === 'object' && yamlNode.range) {
      positions.setNode(value, at(startOf(yamlNode)));
    }
    if (yamlNode.tag && yamlNode.tag.startsWith('!') && !yamlNode.tag.startsWith('!!')) {
      const long = longForm(yamlNode.tag, value ?? '');
      if (long) {
        const position = at(startOf(yamlNode));
        positions.setNode(long, position);
        positions.setChild(long, Object.keys(long)[0], { key: position, value: position });
        return long;
      }
    }
    return value;
  };
  return visit(document.contents);
}
