// Multipart uploads (https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html), as the AWS
// CLI and @aws-sdk/lib-storage use for large objects: parts are files under `<s3 folder>/.uploads/<id>/`
// (not a valid bucket name, so never listed as one), joined into the object on completion. The object's
// ETag is S3's multipart ETag: the MD5 of the parts' binary MD5s, then `-<part count>`.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bucket } from './buckets.js';
import {
  entityTooSmall,
  invalidArgument,
  invalidPart,
  invalidPartOrder,
  MIN_PART_SIZE,
  noSuchUpload,
} from './errors.js';
import type { ObjectInfo, ObjectStore, WriteOptions } from './objects.js';

interface UploadRecord {
  bucket: string;
  key: string;
  options: WriteOptions;
}

/** A part named in CompleteMultipartUpload. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/** The uploads in progress, kept on disk so they survive a restart. */
export class MultipartUploads {
  constructor(
    private readonly dir: string,
    private readonly objects: ObjectStore,
  ) {}

  private folder(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw noSuchUpload(uploadId);
    return join(this.dir, uploadId);
  }

  private async record(bucket: Bucket, key: string, uploadId: string): Promise<UploadRecord> {
    const text = await readFile(join(this.folder(uploadId), 'upload.json'), 'utf8').catch(() => undefined);
    const record = text ? (JSON.parse(text) as UploadRecord) : undefined;
    if (!record || record.bucket !== bucket.name || record.key !== key) throw noSuchUpload(uploadId);
    return record;
  }

  /** CreateMultipartUpload: a new upload id. */
  async create(bucket: Bucket, key: string, options: WriteOptions): Promise<string> {
    this.objects.pathOf(bucket, key); // refuse a bad key now, not at completion
    const uploadId = randomUUID();
    await mkdir(this.folder(uploadId), { recursive: true });
    const record: UploadRecord = { bucket: bucket.name, key, options };
    await writeFile(join(this.folder(uploadId), 'upload.json'), JSON.stringify(record));
    return uploadId;
  }

  /** UploadPart: stores one part; resolves with its ETag (quoted MD5). */
  async uploadPart(
    bucket: Bucket,
    key: string,
    uploadId: string,
    partNumber: number,
    body: Buffer,
  ): Promise<string> {
    await this.record(bucket, key, uploadId);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive');
    }
    await writeFile(join(this.folder(uploadId), `part-${partNumber}`), body);
    return `"${createHash('md5').update(body).digest('hex')}"`;
  }

  /** CompleteMultipartUpload: joins the named parts into the object and ends the upload. */
  async complete(bucket: Bucket, key: string, uploadId: string, parts: CompletedPart[]): Promise<ObjectInfo> {
    const record = await this.record(bucket, key, uploadId);
    if (parts.length === 0) throw invalidPart(0);
    const digests: Buffer[] = [];
    const files: string[] = [];
    if (parts.some((p, i) => i > 0 && p.partNumber <= parts[i - 1].partNumber)) throw invalidPartOrder();
    for (let i = 0; i < parts.length; i++) {
      const { partNumber, etag } = parts[i];
      const file = join(this.folder(uploadId), `part-${partNumber}`);
      const body = await readFile(file).catch(() => undefined);
      if (!body) throw invalidPart(partNumber);
      const digest = createHash('md5').update(body).digest();
      if (etag.replace(/"/g, '') !== digest.toString('hex')) throw invalidPart(partNumber);
      if (i < parts.length - 1 && body.length < MIN_PART_SIZE) throw entityTooSmall(body.length);
      digests.push(digest);
      files.push(file);
    }
    const etag = `${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${parts.length}`;
    const info = await this.objects.writeParts(bucket, key, files, etag, record.options);
    await rm(this.folder(uploadId), { recursive: true, force: true });
    return info;
  }

  /** AbortMultipartUpload. */
  async abort(bucket: Bucket, key: string, uploadId: string): Promise<void> {
    await this.record(bucket, key, uploadId);
    await rm(this.folder(uploadId), { recursive: true, force: true });
  }

  /** True when the upload exists (for tests and ListParts-like checks). */
  async exists(uploadId: string): Promise<boolean> {
    return stat(this.folder(uploadId)).then(
      () => true,
      () => false,
    );
  }
}
