// Process spawns take turns, one per turn of the event loop, so I/O is served between them.
import { expect, test } from 'vitest';
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
