// The template watcher reports every save, even a second one right after the first (chokidar alone
// drops a change within 50 ms of the last one it emitted for a path).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createWatcher, type FileWatcher } from '../../../src/dev/watcher.js';
import { tempDir } from '../../helpers/temp.js';

let watcher: FileWatcher | undefined;
afterEach(() => watcher?.close());

test('a second save right after the first is reported too', async () => {
  const file = join(tempDir(), 'template.yaml');
  writeFileSync(file, 'one\n');
  const seen: string[] = [];
  let ready!: () => void;
  const first = new Promise<void>((resolve) => (ready = resolve));
  watcher = createWatcher([file], (path) => {
    seen.push(path);
    ready();
  });
  // chokidar takes a moment to start watching; keep saving until the first report arrives.
  for (let i = 0; seen.length === 0 && i < 100; i++) {
    writeFileSync(file, `one ${i}\n`);
    await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  expect(seen.length).toBe(1);
  writeFileSync(file, 'two, a little longer\n');
  await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(2);
});
