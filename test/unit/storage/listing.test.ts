// ListObjectsV2 paging against a brute-force reference: for any keys, prefix, delimiter, start-after and
// page size, the pages joined equal S3's answer computed directly from the sorted key list.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listObjects } from '../../../src/services/storage/listing.js';
import { ObjectStore } from '../../../src/services/storage/objects.js';
import { openStore } from '../../../src/store/database.js';
import { ObjectMetaRepository, storageFamily } from '../../../src/store/storage.js';

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** S3's answer, computed the slow way: sorted keys, then grouping by delimiter. */
function reference(keys: string[], prefix: string, delimiter: string, startAfter: string): string[] {
  const out: string[] = [];
  for (const key of [...keys].sort(utf8Order)) {
    if (!key.startsWith(prefix) || utf8Order(key, startAfter) <= 0) continue;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const entry = cut >= 0 ? key.slice(0, cut + delimiter.length) : key;
    if (out[out.length - 1] !== entry) out.push(entry);
  }
  return out;
}

describe('listObjects', () => {
  const root = mkdtempSync(join(tmpdir(), 'eddy-list-'));
  const store = openStore({ inMemory: true });
  store.migrate(storageFamily);
  const meta = new ObjectMetaRepository(store.db);
  const objects = new ObjectStore(meta);
  afterAll(() => {
    store.close();
    rmSync(root, { recursive: true, force: true });
  });
  const segment = fc.constantFrom('a', 'b', 'a-b', 'a.b', 'ab', 'é', '😀', '0');

  it('pages through exactly the entries S3 would return', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 3 }), {
          minLength: 0,
          maxLength: 15,
          selector: (p) => p.join('/'),
        }),
        fc.constantFrom('', 'a', 'a/', 'b/a'),
        fc.constantFrom('', '/', '-', 'b'),
        fc.constantFrom('', 'a', 'a/b', 'ab'),
        fc.integer({ min: 1, max: 4 }),
        async (paths, prefix, delimiter, startAfter, pageSize) => {
          const dir = mkdtempSync(join(root, 'case-'));
          const keys = paths
            .map((p) => p.join('/'))
            .filter((k, _, all) => !all.some((o) => o.startsWith(`${k}/`)));
          for (const key of keys) {
            mkdirSync(dirname(join(dir, key)), { recursive: true });
            writeFileSync(join(dir, key), key);
          }
          const bucket = { name: 'b', root: dir, origin: 'api' as const, created: new Date() };
          const entries: string[] = [];
          let token: string | undefined;
          let pages = 0;
          do {
            const page = await listObjects(bucket, objects, meta, {
              prefix,
              delimiter,
              startAfter,
              maxKeys: pageSize,
              continuationToken: token,
            });
            expect(page.keyCount).toBeLessThanOrEqual(pageSize);
            expect(page.keyCount).toBe(page.objects.length + page.commonPrefixes.length);
            const merged = [...page.objects.map((o) => o.key), ...page.commonPrefixes].sort(utf8Order);
            entries.push(...merged);
            token = page.nextContinuationToken;
            expect(page.isTruncated).toBe(token !== undefined);
            expect(++pages).toBeLessThan(50);
          } while (token);
          expect(entries).toEqual(reference(keys, prefix, delimiter, startAfter));
        },
      ),
      { numRuns: 80 },
    );
  });
});
