// A small seeded random number generator (mulberry32), so a failing kill schedule can be replayed by
// running again with the seed it printed.

/** A seeded source of random numbers in [0, 1). */
export type Rng = () => number;

/** Creates a generator from a 32-bit seed. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max]. */
export function between(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** The suite's base seed: EDDY_CRASH_SEED when set, a fixed value otherwise (CI stays deterministic). */
export function baseSeed(): number {
  const fromEnv = Number(process.env.EDDY_CRASH_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 20_261_128;
}
