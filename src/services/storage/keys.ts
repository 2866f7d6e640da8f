// Object keys as file paths. A key maps to `<bucket folder>/<key>` with `/` as the folder separator, so a
// bucket mapped onto existing data serves its files under their own names. Keys that could escape the
// folder or that a file system cannot hold are refused (InvalidArgument), and names eddy uses for its
// own temporary files are reserved.
import { sep } from 'node:path';
import { invalidArgument, keyTooLong } from './errors.js';

/** S3's key limit: 1,024 bytes of UTF-8 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). */
export const MAX_KEY_BYTES = 1024;

/** Prefix of the temporary files an upload writes before renaming them into place. */
export const TEMP_PREFIX = '.eddy-upload-';

/** True for folder entries that are eddy's, not objects (skipped by listings). */
export function isInternalName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/**
 * Checks a key and returns its path segments. A key ending in `/` (a "folder" marker, as the S3 console
 * creates) is allowed: it maps to the folder itself.
 */
export function keySegments(key: string): string[] {
  if (key.length === 0) throw invalidArgument('The object key must not be empty.', key);
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw keyTooLong(key);
  const body = key.endsWith('/') ? key.slice(0, -1) : key;
  const segments = body.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw invalidArgument(
        `eddy stores objects as files, so a key cannot be absolute or contain empty, "." or ".." path segments: ${key}`,
        key,
      );
    }
    if (segment.includes('\0') || (sep === '\\' && /[\\:*?"<>|]/.test(segment))) {
      throw invalidArgument(`The key has characters this file system cannot store: ${key}`, key);
    }
    if (isInternalName(segment)) {
      throw invalidArgument(`Names starting with ${TEMP_PREFIX} are reserved by eddy: ${key}`, key);
    }
  }
  return segments;
}

/**
 * Orders keys as S3 lists them: by the UTF-8 bytes of the key. JavaScript compares UTF-16 code units,
 * which differs only when a surrogate (U+D800–DFFF) meets a code unit at or above U+E000.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
    return x - y;
  }
  return a.length - b.length;
}
