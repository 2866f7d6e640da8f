// Process spawns take turns, one per turn of the event loop, so I/O is served between them.
import { expect, test } from 'vitest';
import { Instance } from '../../../src/services/functions/runtime/instance.js';
import { SpawnQueue } from '../../../src/services/functions/runtime/spawn-queue.js';

test('spawns run later, in order, one per turn, with I/O callbacks in between', async () => {
  const queue = new SpawnQueue();
  const seen: string[] = [];
  for (const name of ['a', 'b', 'c']) queue.enqueue(() => seen.push(name));
  expect(seen).toEqual([]);
  // An immediate queued now runs after the first spawn and before the second.
  setImmediate(() => seen.push('io'));
  await new Promise((r) => setTimeout(r, 20));
  expect(seen).toEqual(['a', 'io', 'b', 'c']);
});

test('a cancelled spawn never runs and does not hold up the next', async () => {
  const queue = new SpawnQueue();
  const seen: string[] = [];
  const ticket = queue.enqueue(() => seen.push('cancelled'));
  queue.enqueue(() => seen.push('after'));
  ticket.cancel();
  await new Promise((r) => setTimeout(r, 20));
  expect(seen).toEqual(['after']);
});

test('an instance stopped before its turn never starts a process and still reports its end', async () => {
  const queue = new SpawnQueue();
  let launched = 0;
  const instance = new Instance(
    () => {
      launched++;
      throw new Error('must not be called');
    },
    1,
    queue,
  );
  const ended = new Promise<void>((resolve) => instance.onExit(resolve));
  expect(instance.alive).toBe(true);
  instance.kill();
  await ended;
  await new Promise((r) => setTimeout(r, 10));
  expect(launched).toBe(0);
  expect(instance.alive).toBe(false);
});

test('an invocation waiting for its process fails as Runtime.ExitError when the process cannot start', async () => {
  const queue = new SpawnQueue();
  const instance = new Instance(
    () => {
      throw Object.assign(new Error('spawn EAGAIN'), { code: 'EAGAIN' });
    },
    1,
    queue,
  );
  const outcome = await instance.invoke({
    requestId: 'r1',
    payload: '{}',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
    timeoutSeconds: 3,
    onLog: () => undefined,
  });
  expect(outcome.error?.errorType).toBe('Runtime.ExitError');
  expect(outcome.error?.errorMessage).toBe('RequestId: r1 Error: Runtime exited with error: exit status 1');
});
