// The buckets the local S3 serves and the folder each one lives in: template and API buckets under the
// state folder's `s3/` (a temporary folder with --in-memory), user-mapped buckets in the folder the user
// named, used in place. A bucket exists while its folder does, so API buckets survive a restart.
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bucketAlreadyOwned, invalidArgument, invalidBucketName, noSuchBucket } from './errors.js';

/** How a bucket came to exist. */
export type BucketOrigin = 'template' | 'api' | 'mapped';

/** One bucket and its folder. */
export interface Bucket {
  name: string;
  /** Absolute folder holding the bucket's objects. */
  root: string;
  origin: BucketOrigin;
  created: Date;
}

/**
 * Bucket naming rules for general purpose buckets
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias')
  );
}

/** The set of buckets, backed by folders. */
export class BucketRegistry {
  private readonly mapped = new Map<string, Bucket>();
  private readonly template = new Set<string>();

  /** `baseDir` holds one folder per bucket not mapped elsewhere. */
  constructor(readonly baseDir: string) {
    mkdirSync(baseDir, { recursive: true });
  }

  /** Serves bucket `name` from an existing folder, in place. */
  map(name: string, folder: string): Bucket {
    if (!isValidBucketName(name)) throw invalidBucketName(name);
    const root = resolve(folder);
    let created: Date;
    try {
      const stat = statSync(root);
      if (!stat.isDirectory()) throw new Error('not a folder');
      created = stat.birthtime;
    } catch {
      throw invalidArgument(`The folder mapped to bucket ${name} does not exist: ${root}`);
    }
    const bucket: Bucket = { name, root, origin: 'mapped', created };
    this.mapped.set(name, bucket);
    return bucket;
  }

  /** The bucket, or NoSuchBucket. */
  get(name: string): Bucket {
    const bucket = this.find(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  /** The bucket, or undefined. */
  find(name: string): Bucket | undefined {
    const mapped = this.mapped.get(name);
    if (mapped) return mapped;
    if (!isValidBucketName(name)) return undefined;
    const root = join(this.baseDir, name);
    try {
      const stat = statSync(root);
      if (!stat.isDirectory()) return undefined;
      const origin = this.template.has(name) ? 'template' : 'api';
      return { name, root, origin, created: stat.birthtime };
    } catch {
      return undefined;
    }
  }

  /** Every bucket, sorted by name as ListBuckets returns them. */
  list(): Bucket[] {
    const names = new Set(this.mapped.keys());
    for (const entry of readdirSync(this.baseDir, { withFileTypes: true })) {
      if (entry.isDirectory() && isValidBucketName(entry.name)) names.add(entry.name);
    }
    return [...names]
      .sort()
      .map((name) => this.find(name))
      .filter((b): b is Bucket => b !== undefined);
  }

  /** CreateBucket: a new folder; BucketAlreadyOwnedByYou when it exists. */
  create(name: string): Bucket {
    if (!isValidBucketName(name)) throw invalidBucketName(name);
    if (this.find(name)) throw bucketAlreadyOwned(name);
    mkdirSync(join(this.baseDir, name), { recursive: true });
    return this.get(name);
  }

  /** Makes sure a template bucket's folder exists (idempotent, keeps its objects). */
  ensureTemplateBucket(name: string): Bucket {
    this.template.add(name);
    if (!this.mapped.has(name)) mkdirSync(join(this.baseDir, name), { recursive: true });
    return this.get(name);
  }

  /** Forgets which buckets the template declared (before re-applying a template). */
  resetTemplateBuckets(): void {
    this.template.clear();
  }

  /** Removes an empty bucket: a state bucket's folder is deleted, a mapped folder is only unmapped. */
  remove(bucket: Bucket): void {
    if (bucket.origin === 'mapped') this.mapped.delete(bucket.name);
    else rmdirSync(bucket.root);
  }
}
