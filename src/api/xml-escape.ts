// XML text escaping for the XML protocols (S3, the SQS query protocol).

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/** Escapes text for XML element content or attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ENTITIES[c]);
}
