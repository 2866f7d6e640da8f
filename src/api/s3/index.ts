// The S3 API adapter: path-style REST routes (`/`, `/{bucket}`, `/{bucket}/{key+}`) answering in S3's
// XML. These routes match any path, so the registry lists this adapter last: other services' REST routes
// (Lambda's /2015-03-31/..., Pipes' /v1/pipes/...) are tried first. Every failure is answered as S3's
// XML <Error>, never the JSON shape other adapters use.
import type { Service } from '../../services/core/service.js';
import { invalidArgument } from '../../services/storage/errors.js';
import { StorageService } from '../../services/storage/service.js';
import type { ApiAdapter, ApiRequest, RestResponse, RestRoute } from '../protocol.js';
import {
  createBucket,
  deleteBucket,
  getBucket,
  headBucket,
  listBuckets,
  postBucket,
} from './bucket-routes.js';
import { s3ErrorResponse } from './errors.js';
import { abortUpload, postObject, uploadPart } from './multipart-routes.js';
import { deleteObject, getObject, headObject, putObject } from './object-routes.js';

type Handler = (request: ApiRequest, params: Record<string, string>) => Promise<RestResponse> | RestResponse;

function route(method: string, path: string, handle: Handler): RestRoute {
  return {
    method,
    path,
    async handle(request, params) {
      try {
        refuseDotSegments(request);
        return await handle(request, params);
      } catch (error) {
        return s3ErrorResponse(error, request);
      }
    },
  };
}

/**
 * The server resolves `.` and `..` segments of the URL before routing (WHATWG URL parsing), which would
 * turn key `../b/k` of bucket `a` into key `k` of bucket `b`. When the server passes the path as sent
 * (`rawPath`), such keys are refused here, as S3 keys that would escape a bucket folder are.
 */
function refuseDotSegments(request: ApiRequest): void {
  const raw = (request as ApiRequest & { rawPath?: string }).rawPath;
  if (raw === undefined) return;
  const dotted = raw.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
  if (dotted)
    throw invalidArgument(
      `eddy stores objects as files, so a key cannot contain "." or ".." path segments: ${raw}`,
    );
}

/** The S3 adapter when the storage service runs; nothing otherwise. */
export function s3Adapter(services: readonly Service[]): ApiAdapter {
  const s3 = services.find((s): s is StorageService => s instanceof StorageService);
  if (!s3) return {};
  const region = s3.region;
  return {
    rest: [
      route('GET', '/', (r) => listBuckets(s3, r)),
      route('PUT', '/{bucket}', (r, p) => createBucket(s3, r, p.bucket)),
      route('HEAD', '/{bucket}', (r, p) => headBucket(s3, r, p.bucket, region)),
      route('DELETE', '/{bucket}', (r, p) => deleteBucket(s3, r, p.bucket)),
      route('GET', '/{bucket}', (r, p) => getBucket(s3, r, p.bucket, region)),
      route('POST', '/{bucket}', (r, p) => postBucket(s3, r, p.bucket)),
      route('GET', '/{bucket}/{key+}', (r, p) => getObject(s3, r, p.bucket, p.key)),
      route('HEAD', '/{bucket}/{key+}', (r, p) => headObject(s3, r, p.bucket, p.key)),
      route('PUT', '/{bucket}/{key+}', (r, p) =>
        r.query.has('uploadId') ? uploadPart(s3, r, p.bucket, p.key) : putObject(s3, r, p.bucket, p.key),
      ),
      route('DELETE', '/{bucket}/{key+}', (r, p) =>
        r.query.has('uploadId') ? abortUpload(s3, r, p.bucket, p.key) : deleteObject(s3, r, p.bucket, p.key),
      ),
      route('POST', '/{bucket}/{key+}', (r, p) => postObject(s3, r, p.bucket, p.key)),
    ],
  };
}
