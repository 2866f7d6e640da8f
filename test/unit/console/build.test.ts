// The console build: one bundle under the 300 KB first-load budget, with the page and stylesheet beside it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'eddy-console-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('scripts/build-console.mjs', () => {
  const stdout = execFileSync(process.execPath, [join(ROOT, 'scripts/build-console.mjs'), out], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const dir = join(out, 'console');

  it('writes the page, the stylesheet and one script into <outDir>/console', () => {
    expect(readdirSync(dir).sort()).toEqual(['console.css', 'index.html', 'main.js', 'main.js.map']);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('src="/console/main.js"');
    expect(html).toContain('href="/console/console.css"');
    expect(html).not.toMatch(/https?:\/\//); // no CDN at run time
  });

  it('keeps the first-load JavaScript under 300 KB and prints its size', () => {
    const size = statSync(join(dir, 'main.js')).size;
    expect(size).toBeGreaterThan(5_000);
    expect(size).toBeLessThan(300 * 1024);
    expect(stdout).toMatch(new RegExp(`main\\.js ${(size / 1024).toFixed(1)} KB`));
  });

  it('bundles every module (no bare imports left for the browser to resolve)', () => {
    const js = readFileSync(join(dir, 'main.js'), 'utf8');
    expect(js).not.toMatch(/\bimport\s*[{*\w].*from\s*["']/);
    expect(existsSync(join(dir, 'main.ts'))).toBe(false);
  });
});
