// What Distributed Map needs from S3, as an interface: the workflows service never imports the storage
// service (module boundaries); the local S3 (services/storage) satisfies this shape, found at run time
// with `context.lookup('storage')`, and tests pass an in-memory twin.

/** One listed object. */
export interface MapListedObject {
  key: string;
  size: number;
  /** Quoted, as S3 sends it. */
  etag: string;
  lastModified: Date;
}

/** The S3 operations ItemReader and ResultWriter call. */
export interface MapObjectStore {
  listObjects(
    bucket: string,
    options: { prefix?: string; continuationToken?: string; maxKeys?: number },
  ): Promise<{ objects: MapListedObject[]; isTruncated: boolean; nextContinuationToken?: string }>;
  getObject(bucket: string, key: string): Promise<{ body: Buffer }>;
  putObject(
    bucket: string,
    key: string,
    body: Buffer | string,
    options?: { headers?: Record<string, string> },
  ): Promise<unknown>;
}
