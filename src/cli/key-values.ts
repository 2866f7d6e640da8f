// Parses `Key=Value` pairs (`--parameter-overrides`), as SAM CLI accepts them.
import { EddyError } from '../shared/errors.js';

/** `['A=1', 'B=x=y']` → `{ A: '1', B: 'x=y' }`; also accepts `ParameterKey=A,ParameterValue=1`. */
export function parseKeyValues(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs.flatMap((p) => p.split(/\s+/)).filter(Boolean)) {
    const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(pair);
    const eq = pair.indexOf('=');
    if (long) out[long[1]] = long[2];
    else if (eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
    else {
      throw new EddyError('BAD_PARAMETER_OVERRIDE', `"${pair}" is not a Key=Value pair`, {
        fix: 'Write each override as Key=Value, e.g. --parameter-overrides Stage=dev',
      });
    }
  }
  return out;
}
