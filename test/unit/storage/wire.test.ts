// Pure pieces of the local S3: aws-chunked decoding, Range resolution, XML writing and reading.
import { describe, expect, it } from 'vitest';
import { decodeAwsChunked, isAwsChunked, storedContentEncoding } from '../../../src/api/s3/chunked.js';
import { elementTexts, escapeXml, unescapeXml, xmlDocument } from '../../../src/api/s3/xml.js';
import { resolveRange } from '../../../src/services/storage/range.js';

describe('aws-chunked bodies', () => {
  it('decodes chunks and trailers as the SDK sends them', () => {
    const body = Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
    const { payload, trailers } = decodeAwsChunked(body);
    expect(payload.toString()).toBe('hello world');
    expect(trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
  });

  it('ignores chunk signatures and keeps binary bytes, CRLFs included', () => {
    const data = Buffer.from([0, 13, 10, 255, 13, 10]);
    const body = Buffer.concat([
      Buffer.from('6;chunk-signature=abc\r\n'),
      data,
      Buffer.from('\r\n0;chunk-signature=def\r\n\r\n'),
    ]);
    expect(decodeAwsChunked(body).payload.equals(data)).toBe(true);
  });

  it('rejects a truncated body', () => {
    expect(() => decodeAwsChunked(Buffer.from('a\r\nshort'))).toThrow(/number of bytes/);
    expect(() => decodeAwsChunked(Buffer.from('zz\r\n'))).toThrow();
  });

  it('recognises aws-chunked requests and strips the encoding before storing it', () => {
    expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toBe(true);
    expect(isAwsChunked({ 'content-encoding': 'gzip,aws-chunked' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(false);
    expect(storedContentEncoding({ 'content-encoding': 'gzip, aws-chunked' })).toBe('gzip');
    expect(storedContentEncoding({ 'content-encoding': 'aws-chunked' })).toBeUndefined();
  });
});

describe('Range', () => {
  it.each([
    ['bytes=0-0', 10, { start: 0, end: 0 }],
    ['bytes=2-5', 10, { start: 2, end: 5 }],
    ['bytes=5-', 10, { start: 5, end: 9 }],
    ['bytes=-3', 10, { start: 7, end: 9 }],
    ['bytes=-30', 10, { start: 0, end: 9 }],
    ['bytes=8-100', 10, { start: 8, end: 9 }],
    ['bytes=10-', 10, 'unsatisfiable'],
    ['bytes=-0', 10, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=5-2', 10, undefined],
    ['bytes=0-1,3-4', 10, undefined],
    ['items=0-1', 10, undefined],
  ])('%s of %i bytes', (header, size, expected) => {
    expect(resolveRange(header, size)).toEqual(expected);
  });
});

describe('XML', () => {
  it('escapes text and leaves out undefined elements', () => {
    expect(escapeXml(`a<b>&"c'\r`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;&#13;');
    const doc = xmlDocument('Root', [
      ['A', 'x&y'],
      ['B', undefined],
      ['C', [['D', 1]]],
    ]);
    expect(doc).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Root xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><A>x&amp;y</A><C><D>1</D></C></Root>',
    );
  });

  it('reads element texts, with attributes and entities', () => {
    const xml =
      '<Delete xmlns="x"><Object><Key>a&amp;b</Key></Object><Object><Key>&#x1F600;&#65;</Key></Object></Delete>';
    const [root] = elementTexts(xml, 'Delete');
    const keys = elementTexts(root, 'Object').map((o) => unescapeXml(elementTexts(o, 'Key')[0]));
    expect(keys).toEqual(['a&b', '😀A']);
    expect(elementTexts('<Quiet/>', 'Quiet')).toEqual(['']);
  });
});
