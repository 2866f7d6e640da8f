// Wildcard matching (`*` matches any run of characters; `\*` and `\\` are literal) with aws/event-ruler's
// validation: consecutive stars, invalid escapes, and a complexity cap that rejects patterns whose
// matching could keep too many partial matches alive at once
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching-complexity).
import { PatternError } from './errors.js';

/** A parsed wildcard: the literal pieces between stars, and whether it starts or ends with a star. */
export interface Wildcard {
  pieces: string[];
  leadingStar: boolean;
  trailingStar: boolean;
}

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

// Most partial matches one wildcard may keep alive. AWS accepts "/Users/*/dir/dir/dir/dir/dir/doc.txt" (8)
// and rejects "*:*:*:*:*:event-bus/*" (13); the exact threshold is not documented.
const MAX_ACTIVE_STATES = 10;

/** Parse a wildcard pattern, throwing AWS's message for consecutive stars (at the second one, as recorded)
 * and bad escapes; positions count UTF-8 bytes. */
export function parseWildcard(text: string): Wildcard {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: string[] = [];
  let current: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x2a) {
      if (bytes[i + 1] === 0x2a) throw new PatternError(`Consecutive wildcard characters at pos ${i + 1}`);
      pieces.push(Buffer.from(current).toString('utf8'));
      current = [];
    } else if (b === 0x5c) {
      const next = bytes[i + 1];
      if (next !== 0x2a && next !== 0x5c) throw new PatternError(`Invalid escape character at pos ${i}`);
      current.push(next);
      i++;
    } else current.push(b);
  }
  pieces.push(Buffer.from(current).toString('utf8'));
  const wildcard = {
    pieces,
    leadingStar: pieces.length > 1 && pieces[0] === '',
    trailingStar: pieces.length > 1 && pieces[pieces.length - 1] === '',
  };
  if (activeStates(pieces) > MAX_ACTIVE_STATES) throw new PatternError(TOO_COMPLEX);
  return wildcard;
}

/**
 * The largest number of NFA positions a value can keep alive at once (subset construction over the
 * pattern's own characters plus one other). Stars are positions too.
 */
function activeStates(pieces: string[]): number {
  if (pieces.length === 1) return 1;
  const tokens: Array<string | null> = [];
  pieces.forEach((piece, i) => {
    if (i > 0) tokens.push(null);
    for (const ch of piece) tokens.push(ch);
  });
  const closure = (set: Set<number>): Set<number> => {
    for (const s of [...set]) for (let i = s; tokens[i] === null; i++) set.add(i + 1);
    return set;
  };
  const alphabet = [...new Set(tokens.filter((t): t is string => t !== null)), '\u0000'];
  const start = closure(new Set([0]));
  const seen = new Set<string>();
  const queue = [start];
  let max = start.size;
  while (queue.length > 0 && seen.size < 4000) {
    const set = queue.shift() as Set<number>;
    const key = [...set].sort((a, b) => a - b).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    max = Math.max(max, set.size);
    if (max > MAX_ACTIVE_STATES) return max;
    for (const ch of alphabet) {
      const next = new Set<number>();
      for (const s of set) {
        if (tokens[s] === null) next.add(s);
        else if (tokens[s] === ch) next.add(s + 1);
      }
      if (next.size > 0) queue.push(closure(next));
    }
  }
  return max;
}

/** True when the whole value matches the wildcard. */
export function wildcardMatches(w: Wildcard, value: string): boolean {
  const { pieces } = w;
  if (pieces.length === 1) return value === pieces[0];
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = value.indexOf(pieces[i], at);
    if (found < 0 || found + pieces[i].length > end) return false;
    at = found + pieces[i].length;
  }
  return true;
}
