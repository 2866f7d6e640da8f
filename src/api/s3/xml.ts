// The XML S3 speaks, with no dependency: a writer for the fixed response shapes and a reader for the one
// request body eddy parses (DeleteObjects' <Delete>). Responses follow
// https://docs.aws.amazon.com/AmazonS3/latest/API/ (namespace http://s3.amazonaws.com/doc/2006-03-01/).
import { escapeXml } from '../xml-escape.js';

export { escapeXml };

/** S3's XML namespace. */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** An element tree node: text, a list of children, or nothing (the element is left out). */
export type XmlValue = string | number | boolean | XmlNode[] | undefined;
/** One element. */
export type XmlNode = [name: string, value: XmlValue];

function write(nodes: XmlNode[]): string {
  let out = '';
  for (const [name, value] of nodes) {
    if (value === undefined) continue;
    const inner = Array.isArray(value) ? write(value) : escapeXml(String(value));
    out += `<${name}>${inner}</${name}>`;
  }
  return out;
}

/** A whole document: the declaration and one root element (with the S3 namespace unless told not to). */
export function xmlDocument(root: string, children: XmlNode[] | string, namespace = true): string {
  const ns = namespace ? ` xmlns="${S3_NAMESPACE}"` : '';
  const inner = typeof children === 'string' ? escapeXml(children) : write(children);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${inner}</${root}>`;
}

/** Decodes the five predefined entities and numeric character references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity]!;
  });
}

/** The text of each `<name>` element in `xml` (not nested ones of the same name; S3 bodies have none). */
export function elementTexts(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}(?:\\s[^>]*)?/>`, 'g');
  return [...xml.matchAll(pattern)].map((m) => m[1] ?? '');
}
