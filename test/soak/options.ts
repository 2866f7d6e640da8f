// `npm run soak` options, from flags or environment variables:
//   --minutes N   (EDDY_SOAK_MINUTES, default 5)   how long the crash scenarios keep killing eddy
//   --scenarios N (EDDY_SOAK_SCENARIOS, default 2) crash scenarios run side by side
//   --fuzz N      (EDDY_SOAK_FUZZ_CASES, default 20000; 0 skips it) malformed requests for the fuzzer
//   --seed N      (EDDY_SOAK_SEED, default: the time) base seed; printed so a run can be repeated
import { parseArgs } from 'node:util';

/** The soak run's settings. */
export interface SoakOptions {
  minutes: number;
  scenarios: number;
  fuzzCases: number;
  seed: number;
}

/** Reads flags first, then environment variables, then defaults. */
export function soakOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string' },
      scenarios: { type: 'string' },
      fuzz: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const number = (flag: string | undefined, variable: string | undefined, fallback: number) => {
    const value = Number(flag ?? variable ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`not a number: ${flag ?? variable}`);
    return value;
  };
  return {
    minutes: number(values.minutes, env.EDDY_SOAK_MINUTES, 5),
    scenarios: Math.max(1, Math.round(number(values.scenarios, env.EDDY_SOAK_SCENARIOS, 2))),
    fuzzCases: Math.round(number(values.fuzz, env.EDDY_SOAK_FUZZ_CASES, 20_000)),
    seed: Math.round(number(values.seed, env.EDDY_SOAK_SEED, Date.now() % 2 ** 31)),
  };
}
