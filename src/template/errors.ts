// Template errors: every one names file:line:col and says how to fix it (EddyError with a code).
import { EddyError } from '../shared/errors.js';
import type { SourcePosition } from './model.js';

/** `file:line:col` for an error location or a warning. */
export function formatPosition(position: SourcePosition | undefined): string | undefined {
  return position ? `${position.file}:${position.line}:${position.column}` : undefined;
}

/** An EddyError about the template at `position`, with the fix the user should apply. */
export function templateError(
  code: string,
  message: string,
  position: SourcePosition | undefined,
  fix: string,
): EddyError {
  const location = formatPosition(position);
  return new EddyError(code, location ? `${message} (${location})` : message, { fix, location });
}

/** The candidate closest to `name` (small edit distance), to suggest in a fix. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  const lower = name.toLowerCase();
  const list = [...candidates];
  // `Name` for `QueueName`: a candidate that ends with what was typed is the likely intent.
  const containing = list.filter((c) => lower.length >= 3 && c.toLowerCase().endsWith(lower));
  if (containing.length === 1) return containing[0];
  for (const candidate of list) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean 'X'?)` or nothing. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  const best = didYouMean(name, candidates);
  return best ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
