// An event's UTF-16 code units copied into a reusable typed array, for the event scanner to read.
// String#charCodeAt re-dispatches on the string's representation on every call in optimized code, and
// events cut out of a larger text (split lines, request bodies) are sliced strings, which take two
// rounds of that: profiling the numeric benchmark put most of its time in charCodeAt. One bulk copy
// per event (Buffer#write, native) and plain typed-array reads cost a fraction of it.

/** Buffer writes UTF-16 little-endian; the typed array reads in the platform's byte order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A reusable copy of one text's code units, ended by a 0 (never valid unescaped in JSON). */
export class CodeUnits {
  /** The code units of the last text loaded, then 0; stale beyond that. */
  codes = new Uint16Array(1024);
  private bytes = Buffer.from(this.codes.buffer);

  /** Copy `text` in (growing as needed) and return the array: `codes[i] === text.charCodeAt(i)`. */
  load(text: string): Uint16Array {
    const n = text.length;
    if (n >= this.codes.length) {
      let size = this.codes.length * 2;
      while (size <= n) size *= 2;
      this.codes = new Uint16Array(size);
      this.bytes = Buffer.from(this.codes.buffer);
    }
    const codes = this.codes;
    // utf16le copies code units as they are (lone surrogates included), with no validation pass.
    if (LITTLE_ENDIAN) this.bytes.write(text, 0, 'utf16le');
    else for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
    codes[n] = 0;
    return codes;
  }
}
