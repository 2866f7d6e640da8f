// IP address and CIDR matching, with aws/event-ruler's validation messages. Addresses are compared as
// fixed-width hex strings (8 digits for IPv4, 32 for IPv6) so a range check is two string compares.
// Like event-ruler, the range starts at the address as written (its host bits are not cleared).
import { isIPv4, isIPv6 } from 'node:net';
import { PatternError } from './errors.js';

/** An inclusive range of addresses of one family, as hex strings of equal width. */
export interface IpRange {
  low: string;
  high: string;
}

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** True when the text has the shape event-ruler treats as an IP address literal. */
export function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function v4Hex(text: string): string {
  return text
    .split('.')
    .map((part) => Number(part).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

function v6Hex(text: string): string {
  let groups: string[];
  const tail = text.split('::');
  if (tail.length === 2) {
    const head = tail[0] ? tail[0].split(':') : [];
    const rest = tail[1] ? tail[1].split(':') : [];
    groups = [...head, ...Array<string>(8 - head.length - rest.length).fill('0'), ...rest];
  } else groups = text.split(':');
  return groups
    .map((g) => g.padStart(4, '0'))
    .join('')
    .toUpperCase();
}

/** The hex form of an IP literal, or undefined when the text is not one. */
export function ipToHex(text: string): string | undefined {
  if (!looksLikeIp(text)) return undefined;
  if (isIPv4(text)) return v4Hex(text);
  if (isIPv6(text)) return v6Hex(text);
  return undefined;
}

function addressHex(text: string): string {
  if (!looksLikeIp(text)) throw new PatternError(`Nonstandard IP address: ${text}`);
  const hex = ipToHex(text);
  if (hex === undefined) throw new PatternError(`Invalid IP address: ${text}`);
  return hex;
}

/** Parse a `cidr` pattern value; throws PatternError with AWS's message. */
export function parseCidr(cidr: string): IpRange {
  // Java's String.split drops trailing empty parts, so "10.0.0.0/" has one part.
  const parts = cidr.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) throw new PatternError("Malformed CIDR, one '/' required");
  if (!/^[+-]?\d+$/.test(parts[1]) || Math.abs(Number(parts[1])) > 2147483647) {
    throw new PatternError('Malformed CIDR, mask bits must be an integer');
  }
  const bits = Number(parts[1]);
  if (bits < 0) throw new PatternError('Malformed CIDR, mask bits must not be negative');
  const low = addressHex(parts[0]);
  const width = low.length * 4;
  if (width === 32 && bits > 31) throw new PatternError('IPv4 mask bits must be < 32');
  if (width === 128 && bits > 127) throw new PatternError('IPv6 mask bits must be < 128');
  const hostBits = BigInt(width - bits);
  const value = BigInt('0x' + low) | ((1n << hostBits) - 1n);
  return { low, high: value.toString(16).toUpperCase().padStart(low.length, '0') };
}

/** True when an event string is an IP address inside the range. */
export function ipInRange(range: IpRange, hex: string | undefined): boolean {
  return hex !== undefined && hex.length === range.low.length && hex >= range.low && hex <= range.high;
}
