// Multipart upload operations on `/{bucket}/{key+}`: CreateMultipartUpload (POST ?uploads), UploadPart
// (PUT ?partNumber&uploadId), CompleteMultipartUpload (POST ?uploadId, a <CompleteMultipartUpload> body)
// and AbortMultipartUpload (DELETE ?uploadId).
import { malformedXml } from '../../services/storage/errors.js';
import type { StorageService } from '../../services/storage/service.js';
import { AwsError } from '../../shared/aws-error.js';
import type { ApiRequest, RestResponse } from '../protocol.js';
import { decodeAwsChunked, isAwsChunked } from './chunked.js';
import { objectHeadersOf, s3Headers } from './headers.js';
import { elementTexts, unescapeXml, xmlDocument } from './xml.js';

function xml(request: ApiRequest, body: string): RestResponse {
  return { status: 200, headers: { ...s3Headers(request), 'content-type': 'application/xml' }, body };
}

/** POST /{bucket}/{key+}: CreateMultipartUpload or CompleteMultipartUpload. */
export async function postObject(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  key: string,
): Promise<RestResponse> {
  const q = request.query;
  if (q.has('uploads')) {
    const uploadId = await service.createMultipartUpload(bucket, key, objectHeadersOf(request.headers));
    const body = xmlDocument('InitiateMultipartUploadResult', [
      ['Bucket', bucket],
      ['Key', key],
      ['UploadId', uploadId],
    ]);
    return xml(request, body);
  }
  const uploadId = q.get('uploadId');
  if (uploadId === null) {
    // eddy serves no other POST here (no browser form uploads): S3's 4xx for an unsupported method,
    // not its 501, so a client sees a request error rather than a server fault.
    throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  }
  const [root] = elementTexts(request.body.toString('utf8'), 'CompleteMultipartUpload');
  if (root === undefined) throw malformedXml();
  const parts = elementTexts(root, 'Part').map((part) => {
    const number = Number(elementTexts(part, 'PartNumber')[0]);
    const etag = unescapeXml(elementTexts(part, 'ETag')[0] ?? '');
    if (!Number.isInteger(number)) throw malformedXml();
    return { partNumber: number, etag };
  });
  const info = await service.completeMultipartUpload(bucket, key, uploadId, parts);
  const body = xmlDocument('CompleteMultipartUploadResult', [
    ['Location', `/${bucket}/${key}`],
    ['Bucket', bucket],
    ['Key', key],
    ['ETag', info.etag],
  ]);
  return xml(request, body);
}

/** PUT /{bucket}/{key+}?partNumber&uploadId: UploadPart. */
export async function uploadPart(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  key: string,
): Promise<RestResponse> {
  const body = isAwsChunked(request.headers) ? decodeAwsChunked(request.body).payload : request.body;
  const partNumber = Number(request.query.get('partNumber'));
  const etag = await service.uploadPart(bucket, key, request.query.get('uploadId') ?? '', partNumber, body);
  return { status: 200, headers: { ...s3Headers(request), etag } };
}

/** DELETE /{bucket}/{key+}?uploadId: AbortMultipartUpload. */
export async function abortUpload(
  service: StorageService,
  request: ApiRequest,
  bucket: string,
  key: string,
): Promise<RestResponse> {
  await service.abortMultipartUpload(bucket, key, request.query.get('uploadId') ?? '');
  return { status: 204, headers: s3Headers(request) };
}
