// The local S3: buckets as folders (see buckets.ts), objects as files with their metadata in the store.
// Template buckets (AWS::S3::Bucket) and API buckets live under `<state>/s3/`; `config.buckets` maps a
// bucket name or a template bucket's logical id onto an existing folder, used in place. The operations
// below are what the S3 API adapter and other services (Distributed Map's ItemReader and ResultWriter)
// call; they throw AwsError with S3's codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectMetaRepository, storageFamily } from '../../store/storage.js';
import type { AppModel } from '../../template/model.js';
import type { ResourceSummary, Service, ServiceContext } from '../core/service.js';
import { BucketRegistry, isValidBucketName, type Bucket } from './buckets.js';
import { bucketNotEmpty, invalidRange } from './errors.js';
import { listObjects, type ListOptions, type ListPage } from './listing.js';
import { MultipartUploads, type CompletedPart } from './multipart.js';
import { ObjectStore, type ObjectInfo, type WriteOptions } from './objects.js';
import { resolveRange, type ByteRange } from './range.js';

/** An object's bytes (or the requested range of them) and its info. */
export interface GetObjectResult {
  info: ObjectInfo;
  body: Buffer;
  /** Set for a satisfiable Range request: the bytes served. */
  range?: ByteRange;
}

/** An object opened by `openObject`. */
export interface OpenObject {
  info: ObjectInfo;
  read(range?: string): Promise<GetObjectResult>;
  close(): void;
}

/** The S3 emulation. */
export class StorageService implements Service {
  readonly name = 'storage';
  private registry?: BucketRegistry;
  private store?: ObjectStore;
  private uploads?: MultipartUploads;
  private meta?: ObjectMetaRepository;
  private context?: ServiceContext;
  private tempDir?: string;
  private templateBuckets: { logicalId: string; name: string; arn: string }[] = [];

  async start(context: ServiceContext): Promise<void> {
    this.context = context;
    context.store.migrate(storageFamily);
    this.meta = new ObjectMetaRepository(context.store.db);
    this.store = new ObjectStore(this.meta);
    const stateDir = context.config.stateDir;
    if (!stateDir) this.tempDir = mkdtempSync(join(tmpdir(), 'eddy-s3-'));
    this.registry = new BucketRegistry(stateDir ? join(stateDir, 's3') : this.tempDir!);
    // `.uploads` is not a valid bucket name, so the registry never lists it as a bucket.
    this.uploads = new MultipartUploads(join(this.registry.baseDir, '.uploads'), this.store);
    for (const [name, folder] of Object.entries(context.config.buckets ?? {})) {
      if (isValidBucketName(name)) this.registry.map(name, folder);
    }
  }

  async apply(app: AppModel): Promise<void> {
    const registry = this.buckets;
    const mapped = this.context?.config.buckets ?? {};
    registry.resetTemplateBuckets();
    this.templateBuckets = [];
    for (const model of app.buckets) {
      try {
        const folder = mapped[model.logicalId];
        if (folder !== undefined) registry.map(model.name, folder);
        registry.ensureTemplateBucket(model.name);
        this.templateBuckets.push(model);
      } catch (error) {
        // One bad bucket must not stop the others; the tail shows why.
        const message = `bucket ${model.logicalId} (${model.name}): ${(error as Error).message}`;
        this.context?.logger.warn(message);
        this.context?.trace.publish({
          kind: 'warning',
          traceId: `bucket:${model.arn}`,
          resource: model.arn,
          payload: { message },
        });
      }
    }
  }

  async dispose(): Promise<void> {
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    this.tempDir = undefined;
  }

  describe(): ResourceSummary[] {
    const registry = this.registry;
    if (!registry) return [];
    return registry.list().map((bucket) => ({
      type: 'AWS::S3::Bucket',
      logicalId: this.templateBuckets.find((b) => b.name === bucket.name)?.logicalId ?? bucket.name,
      name: bucket.name,
      detail: bucket.root,
    }));
  }

  /** The region buckets report (HeadBucket, GetBucketLocation). */
  get region(): string {
    return this.context?.config.region ?? 'us-east-1';
  }

  /** The bucket registry; throws before start(). */
  get buckets(): BucketRegistry {
    if (!this.registry) throw new Error('storage service used before start()');
    return this.registry;
  }

  private get objects(): ObjectStore {
    if (!this.store) throw new Error('storage service used before start()');
    return this.store;
  }

  /** ListBuckets. */
  listBuckets(): Bucket[] {
    return this.buckets.list();
  }

  /** CreateBucket. */
  createBucket(name: string): Bucket {
    return this.buckets.create(name);
  }

  /** HeadBucket: the bucket, or NoSuchBucket. */
  headBucket(name: string): Bucket {
    return this.buckets.get(name);
  }

  /** DeleteBucket: only an empty bucket (BucketNotEmpty otherwise). */
  async deleteBucket(name: string): Promise<void> {
    const bucket = this.buckets.get(name);
    const page = await this.listObjects(name, { maxKeys: 1 });
    if (page.keyCount > 0) throw bucketNotEmpty(name);
    // A concurrent DeleteBucket may have removed it during the listing: answer NoSuchBucket, not ENOENT.
    this.buckets.get(name);
    this.meta!.deleteBucket(name);
    this.buckets.remove(bucket);
  }

  /** ListObjectsV2: one page. */
  listObjects(bucket: string, options: ListOptions = {}): Promise<ListPage> {
    return listObjects(this.buckets.get(bucket), this.objects, this.meta!, options);
  }

  /** HeadObject. */
  headObject(bucket: string, key: string): Promise<ObjectInfo> {
    return this.objects.head(this.buckets.get(bucket), key);
  }

  /**
   * GetObject in steps, for a caller that checks conditions on the info before any byte is read:
   * `read(range)` serves the whole object or a `Range: bytes=...` (an unsatisfiable one throws
   * InvalidRange); `close()` must follow.
   */
  async openObject(bucket: string, key: string): Promise<OpenObject> {
    const opened = await this.objects.open(this.buckets.get(bucket), key);
    const { info } = opened;
    return {
      info,
      async read(rangeHeader) {
        const range = rangeHeader ? resolveRange(rangeHeader, info.size) : undefined;
        if (range === 'unsatisfiable') throw invalidRange(rangeHeader!, info.size);
        const body = range ? await opened.read(range.start, range.end) : await opened.read(0, info.size - 1);
        return { info, body, range };
      },
      close: opened.close,
    };
  }

  /** GetObject, whole or a `Range: bytes=...` (an unsatisfiable range throws InvalidRange). */
  async getObject(bucket: string, key: string, options: { range?: string } = {}): Promise<GetObjectResult> {
    const object = await this.openObject(bucket, key);
    try {
      return await object.read(options.range);
    } finally {
      object.close();
    }
  }

  /** PutObject. */
  putObject(
    bucket: string,
    key: string,
    body: Buffer | string,
    options: WriteOptions = {},
  ): Promise<ObjectInfo> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    return this.objects.write(this.buckets.get(bucket), key, bytes, options);
  }

  /** DeleteObject (no error for a missing key, as S3). */
  deleteObject(bucket: string, key: string): Promise<void> {
    return this.objects.delete(this.buckets.get(bucket), key);
  }

  /** CopyObject: copies bytes and, unless `replace` is given, headers and metadata too. */
  async copyObject(
    source: { bucket: string; key: string },
    target: { bucket: string; key: string },
    replace?: WriteOptions,
  ): Promise<ObjectInfo> {
    const { info, body } = await this.getObject(source.bucket, source.key);
    const options = replace ?? { headers: info.headers, metadata: info.metadata };
    return this.putObject(target.bucket, target.key, body, options);
  }

  private get multipart(): MultipartUploads {
    if (!this.uploads) throw new Error('storage service used before start()');
    return this.uploads;
  }

  /** CreateMultipartUpload: resolves with the upload id. */
  createMultipartUpload(bucket: string, key: string, options: WriteOptions = {}): Promise<string> {
    return this.multipart.create(this.buckets.get(bucket), key, options);
  }

  /** UploadPart: resolves with the part's ETag. */
  uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: Buffer,
  ): Promise<string> {
    return this.multipart.uploadPart(this.buckets.get(bucket), key, uploadId, partNumber, body);
  }

  /** CompleteMultipartUpload. */
  completeMultipartUpload(
    bucket: string,
    key: string,
    uploadId: string,
    parts: CompletedPart[],
  ): Promise<ObjectInfo> {
    return this.multipart.complete(this.buckets.get(bucket), key, uploadId, parts);
  }

  /** AbortMultipartUpload. */
  abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
    return this.multipart.abort(this.buckets.get(bucket), key, uploadId);
  }
}
