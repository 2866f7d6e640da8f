// Objects as files: read, write (atomically: a temporary file renamed into place), delete and copy, with
// the metadata S3 keeps beside the bytes in the store. A key is a path under the bucket folder, so a key
// cannot be both an object and a "folder" other keys live under: writing `a/b` while object `a` exists
// (or `a` while objects `a/...` exist) is refused with InvalidArgument and a message saying why.
import { createHash, hash, randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, read as readAt, readSync } from 'node:fs';
import {
  appendFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rmdir,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ObjectMetaRepository, ObjectMetaRow } from '../../store/storage.js';
import type { Bucket } from './buckets.js';
import { DEFAULT_CONTENT_TYPE, guessContentType } from './content-type.js';
import { invalidArgument, noSuchKey, preconditionFailed } from './errors.js';
import { keySegments, TEMP_PREFIX } from './keys.js';

/** What S3 reports about an object (HeadObject, GetObject, listings). */
export interface ObjectInfo {
  key: string;
  size: number;
  /** The ETag in quotes, as S3 sends it. */
  etag: string;
  lastModified: Date;
  /** Stored headers; always has content-type. */
  headers: Record<string, string>;
  /** User metadata (x-amz-meta-* without the prefix). */
  metadata: Record<string, string>;
}

/** Options of a write. */
export interface WriteOptions {
  /** content-type, cache-control, content-disposition, content-encoding, content-language, expires. */
  headers?: Record<string, string>;
  metadata?: Record<string, string>;
  /** Conditional write: `*` refuses to overwrite (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html). */
  ifNoneMatch?: string;
  ifMatch?: string;
}

const EMPTY_MD5 = createHash('md5').digest('hex');

/** An object opened for GetObject: its info, taken from the open file, and its bytes on demand. */
export interface OpenedObject {
  info: ObjectInfo;
  /** Bytes `start` to `end` inclusive, of the same file the info describes. */
  read(start: number, end: number): Promise<Buffer>;
  /** Releases the file; call once, after the last read. */
  close(): void;
}

/** Objects up to this size are read in one synchronous call (see `open`). */
export const SYNC_READ_BYTES = 1024 * 1024;

// O_NONBLOCK: opening a FIFO someone left in a mapped folder returns at once instead of hanging eddy;
// it changes nothing for regular files. (Windows has no such flag.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Fills `buffer` from `fd` at `position`, synchronously (small objects) or on the thread pool. */
async function readInto(fd: number, buffer: Buffer, position: number): Promise<number> {
  let offset = 0;
  while (offset < buffer.length) {
    const length = buffer.length - offset;
    const bytesRead =
      buffer.length <= SYNC_READ_BYTES
        ? readSync(fd, buffer, offset, length, position + offset)
        : await new Promise<number>((resolve, reject) =>
            readAt(fd, buffer, offset, length, position + offset, (error, n) =>
              error ? reject(error) : resolve(n),
            ),
          );
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  return offset;
}

/** The ETag of a file eddy did not write: a fingerprint of size and mtime, not an MD5 of its bytes, so
 * listing a mapped dataset never reads it all; it still changes whenever the file does. */
function fingerprint(size: number, mtimeMs: number): string {
  // The one-shot hash: a third of createHash's cost, paid once per listed key and per GET.
  return hash('md5', `eddy:${size}:${mtimeMs}`, 'hex');
}

/** Reads and writes one bucket folder's objects. */
export class ObjectStore {
  constructor(private readonly meta: ObjectMetaRepository) {}

  /** The file path of a key (checked: it stays inside the bucket folder). */
  pathOf(bucket: Bucket, key: string): string {
    const path = join(bucket.root, ...keySegments(key));
    const rel = relative(bucket.root, path);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..') {
      throw invalidArgument(`The key would leave the bucket folder: ${key}`, key);
    }
    return path;
  }

  /** HeadObject: the object's info, or NoSuchKey. */
  async head(bucket: Bucket, key: string): Promise<ObjectInfo> {
    const path = this.pathOf(bucket, key);
    const isMarker = key.endsWith('/');
    const s = await stat(path).catch(() => undefined);
    const row = this.meta.get(bucket.name, key);
    if (!s || (isMarker ? !s.isDirectory() || !row : !s.isFile())) throw noSuchKey(key);
    return this.infoOf(key, s.size, s.mtimeMs, isMarker ? row : undefined, row);
  }

  /**
   * GetObject's first step: opens the file once and takes size and mtime from the open handle, so the
   * info and the bytes read later describe the same file even if it is replaced meanwhile (a write
   * renames a new file into place). Open and fstat are synchronous, as are reads of small objects:
   * on a local disk they take microseconds, while each asynchronous fs call is a round trip through
   * libuv's thread pool that costs more CPU than the call itself (eddy serves thousands of GETs a second
   * to a Distributed Map's children).
   */
  async open(bucket: Bucket, key: string): Promise<OpenedObject> {
    if (key.endsWith('/')) {
      const info = await this.head(bucket, key);
      return { info, read: () => Promise.resolve(Buffer.alloc(0)), close: () => undefined };
    }
    const path = this.pathOf(bucket, key);
    let fd: number;
    try {
      fd = openSync(path, OPEN_FLAGS);
    } catch {
      throw noSuchKey(key);
    }
    try {
      const s = fstatSync(fd);
      if (!s.isFile()) throw noSuchKey(key);
      const info = this.infoOf(key, s.size, s.mtimeMs, undefined, this.meta.get(bucket.name, key));
      return {
        info,
        read: async (start, end) => {
          const buffer = Buffer.allocUnsafe(Math.max(0, end - start + 1));
          const filled = await readInto(fd, buffer, start);
          return filled === buffer.length ? buffer : buffer.subarray(0, filled);
        },
        close: () => closeSync(fd),
      };
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** The info of a listed file, with its stored metadata when still current. */
  infoOf(
    key: string,
    size: number,
    mtimeMs: number,
    marker?: ObjectMetaRow,
    row?: ObjectMetaRow,
  ): ObjectInfo {
    const current = marker ?? (row && row.size === size && row.mtimeMs === mtimeMs ? row : undefined);
    if (marker) size = 0;
    return {
      key,
      size,
      etag: `"${current?.etag ?? fingerprint(size, mtimeMs)}"`,
      lastModified: new Date(Math.floor(mtimeMs / 1000) * 1000),
      headers: current?.headers ?? { 'content-type': guessContentType(key) },
      metadata: current?.metadata ?? {},
    };
  }

  /** PutObject: writes the bytes and their metadata; resolves with the new info. */
  write(bucket: Bucket, key: string, body: Buffer, options: WriteOptions = {}): Promise<ObjectInfo> {
    const etag = createHash('md5').update(body).digest('hex');
    return this.writeWith(bucket, key, body.length, etag, (temp) => writeFile(temp, body), options);
  }

  /** CompleteMultipartUpload: the parts' files joined in order, with the multipart ETag. */
  writeParts(
    bucket: Bucket,
    key: string,
    parts: string[],
    etag: string,
    options: WriteOptions,
  ): Promise<ObjectInfo> {
    const fill = async (temp: string) => {
      await writeFile(temp, '');
      for (const part of parts) await appendFile(temp, await readFile(part));
    };
    return this.writeWith(bucket, key, -1, etag, fill, options);
  }

  private async writeWith(
    bucket: Bucket,
    key: string,
    length: number,
    etag: string,
    fill: (temp: string) => Promise<void>,
    options: WriteOptions,
  ): Promise<ObjectInfo> {
    const path = this.pathOf(bucket, key);
    await this.checkConditions(bucket, key, options);
    const isMarker = key.endsWith('/');
    if (isMarker && length !== 0) {
      throw invalidArgument(
        `eddy stores a key ending in "/" as a folder, so it cannot hold data: ${key}`,
        key,
      );
    }
    await mkdir(isMarker ? path : dirname(path), { recursive: true }).catch(
      (error: NodeJS.ErrnoException) => {
        throw conflict(key, error);
      },
    );
    if (!isMarker) {
      const existing = await stat(path).catch(() => undefined);
      if (existing?.isDirectory()) {
        throw invalidArgument(
          `eddy stores objects as files: object ${key} cannot be written because other keys start with "${key}/"`,
          key,
        );
      }
      const temp = join(dirname(path), `${TEMP_PREFIX}${randomUUID()}`);
      try {
        await fill(temp);
        await rename(temp, path);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
    }
    const s = await stat(path);
    const row: ObjectMetaRow = {
      bucket: bucket.name,
      key,
      etag: isMarker ? EMPTY_MD5 : etag,
      size: isMarker ? 0 : s.size,
      mtimeMs: s.mtimeMs,
      headers: { 'content-type': DEFAULT_CONTENT_TYPE, ...options.headers },
      metadata: options.metadata ?? {},
    };
    this.meta.put(row);
    return this.infoOf(key, row.size, row.mtimeMs, isMarker ? row : undefined, row);
  }

  /** DeleteObject: removes the object if it exists (S3 answers the same either way). */
  async delete(bucket: Bucket, key: string): Promise<void> {
    const path = this.pathOf(bucket, key);
    if (key.endsWith('/')) {
      this.meta.delete(bucket.name, key);
      await rmdir(path).catch(() => undefined);
    } else {
      const s = await stat(path).catch(() => undefined);
      if (!s?.isFile()) return;
      await unlink(path);
      this.meta.delete(bucket.name, key);
    }
    await this.pruneEmptyFolders(bucket, dirname(path));
  }

  /** Removes folders left empty by a delete, up to the bucket folder; S3 has no folders to keep. */
  private async pruneEmptyFolders(bucket: Bucket, dir: string): Promise<void> {
    while (dir !== bucket.root && dir.startsWith(bucket.root + sep)) {
      const key = `${relative(bucket.root, dir).split(sep).join('/')}/`;
      if (this.meta.get(bucket.name, key)) return;
      const entries = await readdir(dir).catch(() => ['?']);
      if (entries.length > 0) return;
      await rmdir(dir).catch(() => undefined);
      dir = dirname(dir);
    }
  }

  private async checkConditions(bucket: Bucket, key: string, options: WriteOptions): Promise<void> {
    if (options.ifNoneMatch === undefined && options.ifMatch === undefined) return;
    const current = await this.head(bucket, key).catch(() => undefined);
    if (options.ifNoneMatch !== undefined && current) throw preconditionFailed('If-None-Match');
    if (options.ifMatch !== undefined) {
      if (!current) throw noSuchKey(key);
      if (!etagMatches(options.ifMatch, current.etag)) throw preconditionFailed('If-Match');
    }
  }
}

/** True when an If-Match / If-None-Match header value names this ETag (or is `*`). */
export function etagMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag || `"${t}"` === etag);
}

function conflict(key: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'EEXIST' || error.code === 'ENOTDIR') {
    return invalidArgument(
      `eddy stores objects as files: ${key} cannot be written because an object already exists at one of its parent "folders"`,
      key,
    );
  }
  return error;
}
