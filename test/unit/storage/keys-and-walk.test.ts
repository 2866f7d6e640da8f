// Keys as paths, and the ordered folder walk behind ListObjectsV2, checked against a brute-force sort.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareKeys, keySegments } from '../../../src/services/storage/keys.js';
import { walkObjects } from '../../../src/services/storage/walk.js';

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('keys', () => {
  it('orders keys by their UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(utf8Order(a, b)));
      }),
    );
    expect(compareKeys('\uffff', '😀')).toBeLessThan(0);
  });

  it('splits keys into segments and refuses those that leave the folder', () => {
    expect(keySegments('a/b/c.txt')).toEqual(['a', 'b', 'c.txt']);
    expect(keySegments('folder/')).toEqual(['folder']);
    for (const bad of ['', '..', 'a/../b', './a', '/a', 'a//b', 'a\0b', '.eddy-upload-x', 'x'.repeat(1025)]) {
      expect(() => keySegments(bad), bad).toThrow();
    }
  });
});

describe('walkObjects', () => {
  const root = mkdtempSync(join(tmpdir(), 'eddy-walk-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const segment = fc.constantFrom('a', 'b', 'a-b', 'a.b', 'ab', 'z', 'é', '日', '😀', 'A', '0');

  it('yields every key in S3 order, starting after any key, within any prefix', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 20,
          selector: (p) => p.join('/'),
        }),
        fc.string({ maxLength: 3 }),
        fc.constantFrom('', 'a', 'a/', 'b/a', '😀'),
        async (paths, after, prefix) => {
          const dir = mkdtempSync(join(root, 'case-'));
          // A key cannot be both a file and a folder: keep only keys no other key lies under.
          const keys = paths
            .map((p) => p.join('/'))
            .filter((k, _, all) => !all.some((o) => o.startsWith(`${k}/`)));
          for (const key of keys) {
            mkdirSync(dirname(join(dir, key)), { recursive: true });
            writeFileSync(join(dir, key), key);
          }
          const walked: string[] = [];
          for await (const o of walkObjects(dir, { prefix, after, isMarker: () => false }))
            walked.push(o.key);
          const expected = keys
            .filter((k) => k.startsWith(prefix) && utf8Order(k, after) > 0)
            .sort(utf8Order);
          expect(walked).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
