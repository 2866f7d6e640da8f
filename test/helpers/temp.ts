// Real temp folders for tests, removed after each test file.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** The repository root. */
export const REPO = join(import.meta.dirname, '../..');

/** A fresh temp folder, deleted when the test file ends. */
export function tempDir(prefix = 'eddy-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temp copy of a shipped project template (templates/<name>). */
export function copyTemplate(name: string): string {
  const dir = tempDir(`eddy-${name}-`);
  cpSync(join(REPO, 'templates', name), dir, { recursive: true });
  return dir;
}
