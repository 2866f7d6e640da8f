// DeleteObjects: up to 1,000 keys from a <Delete> XML body, each deleted independently; the answer lists
// Deleted keys (left out in Quiet mode) and per-key Errors
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html).
import { malformedXml } from '../../services/storage/errors.js';
import type { StorageService } from '../../services/storage/service.js';
import { toAwsError } from '../json-protocol.js';
import { elementTexts, unescapeXml, xmlDocument, type XmlNode } from './xml.js';

/** Deletes the body's keys and returns the DeleteResult document. */
export async function deleteObjects(service: StorageService, bucket: string, body: string): Promise<string> {
  service.headBucket(bucket);
  const [root] = elementTexts(body, 'Delete');
  if (root === undefined) throw malformedXml();
  const objects = elementTexts(root, 'Object');
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const quiet = elementTexts(root, 'Quiet')[0]?.trim() === 'true';
  const results: XmlNode[] = [];
  for (const object of objects) {
    const [keyText] = elementTexts(object, 'Key');
    if (keyText === undefined) throw malformedXml();
    const key = unescapeXml(keyText);
    try {
      await service.deleteObject(bucket, key);
      if (!quiet) results.push(['Deleted', [['Key', key]]]);
    } catch (error) {
      const aws = toAwsError(error);
      results.push([
        'Error',
        [
          ['Key', key],
          ['Code', aws.code],
          ['Message', aws.message],
        ],
      ]);
    }
  }
  return xmlDocument('DeleteResult', results);
}
