// Physical names as CloudFormation generates them when a template gives none.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html
import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A deterministic 12-char uppercase suffix for `stack` + `logicalId`, stable across reloads. */
export function nameSuffix(stackName: string, logicalId: string, length = 12): string {
  const digest = createHash('sha256').update(`${stackName}/${logicalId}`).digest();
  let suffix = '';
  for (let i = 0; i < length; i++) suffix += ALPHABET[digest[i] % ALPHABET.length];
  return suffix;
}

/** Options of a generated name. */
export interface GeneratedNameOptions {
  /** The service's name length limit (CloudFormation shortens the stack and logical id to fit). */
  maxLength?: number;
  /** Appended after the suffix (FIFO queues must end in `.fifo`). */
  ending?: string;
  /** S3 bucket names are lowercase. */
  lowercase?: boolean;
}

/** `<stack>-<LogicalId>-<SUFFIX>`, shortened to the service's limit like CloudFormation does. */
export function generatedName(
  stackName: string,
  logicalId: string,
  options: GeneratedNameOptions = {},
): string {
  const ending = options.ending ?? '';
  const suffix = nameSuffix(stackName, logicalId);
  const max = options.maxLength ?? 64;
  let stack = stackName;
  let id = logicalId;
  const room = max - suffix.length - ending.length - 2;
  if (stack.length + id.length > room) {
    // Keep both parts visible: give each at most half of the room, then let one use what is left.
    const half = Math.floor(room / 2);
    if (stack.length > half && id.length > half) {
      stack = stack.slice(0, half);
      id = id.slice(0, room - half);
    } else if (stack.length > half) stack = stack.slice(0, room - id.length);
    else id = id.slice(0, room - stack.length);
  }
  const name = `${stack}-${id}-${suffix}${ending}`;
  return options.lowercase ? name.toLowerCase() : name;
}

/** The name part of an ARN or a plain name (`arn:...:event-bus/orders` → `orders`). */
export function nameFromArn(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const resource = value.split(':').slice(5).join(':');
  const slash = resource.lastIndexOf('/');
  if (slash >= 0) return resource.slice(slash + 1);
  const colon = resource.lastIndexOf(':');
  return colon >= 0 ? resource.slice(colon + 1) : resource;
}

/** A deterministic UUID (v4 layout) for resources AWS identifies by UUID (event source mappings). */
export function deterministicUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
