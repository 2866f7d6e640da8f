// Bucket-level S3 operations on path-style URLs: ListBuckets (GET /), CreateBucket, HeadBucket,
// DeleteBucket, GetBucketLocation, ListObjects / ListObjectsV2 (GET /{bucket}) and DeleteObjects
// (POST /{bucket}?delete).
import type { StorageService } from '../../services/storage/service.js';
import type { ListPage } from '../../services/storage/listing.js';
import { AwsError } from '../../shared/aws-error.js';
import type { ApiRequest, RestResponse } from '../protocol.js';
import { deleteObjects } from './delete-objects.js';
import { s3Headers } from './headers.js';
import { xmlDocument, type XmlNode } from './xml.js';

const OWNER: XmlNode[] = [
  ['ID', '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a'],
  ['DisplayName', 'eddy'],
];

function xml(request: ApiRequest, body: string, status = 200): RestResponse {
  return { status, headers: { ...s3Headers(request), 'content-type': 'application/xml' }, body };
}

/** GET /: ListBuckets. */
export function listBuckets(service: StorageService, request: ApiRequest): RestResponse {
  const buckets = service.listBuckets().map((b): XmlNode => [
    'Bucket',
    [
      ['Name', b.name],
      ['CreationDate', b.created.toISOString()],
    ],
  ]);
  return xml(
    request,
    xmlDocument('ListAllMyBucketsResult', [
      ['Owner', OWNER],
      ['Buckets', buckets],
    ]),
  );
}

/** PUT /{bucket}: CreateBucket (the body's LocationConstraint is accepted and ignored). */
export function createBucket(service: StorageService, request: ApiRequest, bucket: string): RestResponse {
  service.createBucket(bucket);
  return { status: 200, headers: { ...s3Headers(request), location: `/${bucket}` } };
}

/** HEAD /{bucket}: HeadBucket. */
export function headBucket(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  region: string,
): RestResponse {
  service.headBucket(bucket);
  return { status: 200, headers: { ...s3Headers(request), 'x-amz-bucket-region': region } };
}

/** DELETE /{bucket}: DeleteBucket. */
export async function deleteBucket(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
): Promise<RestResponse> {
  await service.deleteBucket(bucket);
  return { status: 204, headers: s3Headers(request) };
}

/** GET /{bucket}: ListObjectsV2 (`list-type=2`), ListObjects, or GetBucketLocation (`?location`). */
export async function getBucket(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  region: string,
): Promise<RestResponse> {
  const q = request.query;
  if (q.has('location')) {
    service.headBucket(bucket);
    // us-east-1 answers an empty LocationConstraint (GetBucketLocation docs).
    return xml(request, xmlDocument('LocationConstraint', region === 'us-east-1' ? '' : region));
  }
  const maxKeysText = q.get('max-keys');
  const maxKeys = maxKeysText === null ? 1000 : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, {
      ArgumentName: 'max-keys',
      ArgumentValue: maxKeysText ?? '',
    });
  }
  const v2 = q.get('list-type') === '2';
  const page = await service.listObjects(bucket, {
    prefix: q.get('prefix') ?? undefined,
    delimiter: q.get('delimiter') ?? undefined,
    maxKeys,
    continuationToken: v2 ? (q.get('continuation-token') ?? undefined) : undefined,
    startAfter: (v2 ? q.get('start-after') : q.get('marker')) ?? undefined,
  });
  const encode = q.get('encoding-type') === 'url' ? encodeKey : (k: string) => k;
  const fields: XmlNode[] = [
    ['Name', bucket],
    ['Prefix', encode(q.get('prefix') ?? '')],
    ...(v2 ? v2Fields(q, page, encode) : v1Fields(q, page, encode)),
    ['MaxKeys', maxKeys],
    ['Delimiter', q.has('delimiter') ? encode(q.get('delimiter') ?? '') : undefined],
    ['IsTruncated', page.isTruncated],
    ...page.objects.map((o): XmlNode => [
      'Contents',
      [
        ['Key', encode(o.key)],
        ['LastModified', o.lastModified.toISOString()],
        ['ETag', o.etag],
        ['Size', o.size],
        ['StorageClass', 'STANDARD'],
        ['Owner', q.get('fetch-owner') === 'true' || !v2 ? OWNER : undefined],
      ],
    ]),
    ...page.commonPrefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', encode(p)]]]),
    ['EncodingType', q.get('encoding-type') ?? undefined],
  ];
  return xml(request, xmlDocument('ListBucketResult', fields));
}

function v2Fields(q: URLSearchParams, page: ListPage, encode: (k: string) => string): XmlNode[] {
  return [
    ['KeyCount', page.keyCount],
    ['ContinuationToken', q.get('continuation-token') ?? undefined],
    ['NextContinuationToken', page.nextContinuationToken],
    ['StartAfter', q.has('start-after') ? encode(q.get('start-after') ?? '') : undefined],
  ];
}

function v1Fields(q: URLSearchParams, page: ListPage, encode: (k: string) => string): XmlNode[] {
  return [
    ['Marker', encode(q.get('marker') ?? '')],
    ['NextMarker', page.isTruncated && page.lastEntry !== undefined ? encode(page.lastEntry) : undefined],
  ];
}

/** `encoding-type=url`: keys percent-encoded as S3 does (spaces as +). */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
}

/** POST /{bucket}?delete: DeleteObjects. */
export async function postBucket(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
): Promise<RestResponse> {
  if (!request.query.has('delete')) {
    // eddy serves no other POST here (no browser form uploads): S3's 4xx for an unsupported method,
    // not its 501, so a client sees a request error rather than a server fault.
    throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  }
  return xml(request, await deleteObjects(service, bucket, request.body.toString('utf8')));
}
