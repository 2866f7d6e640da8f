// A spawner socket left by a killed eddy is removed by the next one; a live one (another eddy's) stays.
import { existsSync, linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { removeStaleSockets } from '../../../src/services/functions/runtime/stale-sockets.js';

const PATTERN = /^eddy-\d+-[0-9a-f]{8}\.sock$/;
let dir = '';
const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  rmSync(dir, { recursive: true, force: true });
});

function listen(path: string): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  servers.push(server);
  return new Promise((resolve) => server.listen(path, () => resolve(server)));
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

test('sockets nobody listens on are removed; live ones and other files stay', async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-stale-'));
  const live = join(dir, 'eddy-1-0000000a.sock');
  const stale = join(dir, 'eddy-2-0000000b.sock');
  const other = join(dir, 'eddy-notes.txt');
  await listen(live);
  // A second name for a socket that then stops listening: what a killed eddy leaves behind.
  const dying = join(dir, 'dying.sock');
  const server = await listen(dying);
  linkSync(dying, stale);
  await new Promise((r) => server.close(r));
  writeFileSync(other, 'x');
  removeStaleSockets(dir, PATTERN);
  await until(() => !existsSync(stale));
  expect(existsSync(stale)).toBe(false);
  expect(existsSync(live)).toBe(true);
  expect(existsSync(other)).toBe(true);
});
