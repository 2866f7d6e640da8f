// `eddy new` end to end: scaffold the minimal project, validate it, install this eddy into it from a
// packed tarball, and run the project's own tests against it.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { eddy } from '../../helpers/cli.js';
import { REPO, tempDir } from '../../helpers/temp.js';

describe('eddy new', () => {
  const cwd = tempDir('eddy-new-cli-');

  test('scaffolds the minimal project, which validates', async () => {
    const created = await eddy(['new', 'app', '--template', 'minimal', '--yes', '--json'], { cwd });
    expect(created.exitCode).toBe(0);
    expect(JSON.parse(created.stdout).files).toContain('template.yaml');
    const validated = await eddy(['validate'], { cwd: join(cwd, 'app') });
    expect(validated.stderr).toBe('');
    expect(validated.exitCode).toBe(0);
    expect(validated.stdout).toMatch(/template\.yaml is valid/);
  });

  test('refuses a folder that is not empty', async () => {
    const again = await eddy(['new', 'app', '--template', 'minimal', '--yes'], { cwd });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('✘ FOLDER_NOT_EMPTY');
  });

  test("the project's own npm test passes against this eddy, installed from a packed tarball", async () => {
    const project = join(cwd, 'app');
    const packDir = tempDir('eddy-pack-');
    // dist/ is built by the test setup; packing must not rebuild it.
    await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: REPO });
    const tarball = join(
      packDir,
      readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
    );
    // Install scripts are skipped so better-sqlite3 is not compiled again (90 s); the addon this
    // checkout already compiled for the same Node.js is copied in instead.
    await execa(
      'npm',
      ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', tarball],
      {
        cwd: project,
      },
    );
    cpSync(
      join(REPO, 'node_modules/better-sqlite3/build'),
      join(project, 'node_modules/better-sqlite3/build'),
      {
        recursive: true,
      },
    );
    expect(existsSync(join(project, 'node_modules/eddy/dist/testing/index.js'))).toBe(true);
    const result = await execa('npm', ['test'], { cwd: project, reject: false, env: { CI: '1' } });
    // eslint-disable-next-line no-control-regex -- strips the ANSI colours vitest prints
    const output = (result.stdout + result.stderr).replace(/\u001b\[[0-9;]*m/g, '');
    expect(output).toMatch(/Tests\s+3 passed/);
    expect(result.exitCode).toBe(0);
  }, 240_000);
});
