import {
  CreatePipeCommand,
  DeletePipeCommand,
  DescribePipeCommand,
  ListPipesCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  PipesClient,
  StartPipeCommand,
  StopPipeCommand,
  TagResourceCommand,
  UpdatePipeCommand,
} from '@aws-sdk/client-pipes';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startQueues, type QueueHarness } from '../queues/harness.js';

const ARN = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const ROLE = 'arn:aws:iam::000000000000:role/pipes';

let h: QueueHarness;
let pipes: PipesClient;
beforeAll(async () => {
  h = await startQueues();
  pipes = new PipesClient(clientConfig(h.eddy.endpoint));
});
afterAll(async () => {
  pipes?.destroy();
  await h?.stop();
});

async function queue(name: string): Promise<string> {
  return (await h.sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
}

describe('Pipes REST API with @aws-sdk/client-pipes', () => {
  it('creates a pipe that moves filtered, transformed messages from queue to queue', async () => {
    const source = await queue('pipe-in');
    const target = await queue('pipe-out');
    const created = await pipes.send(
      new CreatePipeCommand({
        Name: 'copier',
        RoleArn: ROLE,
        Source: ARN('pipe-in'),
        Target: ARN('pipe-out'),
        SourceParameters: {
          FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { keep: [true] } }) }] },
        },
        TargetParameters: { InputTemplate: '{"copied": <$.body.n>, "from": <aws.pipes.source-arn>}' },
        Tags: { team: 'shop' },
      }),
    );
    expect(created).toMatchObject({ Name: 'copier', DesiredState: 'RUNNING', CurrentState: 'CREATING' });
    expect(created.CreationTime).toBeInstanceOf(Date);
    await h.sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: '{"keep":false,"n":1}' }));
    await h.sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: '{"keep":true,"n":2}' }));
    const got = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: target, WaitTimeSeconds: 5 }));
    expect(JSON.parse(got.Messages![0].Body!)).toEqual({ copied: 2, from: ARN('pipe-in') });
    const described = await pipes.send(new DescribePipeCommand({ Name: 'copier' }));
    expect(described).toMatchObject({
      Arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/copier',
      CurrentState: 'RUNNING',
      Source: ARN('pipe-in'),
      Target: ARN('pipe-out'),
      Tags: { team: 'shop' },
    });
    await h.eddy.waitFor((r) => r.kind === 'pipe' && r.payload.stage === 'delivered');
  });

  it('stops, starts, updates, lists, tags and deletes', async () => {
    await queue('p2-in');
    await queue('p2-out');
    await pipes.send(
      new CreatePipeCommand({
        Name: 'lifecycle',
        RoleArn: ROLE,
        Source: ARN('p2-in'),
        Target: ARN('p2-out'),
      }),
    );
    const stopped = await pipes.send(new StopPipeCommand({ Name: 'lifecycle' }));
    expect(stopped).toMatchObject({ DesiredState: 'STOPPED', CurrentState: 'STOPPING' });
    expect((await pipes.send(new DescribePipeCommand({ Name: 'lifecycle' }))).CurrentState).toBe('STOPPED');
    await pipes.send(new StartPipeCommand({ Name: 'lifecycle' }));
    expect((await pipes.send(new DescribePipeCommand({ Name: 'lifecycle' }))).CurrentState).toBe('RUNNING');
    await pipes.send(
      new UpdatePipeCommand({
        Name: 'lifecycle',
        RoleArn: ROLE,
        Description: 'updated',
        DesiredState: 'STOPPED',
      }),
    );
    expect(await pipes.send(new DescribePipeCommand({ Name: 'lifecycle' }))).toMatchObject({
      Description: 'updated',
      DesiredState: 'STOPPED',
    });
    const listed = await pipes.send(new ListPipesCommand({ NamePrefix: 'life' }));
    expect(listed.Pipes!.map((p) => p.Name)).toEqual(['lifecycle']);
    const arn = 'arn:aws:pipes:us-east-1:000000000000:pipe/lifecycle';
    await pipes.send(new TagResourceCommand({ resourceArn: arn, tags: { a: '1' } }));
    expect((await pipes.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ a: '1' });
    await pipes.send(new DeletePipeCommand({ Name: 'lifecycle' }));
    const error = await pipes.send(new DescribePipeCommand({ Name: 'lifecycle' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
  });

  it('rejects a source that is not an ARN with a ValidationException', async () => {
    const error = await pipes
      .send(
        new CreatePipeCommand({ Name: 'bad', RoleArn: ROLE, Source: 'my-queue', Target: ARN('pipe-out') }),
      )
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('ValidationException');
    expect((error as Error).message).toContain("Value 'my-queue' at 'source' failed to satisfy constraint");
  });

  it('shows a pipe with an unsupported source as not emulated', async () => {
    await pipes.send(
      new CreatePipeCommand({
        Name: 'stream',
        RoleArn: ROLE,
        Source: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks',
        Target: ARN('pipe-out'),
      }),
    );
    const described = await pipes.send(new DescribePipeCommand({ Name: 'stream' }));
    expect(described.CurrentState).toBe('STOPPED');
    expect(described.StateReason).toContain('Kinesis sources are not emulated');
  });
});
