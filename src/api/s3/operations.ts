// Picks the S3 operation for a request once its bucket and key are known, whichever addressing style
// the client used: path-style (`/bucket/key`, what eddy prints, and what SDKs use for an IP endpoint)
// or virtual-hosted style (`bucket.localhost:4949/key`, what SDKs use for a `localhost` endpoint)
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html).
import type { StorageService } from '../../services/storage/service.js';
import { AwsError } from '../../shared/aws-error.js';
import type { ApiRequest, RestResponse } from '../protocol.js';
import {
  createBucket,
  deleteBucket,
  getBucket,
  headBucket,
  listBuckets,
  postBucket,
} from './bucket-routes.js';
import { abortUpload, postObject, uploadPart } from './multipart-routes.js';
import { deleteObject, getObject, headObject, putObject } from './object-routes.js';

/** Where a request points: no bucket (ListBuckets), a bucket, or an object. */
export interface S3Target {
  bucket?: string;
  key?: string;
}

/** The bucket named by a `<bucket>.localhost` Host header, if any. */
export function virtualHostBucket(host: string | undefined): string | undefined {
  const name = host?.toLowerCase().replace(/:\d+$/, '');
  const m = name ? /^(.+)\.localhost$/.exec(name) : null;
  return m?.[1];
}

/** The target of a request: from the Host header when virtual-hosted, else from the routed path. */
export function targetOf(request: ApiRequest, params: Record<string, string>): S3Target {
  const hosted = virtualHostBucket(request.headers.host);
  if (hosted === undefined) return { bucket: params.bucket, key: params.key };
  const path = request.path.slice(1);
  let key: string;
  try {
    key = decodeURIComponent(path);
  } catch {
    key = path;
  }
  return { bucket: hosted, key: key === '' ? undefined : key };
}

function methodNotAllowed(): AwsError {
  return new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
}

/** Runs the operation `method` names on `target`. */
export async function runS3(
  s3: StorageService,
  request: ApiRequest,
  target: S3Target,
): Promise<RestResponse> {
  const { bucket, key } = target;
  const method = request.method;
  const q = request.query;
  if (bucket === undefined) {
    if (method === 'GET') return listBuckets(s3, request);
    throw methodNotAllowed();
  }
  if (key === undefined) {
    if (method === 'GET') return getBucket(s3, request, bucket, s3.region);
    if (method === 'PUT') return createBucket(s3, request, bucket);
    if (method === 'HEAD') return headBucket(s3, request, bucket, s3.region);
    if (method === 'DELETE') return deleteBucket(s3, request, bucket);
    if (method === 'POST') return postBucket(s3, request, bucket);
    throw methodNotAllowed();
  }
  if (method === 'GET') return getObject(s3, request, bucket, key);
  if (method === 'HEAD') return headObject(s3, request, bucket, key);
  if (method === 'PUT') {
    return q.has('uploadId') ? uploadPart(s3, request, bucket, key) : putObject(s3, request, bucket, key);
  }
  if (method === 'DELETE') {
    return q.has('uploadId') ? abortUpload(s3, request, bucket, key) : deleteObject(s3, request, bucket, key);
  }
  if (method === 'POST') return postObject(s3, request, bucket, key);
  throw methodNotAllowed();
}
