// HTTP Range for GetObject: one `bytes=first-last`, `bytes=first-` or `bytes=-suffix` range
// (https://www.rfc-editor.org/rfc/rfc9110#name-range). S3 serves a single range; a header it cannot
// parse, or one with several ranges, is ignored and the whole object is sent, as RFC 9110 allows.

/** A satisfiable range: inclusive byte offsets. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The range to serve, `undefined` to serve everything, or `unsatisfiable` (416 InvalidRange). */
export function resolveRange(header: string, size: number): ByteRange | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  // An explicit last byte before the first makes the header invalid: ignored (RFC 9110 14.1.1).
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  const end = m[2] === '' ? size - 1 : Number(m[2]);
  return { start, end: Math.min(end, size - 1) };
}
