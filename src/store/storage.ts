// Object metadata of the local S3: what a file cannot hold (ETag as S3 computes it, Content-Type and the
// other stored headers, x-amz-meta-* user metadata). The object's bytes stay in the bucket folder; a row
// is trusted only while the file still has the size and modification time it recorded.
import type { Db, TableFamily } from './database.js';

/** Schema of object metadata rows. */
export const storageFamily: TableFamily = {
  name: 'storage',
  migrations: [
    `CREATE TABLE s3_objects (
       bucket TEXT NOT NULL,
       key TEXT NOT NULL,
       etag TEXT NOT NULL,
       size INTEGER NOT NULL,
       mtime_ms REAL NOT NULL,
       headers TEXT NOT NULL,
       metadata TEXT NOT NULL,
       PRIMARY KEY (bucket, key)
     );`,
  ],
};

/** One object's metadata as stored. */
export interface ObjectMetaRow {
  bucket: string;
  key: string;
  /** MD5 hex of the content, without quotes. */
  etag: string;
  size: number;
  /** The file's mtimeMs when the row was written. */
  mtimeMs: number;
  /** Stored response headers: content-type, cache-control, content-disposition, ... */
  headers: Record<string, string>;
  /** User metadata, names lowercased without the x-amz-meta- prefix. */
  metadata: Record<string, string>;
}

interface RawRow {
  bucket: string;
  key: string;
  etag: string;
  size: number;
  mtime_ms: number;
  headers: string;
  metadata: string;
}

/** Reads and writes object metadata rows. */
export class ObjectMetaRepository {
  private readonly getStmt;
  private readonly putStmt;
  private readonly deleteStmt;
  private readonly deleteBucketStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string], RawRow>(
      'SELECT * FROM s3_objects WHERE bucket = ? AND key = ?',
    );
    this.putStmt = db.prepare(
      `INSERT INTO s3_objects (bucket, key, etag, size, mtime_ms, headers, metadata)
       VALUES (@bucket, @key, @etag, @size, @mtimeMs, @headers, @metadata)
       ON CONFLICT(bucket, key) DO UPDATE SET etag = excluded.etag, size = excluded.size,
         mtime_ms = excluded.mtime_ms, headers = excluded.headers, metadata = excluded.metadata`,
    );
    this.deleteStmt = db.prepare('DELETE FROM s3_objects WHERE bucket = ? AND key = ?');
    this.deleteBucketStmt = db.prepare('DELETE FROM s3_objects WHERE bucket = ?');
  }

  /** The row of one object, if any. */
  get(bucket: string, key: string): ObjectMetaRow | undefined {
    const raw = this.getStmt.get(bucket, key);
    if (!raw) return undefined;
    return {
      bucket: raw.bucket,
      key: raw.key,
      etag: raw.etag,
      size: raw.size,
      mtimeMs: raw.mtime_ms,
      headers: JSON.parse(raw.headers) as Record<string, string>,
      metadata: JSON.parse(raw.metadata) as Record<string, string>,
    };
  }

  /** Inserts or replaces a row. */
  put(row: ObjectMetaRow): void {
    this.putStmt.run({
      ...row,
      headers: JSON.stringify(row.headers),
      metadata: JSON.stringify(row.metadata),
    });
  }

  /** Removes one object's row. */
  delete(bucket: string, key: string): void {
    this.deleteStmt.run(bucket, key);
  }

  /** Removes every row of a bucket. */
  deleteBucket(bucket: string): void {
    this.deleteBucketStmt.run(bucket);
  }
}
