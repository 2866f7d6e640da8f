import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { scaffoldProject } from '../../../src/scaffold/scaffold.js';
import { EddyError } from '../../../src/shared/errors.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-new-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as EddyError).code;
  }
  return 'no error';
}

describe('scaffoldProject', () => {
  test('writes the minimal project with its name filled in and .gitignore restored', () => {
    const cwd = tempDir();
    const result = scaffoldProject({ dir: 'My Shop', template: 'minimal', cwd });
    expect(result.files).toContain('template.yaml');
    expect(JSON.parse(readFileSync(join(cwd, 'My Shop/package.json'), 'utf8')).name).toBe('my-shop');
    expect(existsSync(join(cwd, 'My Shop/.gitignore'))).toBe(true);
    expect(existsSync(join(cwd, 'My Shop/_gitignore'))).toBe(false);
    expect(readdirSync(cwd)).toEqual(['My Shop']);
  });

  test('refuses a folder that is not empty unless forced, and leaves it as it was', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app/keep.txt'), 'mine');
    expect(codeOf(() => scaffoldProject({ dir: 'app', template: 'minimal', cwd }))).toBe('FOLDER_NOT_EMPTY');
    expect(readdirSync(join(cwd, 'app'))).toEqual(['keep.txt']);
    scaffoldProject({ dir: 'app', template: 'minimal', cwd, force: true });
    expect(readFileSync(join(cwd, 'app/keep.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(cwd, 'app/template.yaml'))).toBe(true);
  });

  test('refuses a template this build does not have, writing nothing', () => {
    const cwd = tempDir();
    const code = codeOf(() => scaffoldProject({ dir: 'x', template: 'nope' as 'minimal', cwd }));
    expect(code).toBe('TEMPLATE_NOT_AVAILABLE');
    expect(readdirSync(cwd)).toEqual([]);
  });

  test('a failure part-way leaves nothing behind', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'file'), 'x');
    expect(codeOf(() => scaffoldProject({ dir: 'file/sub', template: 'minimal', cwd }))).not.toBe('no error');
    expect(readdirSync(cwd)).toEqual(['file']);
  });

  test('writes through a symlinked parent into the real folder, never beside it', () => {
    const cwd = tempDir();
    const real = tempDir();
    symlinkSync(real, join(cwd, 'link'));
    const result = scaffoldProject({ dir: 'link/app', template: 'minimal', cwd });
    expect(result.dir.startsWith(real)).toBe(true);
    expect(existsSync(join(real, 'app/template.yaml'))).toBe(true);
  });
});
