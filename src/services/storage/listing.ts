// ListObjectsV2 (and the older ListObjects) over a bucket folder: prefix, delimiter with CommonPrefixes,
// max-keys, start-after and continuation tokens
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html). A page never reads more of
// the folder than it needs: the walk starts after the token and stops one object past the page.
import type { ObjectMetaRepository } from '../../store/storage.js';
import type { Bucket } from './buckets.js';
import { invalidArgument } from './errors.js';
import { compareKeys } from './keys.js';
import type { ObjectInfo, ObjectStore } from './objects.js';
import { walkObjects, type WalkBounds } from './walk.js';

/** What a listing asks for. */
export interface ListOptions {
  prefix?: string;
  delimiter?: string;
  /** At most 1,000 (S3's cap); default 1,000. */
  maxKeys?: number;
  continuationToken?: string;
  startAfter?: string;
}

/** One page of a listing. */
export interface ListPage {
  objects: ObjectInfo[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Present when truncated: pass it back as `continuationToken`. */
  nextContinuationToken?: string;
  /** The last key or common prefix of the page (ListObjects' NextMarker). */
  lastEntry?: string;
  /** Objects plus common prefixes returned. */
  keyCount: number;
}

interface Position {
  after: string;
  /** The position is a common prefix: everything under it was returned as one entry. */
  prefix?: boolean;
}

/** The token is opaque to clients; it carries where the next page starts. */
function encodeToken(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeToken(token: string): Position {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Position;
    if (typeof value.after === 'string') return value;
  } catch {
    // fall through
  }
  throw invalidArgument('The continuation token provided is incorrect');
}

/** Lists one page of a bucket. */
export async function listObjects(
  bucket: Bucket,
  objects: ObjectStore,
  meta: ObjectMetaRepository,
  options: ListOptions,
): Promise<ListPage> {
  const prefix = options.prefix ?? '';
  const delimiter = options.delimiter || undefined;
  const maxKeys = Math.min(Math.max(options.maxKeys ?? 1000, 0), 1000);
  let start: Position = { after: options.startAfter ?? '' };
  if (options.continuationToken) start = decodeToken(options.continuationToken);
  const bounds: WalkBounds = {
    prefix,
    after: start.after,
    skipPrefix: start.prefix ? start.after : undefined,
    isMarker: (key) => meta.get(bucket.name, key) !== undefined,
  };
  const page: ListPage = { objects: [], commonPrefixes: [], isTruncated: false, keyCount: 0 };
  if (maxKeys === 0) return page;
  let last: Position | undefined;
  for await (const found of walkObjects(bucket.root, bounds)) {
    if (bounds.skipPrefix && found.key.startsWith(bounds.skipPrefix)) continue;
    if (compareKeys(found.key, start.after) <= 0) continue;
    const rest = found.key.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    if (page.keyCount === maxKeys) {
      page.isTruncated = true;
      break;
    }
    if (delimiter && cut >= 0) {
      const common = prefix + rest.slice(0, cut + delimiter.length);
      page.commonPrefixes.push(common);
      bounds.skipPrefix = common;
      last = { after: common, prefix: true };
    } else {
      const row = meta.get(bucket.name, found.key);
      const marker = found.key.endsWith('/') ? row : undefined;
      page.objects.push(objects.infoOf(found.key, found.size, found.mtimeMs, marker, row));
      last = { after: found.key };
    }
    page.keyCount++;
  }
  page.lastEntry = last?.after;
  if (page.isTruncated && last) page.nextContinuationToken = encodeToken(last);
  return page;
}
