// `eddy validate`: loads the template (its errors carry file:line:col) and runs every deep check the
// emulated services know: event patterns, input transformers, state machine definitions.
import { readFile } from 'node:fs/promises';
import { EddyError } from '../shared/errors.js';
import {
  buildApp,
  displayPath,
  parseTemplateText,
  validateSamSchema,
  type ParsedTemplate,
} from '../template/index.js';
import type { AppModel } from '../template/model.js';
import { checkEventPatterns, checkTargetInputs } from './checks/event-checks.js';
import { resolveDevOptions } from './options.js';
import { emulatedCount } from './resources.js';

/** One problem found, with where it is. */
export interface ValidationProblem {
  code: string;
  message: string;
  location?: string;
  resource?: string;
}

/** The outcome of validating a template. */
export interface ValidationReport {
  template: string;
  valid: boolean;
  problems: ValidationProblem[];
  warnings: string[];
  resources: number;
}

/** A check over the loaded app; returns its problems. */
export type AppCheck = (app: AppModel) => ValidationProblem[];

/** Every deep check, in order. */
export const APP_CHECKS: AppCheck[] = [checkEventPatterns, checkTargetInputs];

/** Validates the template; throws EddyError only when there is no template to validate. */
export async function validateApp(
  template: string | undefined,
  cwd = process.cwd(),
): Promise<ValidationReport> {
  const file = resolveDevOptions({ template, cwd, inMemory: true }).template;
  if (!file) {
    throw new EddyError('TEMPLATE_NOT_FOUND', `No template.yaml, template.yml or template.json in ${cwd}`, {
      fix: 'Pass --template <file>, or run `eddy new <dir>` to create a project.',
    });
  }
  // One read and one parse serve both SAM's schema check and the App model.
  let parsed: ParsedTemplate;
  let app: AppModel;
  try {
    parsed = parseTemplateText(await readFile(file, 'utf8'), displayPath(file));
    app = buildApp(parsed, file);
  } catch (error) {
    if (!(error instanceof EddyError)) throw error;
    const problem = { code: error.code, message: error.message, location: error.location };
    return { template: file, valid: false, problems: [problem], warnings: [], resources: 0 };
  }
  const problems = [...samSchemaProblems(parsed), ...APP_CHECKS.flatMap((check) => check(app))];
  const warnings = app.warnings.map((w) => w.message);
  return { template: file, valid: problems.length === 0, problems, warnings, resources: emulatedCount(app) };
}

/** What SAM's JSON schema rejects (what `sam deploy` would refuse), for SAM templates. */
function samSchemaProblems(parsed: ParsedTemplate): ValidationProblem[] {
  const transform = (parsed.doc as { Transform?: unknown }).Transform;
  if (!JSON.stringify(transform ?? '').includes('AWS::Serverless')) return [];
  return validateSamSchema(parsed.doc, parsed.positions).map((p) => ({
    code: 'SAM_SCHEMA',
    message: p.message,
    location: p.location,
  }));
}
