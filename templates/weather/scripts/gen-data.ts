// `npm run gen-data -- --stations 2000 --years 1 [--first-year 2020] [--seed 1] [--out data]`: writes
// deterministic GSOD-shaped station files into ./data (the folder `eddy dev --bucket` serves).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDataset } from './gsod-data.js';

const { values } = parseArgs({
  options: {
    stations: { type: 'string', default: '2000' },
    years: { type: 'string', default: '1' },
    'first-year': { type: 'string', default: '2020' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'data' },
  },
});
const count = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not ${values[name]}`);
  return n;
};
const out = resolve(String(values.out));
const started = Date.now();
const files = writeDataset({
  out,
  stations: count('stations'),
  years: count('years'),
  firstYear: count('first-year'),
  seed: count('seed'),
});
console.log(`wrote ${files} station files to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
