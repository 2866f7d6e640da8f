// Fn::Cidr: `count` consecutive IPv4 subnets of `32 - cidrBits` prefix inside `block`.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html

/** The subnets, or undefined when the arguments cannot describe them. */
export function cidrBlocks(block: string, count: number, cidrBits: number): string[] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block.trim());
  if (!match || !Number.isInteger(count) || !Number.isInteger(cidrBits)) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  const subnetPrefix = 32 - cidrBits;
  if (octets.some((o) => o > 255) || prefix > 32 || subnetPrefix < prefix || count < 1) return undefined;
  if (count > 2 ** (subnetPrefix - prefix)) return undefined;
  const base = octets.reduce((n, o) => n * 256 + o, 0);
  const network = base - (base % 2 ** (32 - prefix));
  const size = 2 ** cidrBits;
  return Array.from({ length: count }, (_, i) => `${toDotted(network + i * size)}/${subnetPrefix}`);
}

function toDotted(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
