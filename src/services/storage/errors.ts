// The S3 errors the local S3 returns, with the codes, messages and statuses S3 documents
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList). `extra` fields
// become elements of the XML error body (Key, BucketName, ...).
import { AwsError } from '../../shared/aws-error.js';

/** NoSuchBucket (404). */
export function noSuchBucket(bucket: string): AwsError {
  return new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
}

/** NoSuchKey (404). */
export function noSuchKey(key: string): AwsError {
  return new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
}

/** BucketAlreadyOwnedByYou (409): CreateBucket on a bucket that exists (outside us-east-1 semantics). */
export function bucketAlreadyOwned(bucket: string): AwsError {
  return new AwsError(
    'BucketAlreadyOwnedByYou',
    'Your previous request to create the named bucket succeeded and you already own it.',
    409,
    { BucketName: bucket },
  );
}

/** BucketNotEmpty (409). */
export function bucketNotEmpty(bucket: string): AwsError {
  return new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
    BucketName: bucket,
  });
}

/** InvalidBucketName (400). */
export function invalidBucketName(bucket: string): AwsError {
  return new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
}

/** InvalidRange (416), with the range asked for and the object's size as S3 reports them. */
export function invalidRange(range: string, size: number): AwsError {
  return new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
    RangeRequested: range,
    ActualObjectSize: String(size),
  });
}

/** InvalidArgument (400). */
export function invalidArgument(message: string, key?: string): AwsError {
  return new AwsError('InvalidArgument', message, 400, key === undefined ? {} : { Key: key });
}

/** KeyTooLongError (400). */
export function keyTooLong(key: string): AwsError {
  return new AwsError('KeyTooLongError', 'Your key is too long', 400, { Key: key.slice(0, 64) });
}

/** MalformedXML (400). */
export function malformedXml(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
}

/** PreconditionFailed (412). */
export function preconditionFailed(condition: string): AwsError {
  return new AwsError(
    'PreconditionFailed',
    'At least one of the pre-conditions you specified did not hold',
    412,
    {
      Condition: condition,
    },
  );
}

/** NoSuchUpload (404). */
export function noSuchUpload(uploadId: string): AwsError {
  return new AwsError(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: uploadId },
  );
}

/** InvalidPart (400). */
export function invalidPart(partNumber: number): AwsError {
  return new AwsError(
    'InvalidPart',
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    400,
    { PartNumber: String(partNumber) },
  );
}

/** InvalidPartOrder (400). */
export function invalidPartOrder(): AwsError {
  return new AwsError(
    'InvalidPartOrder',
    'The list of parts was not in ascending order. Parts must be ordered by part number.',
    400,
  );
}

/** EntityTooSmall (400): a part other than the last is under 5 MiB. */
export function entityTooSmall(size: number): AwsError {
  return new AwsError(
    'EntityTooSmall',
    'Your proposed upload is smaller than the minimum allowed object size.',
    400,
    {
      ProposedSize: String(size),
      MinSizeAllowed: String(MIN_PART_SIZE),
    },
  );
}

/** S3's smallest part but the last: 5 MiB (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
