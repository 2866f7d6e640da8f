// The functions Step Functions adds to JSONata ($partition, $range, $hash, $random, $uuid, $parse) and
// the one it removes ($eval) (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn).
import { createHash, randomUUID } from 'node:crypto';

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** A registered function: implementation and JSONata signature. */
export interface JsonataFunction {
  impl: (...args: never[]) => unknown;
  signature?: string;
}

function fail(message: string): never {
  throw Object.assign(new Error(message), { code: 'States.QueryEvaluationError' });
}

/** AWS's JSONata additions, by name (without the `$`). */
export const SFN_FUNCTIONS: Record<string, JsonataFunction> = {
  partition: {
    impl: (array: unknown[], size: number) => {
      if (!Number.isInteger(size) || size <= 0) fail('The chunk size must be a positive integer.');
      const out: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    },
    signature: '<an:a>',
  },
  range: {
    impl: (start: number, end: number, step: number) => {
      if (![start, end, step].every(Number.isInteger) || step === 0)
        fail('$range expects integer start, end and a non-zero step.');
      const out: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        out.push(v);
        if (out.length > 1000) fail('$range cannot produce more than 1000 items.');
      }
      // AWS returns a JSONata sequence: a single item collapses to that item ($range(1, 1, 1) is 1).
      return Object.assign(out, { sequence: true });
    },
    signature: '<nnn:a>',
  },
  hash: {
    impl: (data: string, algorithm: string) => {
      const alg = HASHES[algorithm];
      if (!alg)
        fail(`Unsupported hash algorithm '${algorithm}'. Use one of ${Object.keys(HASHES).join(', ')}.`);
      return createHash(alg).update(data, 'utf8').digest('hex');
    },
    signature: '<ss:s>',
  },
  random: {
    impl: (seed?: number) => (seed === undefined ? Math.random() : mulberry(seed)),
    signature: '<n?:n>',
  },
  uuid: { impl: () => randomUUID(), signature: '<:s>' },
  parse: {
    impl: (text: string) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return fail(`$parse could not parse the string as JSON: ${text}`);
      }
    },
    signature: '<s:j>',
  },
  eval: {
    // AWS: "$eval is not available—use $parse instead".
    impl: () => fail('The function $eval is not supported in Step Functions.'),
  },
};

function mulberry(seed: number): number {
  let t = (Math.trunc(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
