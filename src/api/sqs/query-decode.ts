// The older SQS query protocol's requests: form-encoded `Action=...` with flattened members
// (`Attribute.1.Name`, `MessageAttribute.1.Value.StringValue`, `SendMessageBatchRequestEntry.2.Id`), turned
// into the JSON API's input shapes so the same operations serve both protocols
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html).

type Tree = { [key: string]: Tree | string };

/** Members that are numbers in the JSON API. */
const NUMBERS = new Set([
  'DelaySeconds',
  'MaxNumberOfMessages',
  'VisibilityTimeout',
  'WaitTimeSeconds',
  'MaxResults',
  'MaxNumberOfMessagesPerSecond',
]);

/** Flattened list members and the JSON member each becomes. */
const LISTS: Record<string, string> = {
  AttributeName: 'AttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  TagKey: 'TagKeys',
};

/**
 * Builds a tree from dotted keys: `A.1.B=x` → { A: { 1: { B: 'x' } } }. Nodes have no prototype, so a
 * key such as `__proto__.x` makes an ordinary member instead of writing onto Object.prototype.
 */
function toTree(params: URLSearchParams): Tree {
  const root: Tree = Object.create(null) as Tree;
  for (const [key, value] of params) {
    const parts = key.split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]];
      node = typeof next === 'object' ? next : (node[parts[i]] = Object.create(null) as Tree);
    }
    node[parts[parts.length - 1]] = value;
  }
  return root;
}

/** The numbered children of a node, in order. */
function items(node: Tree | string | undefined): Tree[] {
  if (!node || typeof node === 'string') return [];
  return Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k])
    .filter((v): v is Tree => typeof v === 'object');
}

function values(node: Tree | string | undefined): string[] {
  if (!node || typeof node === 'string') return [];
  return Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k])
    .filter((v): v is string => typeof v === 'string');
}

function messageAttributes(node: Tree | string | undefined): Record<string, unknown> | undefined {
  const list = items(node);
  if (list.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const item of list) {
    const value = typeof item.Value === 'object' ? item.Value : {};
    out[String(item.Name)] = { ...value };
  }
  return out;
}

function pairs(
  node: Tree | string | undefined,
  key: string,
  value: string,
): Record<string, string> | undefined {
  const list = items(node);
  if (list.length === 0) return undefined;
  return Object.fromEntries(list.map((i) => [String(i[key]), String(i[value] ?? '')]));
}

/** One level of members (a request or a batch entry) in the JSON API's shape. */
function members(tree: Tree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(tree)) {
    if (LISTS[key]) out[LISTS[key]] = values(node);
    else if (key === 'Attribute') out.Attributes = pairs(node, 'Name', 'Value');
    else if (key === 'Tag') out.Tags = pairs(node, 'Key', 'Value');
    else if (key === 'MessageAttribute') out.MessageAttributes = messageAttributes(node);
    else if (key === 'MessageSystemAttribute') out.MessageSystemAttributes = messageAttributes(node);
    else if (key.endsWith('RequestEntry')) out.Entries = items(node).map(members);
    else if (typeof node === 'string') out[key] = NUMBERS.has(key) && node !== '' ? Number(node) : node;
  }
  return out;
}

/** The action and its input, from a query-protocol request's parameters (body and query string). */
export function decodeQueryRequest(params: URLSearchParams): {
  action: string;
  input: Record<string, unknown>;
} {
  const tree = toTree(params);
  const input = members(tree);
  const action = String(input.Action ?? '');
  delete input.Action;
  delete input.Version;
  // CreateQueue names tags `Tag.N` but the JSON member is lower-case `tags`.
  if (action === 'CreateQueue' && input.Tags) {
    input.tags = input.Tags;
    delete input.Tags;
  }
  return { action, input };
}
