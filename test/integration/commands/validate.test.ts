// `eddy validate` reports each problem with AWS's message and where it is in the template.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { eddy } from '../../helpers/cli.js';
import { copyTemplate } from '../../helpers/temp.js';

test('an invalid event pattern and an unknown SAM property are reported with file:line:col', async () => {
  const project = copyTemplate('minimal');
  const file = join(project, 'template.yaml');
  const text = readFileSync(file, 'utf8')
    .replace('- OrderPlaced', '- anything-but: []')
    .replace('MemorySize: 256', 'MemorySize: 256\n    Colour: blue');
  writeFileSync(file, text);
  const result = await eddy(['validate', '--json'], { cwd: project });
  expect(result.exitCode).toBe(1);
  const report = JSON.parse(result.stdout) as {
    problems: { code: string; message: string; location?: string }[];
  };
  const codes = report.problems.map((p) => p.code).sort();
  expect(codes).toEqual(['InvalidEventPatternException', 'SAM_SCHEMA']);
  const pattern = report.problems.find((p) => p.code === 'InvalidEventPatternException')!;
  expect(pattern.message).toMatch(/^Event pattern is not valid\. Reason: /);
  expect(pattern.location).toMatch(/template\.yaml:\d+:\d+$/);
  const sam = report.problems.find((p) => p.code === 'SAM_SCHEMA')!;
  expect(sam.location).toMatch(/template\.yaml:10:5$/);
});

test('a YAML error names file:line:col and exits 1', async () => {
  const project = copyTemplate('minimal');
  writeFileSync(join(project, 'template.yaml'), 'Resources:\n  A: [\n');
  const result = await eddy(['validate'], { cwd: project });
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toMatch(/✘ TEMPLATE_INVALID_YAML: .*template\.yaml:\d+:\d+/);
});
