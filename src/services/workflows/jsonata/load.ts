// Loads the jsonata package on first use: most apps never evaluate JSONata, and loading it costs
// ~100 ms of `eddy dev` start-up.
import { createRequire } from 'node:module';
import type jsonataType from 'jsonata';

const require = createRequire(import.meta.url);
let loaded: typeof jsonataType | undefined;

/** The jsonata factory, loaded once. */
export function jsonataFactory(): typeof jsonataType {
  loaded ??= require('jsonata') as typeof jsonataType;
  return loaded;
}
