// The brute-force reference matcher: no index, no precomputation; every field of every branch is
// checked against every leaf of the event. It is the twin the compiled RuleMatcher is tested against
// (aws/event-ruler keeps `Ruler.matchesRule` for the same purpose).
import { flattenEvent, trailsCompatible, type EventLeaf } from './flatten.js';
import { parsePattern } from './parse.js';
import { valueMatches } from './predicate.js';
import type { Branch, ParsedPattern } from './types.js';

/** True when the pattern (text or parsed) matches the event (object or JSON text). */
export function referenceMatches(pattern: string | ParsedPattern, event: unknown): boolean {
  const parsed = typeof pattern === 'string' ? parsePattern(pattern) : pattern;
  const leaves = flattenEvent(typeof event === 'string' ? JSON.parse(event) : event);
  return parsed.branches.some((branch) => branchMatches(branch, leaves));
}

function branchMatches(branch: Branch, leaves: EventLeaf[]): boolean {
  const choices: EventLeaf[][] = [];
  for (const field of branch) {
    const present = leaves.filter((leaf) => leaf.path === field.path);
    const hits = present.filter((leaf) => field.matchers.some((m) => valueMatches(m, leaf.value)));
    const absentOk = present.length === 0 && field.matchers.some((m) => m.type === 'exists' && !m.value);
    if (hits.length > 0) choices.push(hits);
    else if (!absentOk) return false;
  }
  return consistent(choices, 0, []);
}

/** Is there one leaf per field such that all chosen leaves agree on the arrays they share? */
function consistent(choices: EventLeaf[][], at: number, chosen: EventLeaf[]): boolean {
  if (at === choices.length) return true;
  for (const leaf of choices[at]) {
    if (chosen.every((other) => trailsCompatible(other.trail, leaf.trail))) {
      chosen.push(leaf);
      if (consistent(choices, at + 1, chosen)) return true;
      chosen.pop();
    }
  }
  return false;
}
