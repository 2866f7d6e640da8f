// Reads a JSON number from event text without Number()'s slow path. V8 converts long decimals (the 17
// significant digits of GeoJSON coordinates) through an arbitrary-precision fallback, which dominated
// the numeric benchmark. Numbers only ever take part in matching at six decimals (see numeric.ts), so
// an approximation is returned only when it provably rounds to the same six decimals; otherwise, and
// whenever the value is exact anyway (up to 15 digits), the result equals Number(text).

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** The number in `text[start, end)` (valid JSON number syntax assumed; NaN when it is not a number). */
export function readNumber(text: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (text.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits < 15) {
        mantissa = mantissa * 10 + (c - 48);
        if (mantissa > 0) digits++;
        if (seenDot) scale--;
      } else if (!seenDot) scale++;
    } else if (c === 46 && !seenDot) seenDot = true;
    else return Number(text.slice(start, end));
  }
  let value: number;
  if (scale >= 0) value = scale <= 22 ? mantissa * POW10[scale] : Number(text.slice(start, end));
  else value = -scale <= 22 ? mantissa / POW10[-scale] : Number(text.slice(start, end));
  if (negative) value = -value;
  if (digits < 15 || value !== value) return value;
  // Truncated to 15 digits: keep it only when it cannot round differently at six decimals.
  const shifted = Math.abs(value) * 1e6;
  const fraction = shifted - Math.floor(shifted);
  return shifted < 1e12 && Math.abs(fraction - 0.5) > 1e-3 ? value : Number(text.slice(start, end));
}
