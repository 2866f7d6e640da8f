// The older SQS query protocol's responses: `<ActionResponse><ActionResult>...</ActionResult>
// <ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>`, lists flattened (repeated elements,
// maps as Name/Value or Key/Value entries), errors as `<ErrorResponse>`. The shapes are fixed, so a small
// escaper is all the XML this needs.
import { escapeXml } from '../xml-escape.js';

const NS = 'http://queue.amazonaws.com/doc/2012-11-05/';

function element(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`;
}

function map(entry: string, key: string, value: string, object: Record<string, unknown>): string {
  return Object.entries(object)
    .map(([k, v]) => element(entry, element(key, escapeXml(k)) + element(value, escapeXml(String(v)))))
    .join('');
}

function messageAttributes(object: Record<string, unknown>, entry: string): string {
  return Object.entries(object)
    .map(([name, value]) =>
      element(
        entry,
        element('Name', escapeXml(name)) + element('Value', fields(value as Record<string, unknown>, '')),
      ),
    )
    .join('');
}

/** Serializes an operation's JSON output members as query-protocol XML. */
function fields(object: Record<string, unknown>, action: string): string {
  let out = '';
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || value === null) continue;
    if (key === 'Attributes') out += map('Attribute', 'Name', 'Value', value as Record<string, unknown>);
    else if (key === 'Tags') out += map('Tag', 'Key', 'Value', value as Record<string, unknown>);
    else if (key === 'MessageAttributes')
      out += messageAttributes(value as Record<string, unknown>, 'MessageAttribute');
    else if (key === 'QueueUrls' || key === 'queueUrls')
      out += (value as string[]).map((u) => element('QueueUrl', escapeXml(u))).join('');
    else if (key === 'Messages')
      out += (value as Array<Record<string, unknown>>)
        .map((m) => element('Message', fields(m, action)))
        .join('');
    else if (key === 'Successful')
      out += (value as Array<Record<string, unknown>>)
        .map((e) => element(`${action}ResultEntry`, fields(e, action)))
        .join('');
    else if (key === 'Failed')
      out += (value as Array<Record<string, unknown>>)
        .map((e) => element('BatchResultErrorEntry', fields(e, action)))
        .join('');
    else if (key === 'Results')
      out += (value as Array<Record<string, unknown>>)
        .map((e) => element(`${action}ResultEntry`, fields(e, action)))
        .join('');
    else if (typeof value === 'object') out += element(key, fields(value as Record<string, unknown>, action));
    else out += element(key, escapeXml(String(value)));
  }
  return out;
}

/** A successful query-protocol response. */
export function encodeQueryResponse(action: string, output: unknown, requestId: string): string {
  const body = output && typeof output === 'object' ? fields(output as Record<string, unknown>, action) : '';
  const result = body === '' ? '' : element(`${action}Result`, body);
  return `<?xml version="1.0"?><${action}Response xmlns="${NS}">${result}${element('ResponseMetadata', element('RequestId', requestId))}</${action}Response>`;
}

/** A query-protocol error response. */
export function encodeQueryError(code: string, message: string, sender: boolean, requestId: string): string {
  const error =
    element('Type', sender ? 'Sender' : 'Receiver') +
    element('Code', escapeXml(code)) +
    element('Message', escapeXml(message)) +
    '<Detail/>';
  return `<?xml version="1.0"?><ErrorResponse xmlns="${NS}">${element('Error', error)}${element('RequestId', requestId)}</ErrorResponse>`;
}
