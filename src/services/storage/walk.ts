// Walks a bucket folder in S3 key order without reading all of it: directory entries are sorted as the
// keys under them sort (a folder `a` holds keys `a/...`, so it sorts as `a/`), subtrees entirely before
// the start point or outside the prefix are skipped, and the walk stops as soon as the caller has a page.
import { statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compareKeys, isInternalName } from './keys.js';

/** One object found by the walk. */
export interface WalkedObject {
  key: string;
  /** Absolute file (or, for a folder marker, folder) path. */
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** Where the walk starts and what it skips; `skipPrefix` may change while walking. */
export interface WalkBounds {
  prefix: string;
  /** Only keys strictly after this one. */
  after: string;
  /** Keys starting with this are skipped (a common prefix already returned). */
  skipPrefix?: string;
  /** True when `dir/` marker objects exist (checked per folder). */
  isMarker(key: string): boolean;
}

interface DirEntry {
  name: string;
  /** The name as its keys sort: `name/` for folders. */
  sortKey: string;
  isDir: boolean;
}

interface CachedDir {
  mtimeMs: number;
  entries: DirEntry[];
}

// Large folders are listed many times while a client pages through them; their sorted entries are
// reused while the folder's mtime (which changes whenever an entry is added or removed) stays the same.
const CACHE_MIN_ENTRIES = 256;
const CACHE_MAX_DIRS = 64;
const dirCache = new Map<string, CachedDir>();

async function sortedEntries(dir: string): Promise<DirEntry[]> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(dir)).mtimeMs;
  } catch {
    return [];
  }
  const cached = dirCache.get(dir);
  if (cached && cached.mtimeMs === mtimeMs) return cached.entries;
  const entries: DirEntry[] = [];
  for (const dirent of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (isInternalName(dirent.name)) continue;
    let isDir = dirent.isDirectory();
    if (dirent.isSymbolicLink())
      isDir = await stat(join(dir, dirent.name)).then(
        (s) => s.isDirectory(),
        () => false,
      );
    else if (!isDir && !dirent.isFile()) continue;
    entries.push({ name: dirent.name, sortKey: isDir ? `${dirent.name}/` : dirent.name, isDir });
  }
  entries.sort((a, b) => compareKeys(a.sortKey, b.sortKey));
  if (entries.length >= CACHE_MIN_ENTRIES) {
    if (dirCache.size >= CACHE_MAX_DIRS) dirCache.clear();
    dirCache.set(dir, { mtimeMs, entries });
  }
  return entries;
}

/** True when every key starting with `start` (or equal to it, for a file) is at or before `after`. */
function entirelyBefore(start: string, isDir: boolean, after: string): boolean {
  if (!isDir) return compareKeys(start, after) <= 0;
  return !after.startsWith(start) && compareKeys(start, after) < 0;
}

/** Yields the bucket's objects in key order within the bounds. */
export async function* walkObjects(root: string, bounds: WalkBounds): AsyncGenerator<WalkedObject> {
  yield* walkDir(root, '', bounds);
}

async function* walkDir(dir: string, dirKey: string, bounds: WalkBounds): AsyncGenerator<WalkedObject> {
  if (dirKey !== '' && compareKeys(dirKey, bounds.after) > 0 && dirKey.startsWith(bounds.prefix)) {
    if (!(bounds.skipPrefix && dirKey.startsWith(bounds.skipPrefix)) && bounds.isMarker(dirKey)) {
      const s = await stat(dir).catch(() => undefined);
      if (s) yield { key: dirKey, path: dir, size: 0, mtimeMs: s.mtimeMs, ino: s.ino };
    }
  }
  const entries = await sortedEntries(dir);
  // Entries wholly before `after` form a prefix of the sorted array: binary search past them.
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = entries[mid];
    if (entirelyBefore(dirKey + e.sortKey, e.isDir, bounds.after)) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < entries.length; i++) {
    const entry = entries[i];
    const start = dirKey + entry.sortKey;
    if (!start.startsWith(bounds.prefix)) {
      const inside = entry.isDir && bounds.prefix.startsWith(start);
      if (!inside) {
        if (compareKeys(start, bounds.prefix) > 0) break;
        continue;
      }
    }
    if (bounds.skipPrefix && start.startsWith(bounds.skipPrefix)) continue;
    const path = join(dir, entry.name);
    if (entry.isDir) {
      yield* walkDir(path, start, bounds);
      continue;
    }
    if (compareKeys(start, bounds.after) <= 0) continue;
    const s = fileStat(path);
    if (s) yield { key: start, path, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  }
}

/**
 * The size and mtime of a listed file; undefined when it is gone or no regular file. Synchronous, as
 * GetObject's open and fstat are (objects.ts): on a local disk a stat takes a few microseconds, while an
 * awaited one is a round trip through libuv's thread pool that costs several times that in CPU, once per
 * key of a listing (a Distributed Map's ItemReader lists whole buckets).
 */
function fileStat(path: string): { size: number; mtimeMs: number; ino: number } | undefined {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s?.isFile() ? s : undefined;
  } catch {
    // EACCES, ELOOP...: the key is not listed, as a file that vanished is not.
    return undefined;
  }
}
