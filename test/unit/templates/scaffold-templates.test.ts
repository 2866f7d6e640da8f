// Every project template eddy scaffolds must be a template `sam deploy` accepts (SAM's JSON schema)
// and one eddy loads without errors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTemplate, parseTemplateText, validateSamSchema } from '../../../src/template/index.js';
import { REPO } from '../../helpers/temp.js';

const templates = readdirSync(join(REPO, 'templates')).filter((name) =>
  existsSync(join(REPO, 'templates', name, 'template.yaml')),
);

describe.each(templates)('templates/%s', (name) => {
  const file = join(REPO, 'templates', name, 'template.yaml');

  test('validates against SAM’s JSON schema', () => {
    const parsed = parseTemplateText(readFileSync(file, 'utf8'), file);
    expect(validateSamSchema(parsed.doc, parsed.positions)).toEqual([]);
  });

  test('loads into the App model with no warnings', async () => {
    const app = await loadTemplate(file);
    expect(app.warnings).toEqual([]);
    expect(app.functions.length).toBeGreaterThan(0);
  });
});

test('the schema check is not vacuous: a bad SAM property is reported', () => {
  const text = readFileSync(join(REPO, 'templates/minimal/template.yaml'), 'utf8').replace(
    'Handler:',
    'Handlr:',
  );
  const parsed = parseTemplateText(text, 'template.yaml');
  expect(validateSamSchema(parsed.doc, parsed.positions).length).toBeGreaterThan(0);
});
