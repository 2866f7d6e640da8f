// Distributed Map's ItemReader over the local S3
// (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html):
// `s3:listObjectsV2` yields one item per object (its metadata), `s3:getObject` reads one object as CSV,
// JSON, JSONL or an S3 Inventory MANIFEST. ReaderConfig.MaxItems caps the items. Failures are
// States.ItemReaderFailed, as AWS names them.
import { gunzipSync } from 'node:zlib';
import { StatesError } from '../errors/states-error.js';
import { CSV_DELIMITERS, parseCsv } from './csv.js';
import type { MapObjectStore } from './object-store.js';

/** The error an ItemReader fails with. */
export function itemReaderFailed(cause: string): StatesError {
  return new StatesError('States.ItemReaderFailed', cause);
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw itemReaderFailed(`The ItemReader field ${field} must be a non-empty string.`);
  return value;
}

/** Reads the items an ItemReader (its Parameters/Arguments already evaluated) names. */
export async function readItems(store: MapObjectStore, reader: Record<string, unknown>): Promise<unknown[]> {
  const params = (reader.Arguments ?? reader.Parameters ?? {}) as Record<string, unknown>;
  const config = (reader.ReaderConfig ?? {}) as Record<string, unknown>;
  const max = typeof config.MaxItems === 'number' && config.MaxItems > 0 ? config.MaxItems : Infinity;
  const resource = String(reader.Resource ?? '');
  const bucket = text(params.Bucket, 'Bucket');
  try {
    if (resource.endsWith(':s3:listObjectsV2')) return await listItems(store, bucket, params, max);
    if (resource.endsWith(':s3:getObject')) {
      const body = (await store.getObject(bucket, text(params.Key, 'Key'))).body;
      return await objectItems(store, body, config, max);
    }
  } catch (error) {
    if (error instanceof StatesError) throw error;
    throw itemReaderFailed(`${(error as Error).name}: ${(error as Error).message} (Bucket: ${bucket})`);
  }
  throw itemReaderFailed(
    `The ItemReader resource ${resource} is not supported: use arn:aws:states:::s3:listObjectsV2 or arn:aws:states:::s3:getObject.`,
  );
}

/** One item per object: `{ Etag, Key, LastModified (epoch seconds), Size, StorageClass }`, as AWS. */
async function listItems(
  store: MapObjectStore,
  bucket: string,
  params: Record<string, unknown>,
  max: number,
): Promise<unknown[]> {
  const items: unknown[] = [];
  let token: string | undefined;
  const prefix = typeof params.Prefix === 'string' ? params.Prefix : undefined;
  do {
    const page = await store.listObjects(bucket, { prefix, continuationToken: token, maxKeys: 1000 });
    for (const o of page.objects) {
      if (items.length >= max) return items;
      items.push({
        Etag: o.etag,
        Key: o.key,
        LastModified: Math.floor(o.lastModified.getTime() / 1000),
        Size: o.size,
        StorageClass: 'STANDARD',
      });
    }
    token = page.isTruncated ? page.nextContinuationToken : undefined;
  } while (token && items.length < max);
  return items;
}

async function objectItems(
  store: MapObjectStore,
  body: Buffer,
  config: Record<string, unknown>,
  max: number,
): Promise<unknown[]> {
  const type = String(config.InputType ?? 'JSON');
  if (type === 'JSON') return jsonItems(body.toString('utf8'), config.ItemsPointer, max);
  if (type === 'JSONL') return jsonLines(body.toString('utf8'), max);
  if (type === 'CSV') return csvItems(body.toString('utf8'), config, max);
  if (type === 'MANIFEST') return manifestItems(store, body.toString('utf8'), max);
  throw itemReaderFailed(
    `ReaderConfig.InputType ${type} is not supported: use CSV, JSON, JSONL or MANIFEST.`,
  );
}

function jsonItems(source: string, pointer: unknown, max: number): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    throw itemReaderFailed('The object is not valid JSON.');
  }
  // ReaderConfig.ItemsPointer (a JSON Pointer) selects the array inside a JSON object.
  if (typeof pointer === 'string' && pointer !== '') {
    for (const part of pointer.split('/').slice(1)) {
      const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
    }
  }
  if (!Array.isArray(value)) throw itemReaderFailed('The JSON object must be an array of items.');
  return value.slice(0, max === Infinity ? undefined : max);
}

function jsonLines(source: string, max: number): unknown[] {
  const items: unknown[] = [];
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length && items.length < max; i++) {
    if (lines[i].trim() === '') continue;
    try {
      items.push(JSON.parse(lines[i]));
    } catch {
      throw itemReaderFailed(`Line ${i + 1} of the JSONL object is not valid JSON.`);
    }
  }
  return items;
}

function csvItems(source: string, config: Record<string, unknown>, max: number): unknown[] {
  const delimiterName = String(config.CSVDelimiter ?? 'COMMA');
  const delimiter = CSV_DELIMITERS[delimiterName];
  if (!delimiter)
    throw itemReaderFailed(
      `CSVDelimiter ${delimiterName} is not one of ${Object.keys(CSV_DELIMITERS).join(', ')}.`,
    );
  const given = config.CSVHeaderLocation === 'GIVEN';
  const rows = parseCsv(source, delimiter, given ? max : max + 1);
  let headers: string[];
  if (given) {
    if (!Array.isArray(config.CSVHeaders))
      throw itemReaderFailed('CSVHeaders must list the column names when CSVHeaderLocation is GIVEN.');
    headers = config.CSVHeaders.map(String);
  } else {
    headers = rows.shift() ?? [];
  }
  return rows.map((row) => {
    if (row.length > headers.length) {
      throw itemReaderFailed(
        `A CSV row has ${row.length} fields but the header names ${headers.length} columns.`,
      );
    }
    // Every value is a string; a missing trailing field is an empty string.
    return Object.fromEntries(headers.map((name, i) => [name, row[i] ?? '']));
  });
}

/** An S3 Inventory manifest.json: each listed CSV file (gzipped or not) gives rows named by fileSchema. */
async function manifestItems(store: MapObjectStore, source: string, max: number): Promise<unknown[]> {
  let manifest: {
    destinationBucket?: string;
    fileFormat?: string;
    fileSchema?: string;
    files?: { key: string }[];
  };
  try {
    manifest = JSON.parse(source) as typeof manifest;
  } catch {
    throw itemReaderFailed('The manifest is not valid JSON.');
  }
  if ((manifest.fileFormat ?? 'CSV') !== 'CSV')
    throw itemReaderFailed(`Inventory format ${manifest.fileFormat} is not supported: use CSV.`);
  const columns = (manifest.fileSchema ?? 'Bucket, Key').split(',').map((c) => c.trim());
  const bucket = (manifest.destinationBucket ?? '').replace(/^arn:[^:]*:s3:::/, '');
  const items: unknown[] = [];
  for (const file of manifest.files ?? []) {
    let body = (await store.getObject(bucket, file.key)).body;
    if (file.key.endsWith('.gz')) body = gunzipSync(body);
    for (const row of parseCsv(body.toString('utf8'), ',', max - items.length)) {
      items.push(Object.fromEntries(columns.map((name, i) => [name, row[i] ?? ''])));
    }
    if (items.length >= max) break;
  }
  return items;
}
