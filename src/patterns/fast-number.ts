// Reads a JSON number from event text without Number()'s slow path. V8 converts long decimals (the 17
// significant digits of GeoJSON coordinates) through an arbitrary-precision fallback, which dominated
// the numeric benchmark. Numbers only ever take part in matching at six decimals (see numeric.ts), so
// the reader may return any number that quantizes exactly as Number(text) does.

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** Below this, a decimal is read straight into micro-units (see read). */
const WHOLE_LIMIT = 1e6;

/** Reads numbers; `end` is where the last one read stopped. */
export class NumberReader {
  /** The number read last: a field, not a return value, so that no call boxes a double. */
  value = 0;
  /** Where the number read last ended. */
  end = 0;

  /**
   * Read into `value` the number whose text starts at `start` of the code units `text` (see CodeUnits;
   * NaN when the text there is not a JSON number), or one that quantizes to the same six decimals. Small decimals (the
   * common case: coordinates, prices) are rounded to six decimals from their digits, small integers
   * only (no float arithmetic per digit); the rest takes the general path.
   */
  read(text: Uint16Array, start: number): void {
    let i = start;
    let c = text[i];
    const negative = c === 45;
    if (negative) c = text[++i];
    const first = i;
    let whole = 0;
    while (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      c = text[++i];
    }
    if (i === first || whole >= WHOLE_LIMIT) {
      this.value = this.general(text, start);
      return;
    }
    // Decimals 1 to 6 and 7 to 12 as two small integers (int32 arithmetic, no division or modulo);
    // later decimals cannot move the rounding (see below).
    let micro = 0;
    let rest = 0;
    if (c === 46) {
      let stop = i + 7;
      c = text[++i];
      while (c >= 48 && c <= 57 && i < stop) {
        micro = micro * 10 + (c - 48);
        c = text[++i];
      }
      if (i < stop) micro *= POW10[stop - i];
      else {
        stop = i + 6;
        while (c >= 48 && c <= 57 && i < stop) {
          rest = rest * 10 + (c - 48);
          c = text[++i];
        }
        if (i < stop) rest *= POW10[stop - i];
        else while (c >= 48 && c <= 57) c = text[++i];
      }
    }
    if (c === 101 || c === 69 || c === 46 || c === 43 || c === 45) {
      this.value = this.general(text, start);
      return;
    }
    this.end = i;
    // Number(text) * 1e6 is off from the exact decimal by less than 3e-4 here (two roundings of at most
    // 2^-53 relative each on a value below 1e12), so Math.round agrees with rounding the digits unless
    // the dropped part (decimals 7 on, known to 1e-6 from decimals 7 to 12) may be within that of a
    // half: 0.4996..0.5004 go the long way (0.08% of long decimals; nine decimals made it 0.4%).
    if (micro === 0 && rest === 0) this.value = negative ? -whole : whole;
    else if (rest >= 499_600 && rest <= 500_400) this.value = this.general(text, start);
    else {
      const units = whole * 1e6 + micro + (rest >= 500_000 ? 1 : 0);
      this.value = (negative ? -units : units) / 1e6;
    }
  }

  /** Number() of the text, for the rare shapes the fast reads leave alone. */
  private slow(text: Uint16Array, start: number, end: number): number {
    this.end = end;
    return Number(String.fromCharCode(...text.subarray(start, end)));
  }

  /** Any JSON number: exact up to 15 digits, an approximation with the same six decimals beyond. */
  private general(text: Uint16Array, start: number): number {
    let i = start;
    let c = text[i];
    const negative = c === 45;
    if (negative) c = text[++i];
    const first = i;
    // Digits accumulate while the mantissa stays below 1e15 (exact in a double); the rest only scale.
    let mantissa = 0;
    let scale = 0;
    let exact = true;
    while (c >= 48 && c <= 57) {
      if (mantissa < 1e14) mantissa = mantissa * 10 + (c - 48);
      else {
        exact = false;
        scale++;
      }
      c = text[++i];
    }
    if (i === first) {
      this.end = i;
      return NaN;
    }
    if (c === 46) {
      c = text[++i];
      while (c >= 48 && c <= 57) {
        if (mantissa < 1e14) {
          mantissa = mantissa * 10 + (c - 48);
          scale--;
        } else exact = false;
        c = text[++i];
      }
    }
    if (c === 101 || c === 69 || c === 46 || c === 43 || c === 45) {
      // Exponents (and anything odd): find the end, let Number() decide.
      while (c === 101 || c === 69 || c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57)) c = text[++i];
      this.end = i;
      return this.slow(text, start, i);
    }
    this.end = i;
    if (scale > 22 || scale < -22) return this.slow(text, start, i);
    let value = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
    if (negative) value = -value;
    if (exact) return value;
    // Truncated: keep it only when it cannot round differently at six decimals. Below 1e12 micro-units
    // the dropped digits are worth less than 1e-3 of one (15 digits kept), Number's own rounding
    // less than 3e-4: a half closer than 2e-3 could go either way (1e-3 was too tight, a property test
    // found 100000.1731684999999).
    const shifted = Math.abs(value) * 1e6;
    const fraction = shifted - Math.floor(shifted);
    return shifted < 1e12 && Math.abs(fraction - 0.5) > 2e-3 ? value : this.slow(text, start, i);
  }
}
