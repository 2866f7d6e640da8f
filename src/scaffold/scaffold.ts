// Writes a new project from one of the templates shipped in templates/<name>/. Files are staged in a
// temporary sibling folder first and moved into place at the end, so a failure leaves nothing behind.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EddyError } from '../shared/errors.js';

/** The project templates `eddy new` offers, with a one-line description each. */
export const PROJECT_TEMPLATES = {
  minimal: 'One bus, one rule, one TypeScript handler, an event fixture and a test.',
  shop: 'The shop: checkout, order, payment (retries and a DLQ), invoicing and reporting over one bus, with an archive.',
  weather: 'Distributed Map over weather data: average high temperature per month.',
} as const;

/** A template name. */
export type ProjectTemplate = keyof typeof PROJECT_TEMPLATES;

/** Where the shipped templates are (package root/templates, from src/ or dist/). */
export function templatesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../templates');
}

/** Templates present in this build of eddy. */
export function availableTemplates(): ProjectTemplate[] {
  return (Object.keys(PROJECT_TEMPLATES) as ProjectTemplate[]).filter((t) =>
    existsSync(join(templatesDir(), t, 'template.yaml')),
  );
}

/** What was written. */
export interface ScaffoldResult {
  dir: string;
  template: ProjectTemplate;
  files: string[];
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === '.eddy') return [];
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(join(dir, entry.name), rel) : [rel];
  });
}

/** Files shipped under another name because npm would drop or misread them (`_gitignore`). */
function targetName(rel: string): string {
  return rel.replace(/(^|\/)_gitignore$/, '$1.gitignore');
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** Creates the project in `dir` (relative to `cwd`). */
export function scaffoldProject(options: {
  dir: string;
  template: ProjectTemplate;
  force?: boolean;
  cwd?: string;
}): ScaffoldResult {
  const cwd = options.cwd ?? process.cwd();
  const target = resolve(cwd, options.dir);
  const source = join(templatesDir(), options.template);
  if (!existsSync(join(source, 'template.yaml'))) {
    throw new EddyError(
      'TEMPLATE_NOT_AVAILABLE',
      `The ${options.template} template is not in this version of eddy`,
      {
        fix: `Use one of: ${availableTemplates().join(', ')}`,
      },
    );
  }
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) {
      throw new EddyError('NOT_A_FOLDER', `${target} exists and is not a folder`, {
        fix: 'Pick another path.',
      });
    }
    if (readdirSync(target).length > 0 && !options.force) {
      throw new EddyError('FOLDER_NOT_EMPTY', `${target} is not empty`, {
        fix: 'Pick a new folder, or pass --force to write the project files over what is there.',
      });
    }
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Resolve symlinks of the parent so a link cannot redirect the project outside where the user asked.
  const realTarget = join(realpathSync(parent), basename(target));
  const name =
    basename(target)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'eddy-app';
  const staging = join(realpathSync(parent), `.${basename(target)}.eddy-new-${process.pid}`);
  const files = listFiles(source).map(targetName);
  try {
    for (const rel of listFiles(source)) {
      const out = join(staging, targetName(rel));
      if (!isInside(staging, out))
        throw new EddyError('UNSAFE_PATH', `Refusing to write ${rel} outside ${target}`);
      mkdirSync(dirname(out), { recursive: true });
      const text = readFileSync(join(source, rel), 'utf8').replaceAll('{{name}}', name);
      writeFileSync(out, text);
    }
    if (existsSync(realTarget)) {
      cpSync(staging, realTarget, { recursive: true, force: true });
      rmSync(staging, { recursive: true, force: true });
    } else {
      renameSync(staging, realTarget);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { dir: realTarget, template: options.template, files };
}
