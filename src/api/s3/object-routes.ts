// Object-level S3 operations on path-style URLs (`/{bucket}/{key+}`): GetObject (with Range and the
// conditional headers), HeadObject, PutObject (aws-chunked bodies decoded), CopyObject
// (x-amz-copy-source) and DeleteObject.
import { createHash } from 'node:crypto';
import { preconditionFailed } from '../../services/storage/errors.js';
import { etagMatches, type ObjectInfo } from '../../services/storage/objects.js';
import type { StorageService } from '../../services/storage/service.js';
import { AwsError } from '../../shared/aws-error.js';
import type { ApiRequest, RestResponse } from '../protocol.js';
import { decodeAwsChunked, isAwsChunked, storedContentEncoding } from './chunked.js';
import { objectHeadersOf, objectResponseHeaders, s3Headers } from './headers.js';
import { xmlDocument } from './xml.js';

function header(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** GetObject / HeadObject preconditions (RFC 9110 order, as S3 applies them): 304 or 412. */
function checkPreconditions(request: ApiRequest, info: ObjectInfo): RestResponse | undefined {
  const ifMatch = header(request, 'if-match');
  const ifNoneMatch = header(request, 'if-none-match');
  const ifModifiedSince = header(request, 'if-modified-since');
  const ifUnmodifiedSince = header(request, 'if-unmodified-since');
  if (ifMatch !== undefined && !etagMatches(ifMatch, info.etag)) throw preconditionFailed('If-Match');
  if (
    ifMatch === undefined &&
    ifUnmodifiedSince &&
    info.lastModified.getTime() > Date.parse(ifUnmodifiedSince)
  ) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  const notModified =
    ifNoneMatch !== undefined
      ? etagMatches(ifNoneMatch, info.etag)
      : ifModifiedSince !== undefined && info.lastModified.getTime() <= Date.parse(ifModifiedSince);
  if (!notModified) return undefined;
  return {
    status: 304,
    headers: { ...s3Headers(request), etag: info.etag, 'last-modified': info.lastModified.toUTCString() },
  };
}

/** GET /{bucket}/{key+}: GetObject. */
export async function getObject(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  key: string,
): Promise<RestResponse> {
  // One open for the conditions and the bytes: they describe the same file.
  const object = await service.openObject(bucket, key);
  try {
    const unchanged = checkPreconditions(request, object.info);
    if (unchanged) return unchanged;
    const result = await object.read(header(request, 'range'));
    const headers = { ...s3Headers(request), ...objectResponseHeaders(result.info, request.query) };
    if (!result.range) return { status: 200, headers, body: result.body };
    const { start, end } = result.range;
    headers['content-range'] = `bytes ${start}-${end}/${result.info.size}`;
    return { status: 206, headers, body: result.body };
  } finally {
    object.close();
  }
}

/** HEAD /{bucket}/{key+}: HeadObject. */
export async function headObject(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  key: string,
): Promise<RestResponse> {
  const info = await service.headObject(bucket, key);
  const unchanged = checkPreconditions(request, info);
  if (unchanged) return unchanged;
  // A HEAD answer names the size of the body a GET would send; the server sends no body for it.
  return {
    status: 200,
    headers: {
      ...s3Headers(request),
      ...objectResponseHeaders(info, request.query),
      'content-length': String(info.size),
    },
  };
}

/** PUT /{bucket}/{key+}: PutObject, or CopyObject when x-amz-copy-source is present. */
export async function putObject(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  key: string,
): Promise<RestResponse> {
  const copySource = header(request, 'x-amz-copy-source');
  if (copySource !== undefined) return copyObject(service, request, bucket, key, copySource);
  const { headers, metadata } = objectHeadersOf(request.headers);
  let body = request.body;
  if (isAwsChunked(request.headers)) {
    body = decodeAwsChunked(body).payload;
    const encoding = storedContentEncoding(request.headers);
    if (encoding) headers['content-encoding'] = encoding;
    else delete headers['content-encoding'];
    const declared = header(request, 'x-amz-decoded-content-length');
    if (declared !== undefined && Number(declared) !== body.length) {
      throw new AwsError(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header',
        400,
      );
    }
  }
  const contentMd5 = header(request, 'content-md5');
  if (contentMd5 !== undefined && createHash('md5').update(body).digest('base64') !== contentMd5) {
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  const info = await service.putObject(bucket, key, body, {
    headers,
    metadata,
    ifNoneMatch: header(request, 'if-none-match'),
    ifMatch: header(request, 'if-match'),
  });
  return { status: 200, headers: { ...s3Headers(request), etag: info.etag } };
}

/** CopyObject: `x-amz-copy-source: /bucket/key` (URL-encoded, optional leading slash, no versions). */
async function copyObject(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  key: string,
  copySource: string,
): Promise<RestResponse> {
  let source = '';
  try {
    source = decodeURIComponent(copySource.split('?')[0]).replace(/^\//, '');
  } catch {
    // A broken percent-escape leaves `source` empty: answered below as S3 answers a bad copy source.
  }
  const slash = source.indexOf('/');
  if (slash <= 0 || slash === source.length - 1) {
    throw new AwsError(
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      400,
      {
        ArgumentName: 'x-amz-copy-source',
        ArgumentValue: copySource,
      },
    );
  }
  const from = { bucket: source.slice(0, slash), key: source.slice(slash + 1) };
  const sourceInfo = await service.headObject(from.bucket, from.key);
  const ifMatch = header(request, 'x-amz-copy-source-if-match');
  if (ifMatch !== undefined && !etagMatches(ifMatch, sourceInfo.etag))
    throw preconditionFailed('x-amz-copy-source-If-Match');
  const ifNoneMatch = header(request, 'x-amz-copy-source-if-none-match');
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, sourceInfo.etag)) {
    throw preconditionFailed('x-amz-copy-source-If-None-Match');
  }
  const replace = header(request, 'x-amz-metadata-directive') === 'REPLACE';
  if (!replace && from.bucket === bucket && from.key === key) {
    throw new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  const info = await service.copyObject(
    from,
    { bucket, key },
    replace ? objectHeadersOf(request.headers) : undefined,
  );
  const body = xmlDocument('CopyObjectResult', [
    ['LastModified', info.lastModified.toISOString()],
    ['ETag', info.etag],
  ]);
  return { status: 200, headers: { ...s3Headers(request), 'content-type': 'application/xml' }, body };
}

/** DELETE /{bucket}/{key+}: DeleteObject (204 whether or not the key existed). */
export async function deleteObject(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  key: string,
): Promise<RestResponse> {
  await service.deleteObject(bucket, key);
  return { status: 204, headers: s3Headers(request) };
}
