// Test helpers: real temp folders holding a template (and its files), loaded through loadTemplate.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { loadTemplate, type AppModel, type LoadOptions } from '../../../src/template/index.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Write `files` into a fresh folder named `stack` and return the template's path. */
export function writeProject(files: Record<string, string>, stack = 'app'): string {
  const root = join(mkdtempSync(join(tmpdir(), 'eddy-template-')), stack);
  folders.push(dirname(root));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return join(root, Object.keys(files)[0]);
}

/** Load `yaml` as the template.yaml of a fresh project. */
export function loadYaml(
  yaml: string,
  options?: LoadOptions,
  extra: Record<string, string> = {},
): Promise<AppModel> {
  return loadTemplate(writeProject({ 'template.yaml': yaml, ...extra }), options);
}

/** The resolved Outputs of a template with one queue and the given sections. */
export async function outputs(sections: string, options?: LoadOptions): Promise<Record<string, unknown>> {
  const app = await loadYaml(`${sections}\n`, options);
  return app.outputs;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; location?: string; fix?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; location?: string; fix?: string };
  }
  throw new Error('expected the promise to reject');
}
