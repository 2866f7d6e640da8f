// A snapshot of everything a client can see through eddy's list and describe APIs, to prove that a
// rejected request changed nothing: buses, rules and their targets, archives, queues and their
// attributes, state machines and executions, functions, pipes, buckets and their objects.

type Json = Record<string, unknown>;

async function call(endpoint: string, target: string, input: Json = {}): Promise<Json> {
  const version = target.startsWith('AWSEvents.') ? '1.1' : '1.0';
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${target}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** S3 needs a signed-looking request at `/`: unsigned, `GET /` is the console page. */
const S3_AUTH =
  'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';

async function get(endpoint: string, path: string): Promise<string> {
  const res = await fetch(endpoint + path, { headers: { authorization: S3_AUTH } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return res.text();
}

/** Drops fields that change with time alone (pipe state settling, queue counters in flight). */
function stable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      ['CurrentState', 'StateReason', 'LastModifiedTime'].includes(key) ? undefined : v,
    ),
  );
}

/** Everything visible through the list/describe APIs, as one comparable value. */
export async function snapshot(endpoint: string): Promise<unknown> {
  const buses = ((await call(endpoint, 'AWSEvents.ListEventBuses')).EventBuses as Json[]) ?? [];
  const rules: Json[] = [];
  for (const bus of buses) {
    for (const rule of ((await call(endpoint, 'AWSEvents.ListRules', { EventBusName: bus.Name }))
      .Rules as Json[]) ?? []) {
      const targets = await call(endpoint, 'AWSEvents.ListTargetsByRule', {
        Rule: rule.Name,
        EventBusName: bus.Name,
      });
      rules.push({ rule, targets: targets.Targets });
    }
  }
  const archives = await call(endpoint, 'AWSEvents.ListArchives');
  const queueUrls = ((await call(endpoint, 'AmazonSQS.ListQueues')).QueueUrls as string[]) ?? [];
  const queues: Json[] = [];
  for (const url of queueUrls) {
    const attrs = await call(endpoint, 'AmazonSQS.GetQueueAttributes', {
      QueueUrl: url,
      AttributeNames: ['All'],
    });
    const tags = await call(endpoint, 'AmazonSQS.ListQueueTags', { QueueUrl: url });
    queues.push({ url, attributes: attrs.Attributes, tags: tags.Tags });
  }
  const machines =
    ((await call(endpoint, 'AWSStepFunctions.ListStateMachines')).stateMachines as Json[]) ?? [];
  const executions: Json[] = [];
  for (const machine of machines) {
    const described = await call(endpoint, 'AWSStepFunctions.DescribeStateMachine', {
      stateMachineArn: machine.stateMachineArn,
    });
    const list = await call(endpoint, 'AWSStepFunctions.ListExecutions', {
      stateMachineArn: machine.stateMachineArn,
    });
    executions.push({ definition: described.definition, executions: list.executions });
  }
  const functions = JSON.parse(await get(endpoint, '/2015-03-31/functions')) as unknown;
  const pipes = JSON.parse(await get(endpoint, '/v1/pipes')) as unknown;
  const bucketsXml = await get(endpoint, '/');
  const objects: Record<string, string> = {};
  for (const [, name] of bucketsXml.matchAll(/<Name>([^<]+)<\/Name>/g)) {
    objects[name] = (await get(endpoint, `/${name}?list-type=2`)).replace(
      /<RequestId>[^<]*<\/RequestId>/,
      '',
    );
  }
  return stable({
    buses,
    rules,
    archives,
    queues,
    machines,
    executions,
    functions,
    pipes,
    bucketsXml,
    objects,
  });
}
