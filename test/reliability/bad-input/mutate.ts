// Random mutations of valid documents, for the property tests of the validators: text edits (cut,
// insert a token, duplicate a slice) and structural edits of parsed JSON (replace, drop or retype a
// member at a random place).
import fc from 'fast-check';

/** Applies up to three text edits to `text`, inserting tokens drawn from `tokens`. */
export function mutatedText(text: string, tokens: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    len: fc.nat({ max: 40 }),
    kind: fc.constantFrom('cut', 'insert', 'replace', 'duplicate'),
    token: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 })),
  });
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) =>
    edits.reduce((t, { at, len, kind, token }) => {
      const i = t.length === 0 ? 0 : at % t.length;
      if (kind === 'cut') return t.slice(0, i) + t.slice(i + len);
      if (kind === 'insert') return t.slice(0, i) + token + t.slice(i);
      if (kind === 'replace') return t.slice(0, i) + token + t.slice(i + len);
      return t.slice(0, i + len) + t.slice(i, i + len) + t.slice(i + len);
    }, text),
  );
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy as Json;
}

/** Up to three structural edits of `doc`: a member replaced by a random value of any type, or dropped. */
export function mutatedJson(doc: Json, values: fc.Arbitrary<unknown>): fc.Arbitrary<Json> {
  const all = paths(doc);
  const edit = fc.tuple(fc.nat(), fc.option(values, { freq: 3 }));
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) =>
    edits.reduce<Json>((d, [at, value]) => {
      const candidates = paths(d);
      const path = candidates[at % candidates.length] ?? all[0];
      return setAt(d, path, value === null ? undefined : (value as Json));
    }, doc),
  );
}
