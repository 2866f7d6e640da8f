// Malformed requests for every API eddy serves, built over the adapter catalogue: AWS JSON by
// X-Amz-Target, SQS's query protocol, Lambda and Pipes REST, S3 path-style, eddy's /_eddy/ endpoints,
// and random method/path/header combinations.
import fc from 'fast-check';
import { jsonBody, PROTO_KEYS } from './bodies.js';
import type { Catalogue, RestPattern } from './catalogue.js';
import type { RawRequest } from './http.js';

/** One fuzz case: the API family it aims at (for counting) and the request. */
export interface FuzzCase {
  api: string;
  request: RawRequest;
}

/** Resource names the fuzz fixture declares, so some requests get past "not found" into validation. */
export const FUZZ_NAMES = {
  queue: 'fuzz-queue',
  fn: 'fuzz-fn',
  machine: 'fuzz-machine',
  pipe: 'fuzz-pipe',
  bucket: 'fuzz-bucket',
  bus: 'fuzz-bus',
};

const ODD_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS', 'PROPFIND', 'TRACE', 'FOO'];

/** Path segments: real names, traversal, bad percent-encoding, control bytes, long and unicode. */
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...Object.values(FUZZ_NAMES)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2e%2f',
      '%zz',
      '%',
      '%00',
      '%c0%ae',
      '%ff',
      '~',
      ';',
      'a%2Fb',
      '__proto__',
      'constructor',
      'x'.repeat(2000),
      'é',
      '%E2%82',
      'arn:aws:pipes:us-east-1:000000000000:pipe/fuzz-pipe',
    ),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{0,20}$/) },
);

const queryString = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?',
    '?&&=',
    '?a=%zz',
    '?Limit=-1',
    '?Limit=abc&NextToken=%%',
    '?tagKeys=__proto__&tagKeys=',
    '?list-type=2&max-keys=abc',
    '?list-type=2&continuation-token=!!!',
    '?delete',
    '?uploads',
    '?uploadId=x&partNumber=0',
    '?uploadId=&partNumber=99999999999',
    '?prefix=../&delimiter=',
    '?limit=abc&pattern={',
    '?pattern=%7B%22source%22%3A1%7D',
    '?traceId=&from=-5',
    '?limit=1e9&before=NaN',
    '?__proto__[x]=1',
  ),
  fc.webQueryParameters().map((q) => `?${q}`),
);

function fill(pattern: string, segments: string[]): string {
  let i = 0;
  return pattern.replace(/\{\w+\+?\}/g, () => segments[i++ % segments.length] ?? 'x');
}

const contentType = (own: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(own) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        'text/plain',
        'application/json',
        'application/x-amz-json-1.0',
        'application/x-amz-json-1.1',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '\u00e9/\u00e9',
      ),
    },
  );

function headers(type: string, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { ...extra };
  if (type !== '') out['content-type'] = type;
  return out;
}

/** AWS JSON 1.0/1.1 requests: known operations with bad bodies, unknown operations and targets. */
function jsonCases(catalogue: Catalogue): fc.Arbitrary<FuzzCase>[] {
  return catalogue.json.map((service) => {
    const target = fc.oneof(
      {
        weight: 12,
        arbitrary: fc.constantFrom(...service.operations).map((op) => `${service.prefix}.${op}`),
      },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(...PROTO_KEYS, '', 'Nope', 'putEvents', ' PutEvents')
          .map((op) => `${service.prefix}.${op}`),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom('', '.', 'AWSEvents', 'Unknown.Op', `${service.prefix}`, '__proto__.x'),
      },
    );
    return fc
      .record({
        target,
        type: contentType(`application/x-amz-json-${service.version}`),
        body: jsonBody(),
        path: fc.oneof(
          { weight: 8, arbitrary: fc.constant('/') },
          { weight: 1, arbitrary: segment.map((s) => `/${s}`) },
        ),
        method: fc.oneof(
          { weight: 8, arbitrary: fc.constant('POST') },
          { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) },
        ),
      })
      .map(({ target, type, body, path, method }) => ({
        api: service.prefix,
        request: { method, path, headers: headers(type, { 'x-amz-target': target }), body },
      }));
  });
}

const QUERY_KEYS = [
  'QueueName',
  'QueueUrl',
  'Attribute.1.Name',
  'Attribute.1.Value',
  'Attribute.2.Name',
  'MessageBody',
  'MessageAttribute.1.Name',
  'MessageAttribute.1.Value.DataType',
  'MessageAttribute.1.Value.StringValue',
  'MessageAttribute.1.Value.BinaryValue',
  'SendMessageBatchRequestEntry.1.Id',
  'SendMessageBatchRequestEntry.1.MessageBody',
  'DeleteMessageBatchRequestEntry.1.ReceiptHandle',
  'AttributeName.1',
  'MessageAttributeName.1',
  'Tag.1.Key',
  'Tag.1.Value',
  'TagKey.1',
  'MaxNumberOfMessages',
  'VisibilityTimeout',
  'DelaySeconds',
  'ReceiptHandle',
  'MaxResults',
  'NextToken',
  'Attribute.99999999999999999999.Name',
  'Attribute..Name',
  'Attribute.1',
  '.',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'Attribute.__proto__.Name',
  'MessageAttribute.1.Value.__proto__',
  'Version',
];

/** SQS query-protocol requests: form bodies with unknown actions and odd flattened members. */
function queryCases(catalogue: Catalogue): fc.Arbitrary<FuzzCase> {
  const actions = catalogue.json.find((s) => s.prefix === 'AmazonSQS')?.operations ?? [];
  const param = fc.tuple(
    fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })),
    fc.oneof(
      fc.constantFrom(
        '',
        '%zz',
        '-1',
        'abc',
        '1e9',
        'x'.repeat(300_000),
        `${FUZZ_NAMES.queue}`,
        'String',
        'Binary',
      ),
      fc.string({ maxLength: 20 }),
    ),
  );
  return fc
    .record({
      action: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...actions) },
        { weight: 1, arbitrary: fc.constantFrom('', 'Nope', ...PROTO_KEYS) },
      ),
      params: fc.array(param, { maxLength: 8 }),
      path: fc.constantFrom('/', `/000000000000/${FUZZ_NAMES.queue}`, '/000000000000/nope', '/%zz/%zz'),
      raw: fc.boolean(),
      type: contentType('application/x-www-form-urlencoded'),
    })
    .map(({ action, params, path, raw, type }) => {
      const form = new URLSearchParams([['Action', action], ...params]).toString();
      // Some bodies are written by hand so that broken percent-escapes reach the decoder as sent.
      const body = raw ? `Action=${action}&${params.map(([k, v]) => `${k}=${v}`).join('&')}` : form;
      return {
        api: 'sqs-query',
        request: { method: 'POST', path, headers: headers(type), body: Buffer.from(body) },
      };
    });
}

/** REST requests on declared routes: bad path parameters, methods, query strings, headers and bodies. */
function restCases(
  api: string,
  routes: RestPattern[],
  extraHeaders: fc.Arbitrary<Record<string, string>>,
): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      segments: fc.array(segment, { minLength: 1, maxLength: 3 }),
      method: fc.oneof(
        { weight: 6, arbitrary: fc.constant('') },
        { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) },
      ),
      query: queryString,
      type: contentType('application/json'),
      extra: extraHeaders,
      body: jsonBody(),
    })
    .map(({ route, segments, method, query, type, extra, body }) => {
      const m = method || route.method;
      return {
        api,
        request: {
          method: m,
          path: fill(route.path, segments) + query,
          headers: headers(type, extra),
          body: m === 'HEAD' ? Buffer.alloc(0) : body,
        },
      };
    });
}

const lambdaHeaders = fc.record(
  {
    'x-amz-invocation-type': fc.constantFrom(
      'RequestResponse',
      'Event',
      'DryRun',
      'event',
      '',
      'X'.repeat(100),
    ),
    'x-amz-log-type': fc.constantFrom('Tail', 'None', 'tail', ''),
    'x-amz-client-context': fc.constantFrom(
      '!!notbase64',
      'e30=',
      Buffer.from('{"custom":').toString('base64'),
    ),
  },
  { requiredKeys: [] },
);

const s3Headers = fc.record(
  {
    range: fc.constantFrom(
      'bytes=abc',
      'bytes=10-5',
      'bytes=-0',
      'bytes=0-99999999999999999999',
      'items=1-2',
      'bytes=1-2,3-4',
    ),
    'x-amz-copy-source': fc.constantFrom(
      `/${FUZZ_NAMES.bucket}/../../etc/passwd`,
      '%zz',
      '/nope/x',
      `${FUZZ_NAMES.bucket}/`,
    ),
    'content-md5': fc.constantFrom('notbase64', 'AAAA', ''),
    'x-amz-content-sha256': fc.constantFrom(
      'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'nothex',
    ),
    'content-encoding': fc.constantFrom('aws-chunked', 'gzip', 'aws-chunked,gzip'),
    'x-amz-meta-x': fc.constantFrom('', 'é'),
    'if-match': fc.constantFrom('"', '*', ''),
    'if-modified-since': fc.constantFrom('not a date', ''),
    host: fc.constantFrom(`${FUZZ_NAMES.bucket}.localhost`, 'localhost', '..localhost', '%.localhost'),
  },
  { requiredKeys: [] },
);

const XML_BODIES = [
  '<Delete><Object><Key>a</Key></Object>',
  '<Delete><Object><Key>../../etc/passwd</Key></Object></Delete>',
  '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><Delete><Object><Key>&e;</Key></Object></Delete>',
  '<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>"</ETag></Part></CompleteMultipartUpload>',
  `<Delete>${'<Object>'.repeat(10_000)}</Delete>`,
  '5\r\nabc\r\n0\r\n',
  'zz;chunk-signature=x\r\nabc',
  'ffffffff\r\nabc\r\n',
];

/** S3 path-style requests: keys that try to escape, bad query flags and headers, broken XML. */
function s3Cases(catalogue: Catalogue): fc.Arbitrary<FuzzCase> {
  const routes = catalogue.rest.filter((r) => r.path === '/' || r.path.startsWith('/{bucket}'));
  return fc
    .tuple(restCases('s3', routes, s3Headers), fc.option(fc.constantFrom(...XML_BODIES), { freq: 3 }))
    .map(([c, xml]) =>
      xml === null || c.request.method === 'HEAD'
        ? c
        : { ...c, request: { ...c.request, body: Buffer.from(xml) } },
    );
}

/** Values for eddy's query parameters and headers: numbers out of range, times, durations, patterns. */
const EDDY_VALUES = [
  '',
  '0',
  '-1',
  '1',
  '1.5',
  '1e400',
  '-1e400',
  'NaN',
  'Infinity',
  '0x10',
  '99999999999999999999999',
  '999999999999',
  '9999999999999999d',
  '-5m',
  '10m',
  ' 10m',
  '0ms',
  'seq:5',
  '2026-13-45T99:99:99Z',
  '1970-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '%zz',
  '%00',
  'é',
  '__proto__',
  'constructor',
  '{',
  '[]',
  'null',
  '"text"',
  '{"source":["a"]}',
  '{"source":[{"prefix":1}]}',
  '{"detail":{"n":[{"numeric":[">",1e400]}]}}',
  '{"__proto__":{"polluted":1}}',
  '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
  '[' + '['.repeat(10_000),
  'x'.repeat(5000),
];

/** eddy's own endpoints from the catalogue: their parameters with odd values, repeated, or unknown. */
function eddyCases(catalogue: Catalogue): fc.Arbitrary<FuzzCase> {
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...EDDY_VALUES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  return fc
    .record({
      endpoint: fc.constantFrom(...catalogue.eddy),
      variant: fc.oneof(
        { weight: 8, arbitrary: fc.constant('') },
        { weight: 1, arbitrary: fc.constantFrom('/', '/x', '%2e', '/../health', '%00') },
      ),
      params: fc.array(fc.tuple(fc.nat(), value), { maxLength: 4 }),
      header: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...EDDY_VALUES)), { freq: 3 }),
      extraQuery: fc.option(queryString, { freq: 4 }),
      method: fc.oneof(
        { weight: 4, arbitrary: fc.constant('GET') },
        { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) },
      ),
      body: jsonBody(),
    })
    .map(({ endpoint, variant, params, header, extraQuery, method, body }) => {
      // Mostly the endpoint's own parameters (percent-encoded, so the value arrives as chosen).
      const names = endpoint.params.length > 0 ? endpoint.params : ['x'];
      const query = params
        .map(([i, v]) => `${encodeURIComponent(names[i % names.length])}=${encodeURIComponent(v)}`)
        .join('&');
      const path = endpoint.path + variant;
      const headers: Record<string, string> = {};
      if (header && endpoint.headers.length > 0) {
        headers[endpoint.headers[header[0] % endpoint.headers.length]] = header[1];
      }
      return {
        api: 'eddy',
        request: {
          method,
          path: path + (extraQuery ?? (query ? `?${query}` : '')),
          headers,
          body: method === 'HEAD' || method === 'GET' ? Buffer.alloc(0) : body,
        },
      };
    });
}

/** Random method, path and headers, aimed at nothing in particular (and at the Host/Origin guard). */
const randomCases: fc.Arbitrary<FuzzCase> = fc
  .record({
    method: fc.constantFrom(...ODD_METHODS),
    path: fc.oneof(
      fc.webPath(),
      fc.array(segment, { maxLength: 5 }).map((s) => '/' + s.join('/')),
    ),
    query: queryString,
    origin: fc.option(fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1:1'), { freq: 4 }),
    host: fc.option(fc.constantFrom('evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', '[::1]'), {
      freq: 4,
    }),
    target: fc.option(fc.string({ maxLength: 30 }), { freq: 4 }),
    body: jsonBody(),
  })
  .map(({ method, path, query, origin, host, target, body }) => {
    const h: Record<string, string> = {};
    if (origin) h.origin = origin;
    if (host) h.host = host;
    if (target) h['x-amz-target'] = target;
    return {
      api: 'random',
      request: {
        method,
        path: (path || '/') + query,
        headers: h,
        body: method === 'HEAD' ? Buffer.alloc(0) : body,
      },
    };
  });

/** Every family of malformed request, weighted so each API gets a fair share. */
export function fuzzCase(catalogue: Catalogue): fc.Arbitrary<FuzzCase> {
  const lambdaRoutes = catalogue.rest.filter((r) => r.path.startsWith('/2015-03-31/'));
  const pipesRoutes = catalogue.rest.filter(
    (r) => r.path.startsWith('/v1/pipes') || r.path.startsWith('/tags/'),
  );
  return fc.oneof(
    ...jsonCases(catalogue).map((arbitrary) => ({ weight: 3, arbitrary })),
    { weight: 2, arbitrary: queryCases(catalogue) },
    { weight: 2, arbitrary: restCases('lambda', lambdaRoutes, lambdaHeaders) },
    { weight: 2, arbitrary: restCases('pipes', pipesRoutes, fc.constant({})) },
    { weight: 3, arbitrary: s3Cases(catalogue) },
    { weight: 2, arbitrary: eddyCases(catalogue) },
    { weight: 1, arbitrary: randomCases },
  );
}
