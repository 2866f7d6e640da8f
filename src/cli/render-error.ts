// One way to print an error a user can fix: `✘ CODE: what happened` then `→ how to fix it`.
import { colors as chalk } from './colors.js';
import type { EddyError } from '../shared/errors.js';

/** Renders a user error for the terminal (colour follows NO_COLOR through chalk). */
export function renderError(error: EddyError): string {
  const where = error.location && !error.message.includes(error.location) ? ` (${error.location})` : '';
  const lines = [chalk.red(`✘ ${error.code}: ${error.message}${where}`)];
  if (error.fix) lines.push(chalk.cyan(`→ ${error.fix}`));
  return lines.join('\n');
}
