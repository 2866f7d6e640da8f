import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { EddyCommand } from '../../cli/base-command.js';
import { colors } from '../../cli/colors.js';
import { compilePattern, invalidPatternMessage, PatternError } from '../../patterns/index.js';
import { EddyError } from '../../shared/errors.js';

/** What `eddy patterns test` found: whether the pattern matches, or why the pattern is invalid. */
export interface PatternTestResult {
  match: boolean;
  reason?: string;
}

/** Inline JSON, or `@file` read relative to the working directory. */
function readInput(value: string, what: string): string {
  if (!value.startsWith('@')) return value;
  const file = resolve(value.slice(1));
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new EddyError(
      'FILE_NOT_READABLE',
      `Cannot read the ${what} file ${file}: ${(error as Error).message}`,
      {
        fix: `Pass the ${what} inline as JSON, or @path/to/file.json relative to ${process.cwd()}.`,
      },
    );
  }
}

/** `eddy patterns test`: does an EventBridge event pattern match an event? Exit 0 yes, 1 no, 2 invalid. */
export default class PatternsTest extends EddyCommand {
  static override summary = 'Test whether an EventBridge event pattern matches an event.';
  static override description =
    'Matches exactly as EventBridge does (every operator, array consistency, AWS validation messages). ' +
    'Exit code 0 when the pattern matches, 1 when it does not, 2 when the pattern is invalid.';
  static override examples = [
    `<%= config.bin %> patterns test --pattern '{"source":["shop.cart"]}' --event '{"source":"shop.cart"}'`,
    '<%= config.bin %> patterns test --pattern @patterns/checkout.json --event @events/checkout.json --json',
  ];

  static override flags = {
    pattern: Flags.string({ char: 'p', required: true, summary: 'The event pattern: JSON, or @file.' }),
    event: Flags.string({ char: 'e', required: true, summary: 'The event: JSON, or @file.' }),
  };

  async run(): Promise<PatternTestResult> {
    const { flags } = await this.parse(PatternsTest);
    const patternText = readInput(flags.pattern, 'pattern');
    const event = this.parseEvent(readInput(flags.event, 'event'));
    let result: PatternTestResult;
    try {
      result = { match: compilePattern(patternText.trim()).matches(event) };
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      result = { match: false, reason: invalidPatternMessage(error.message) };
    }
    if (result.reason !== undefined) {
      if (this.jsonEnabled()) this.logJson(result);
      else this.logToStderr(colors.red(`✘ ${result.reason}`));
      this.exit(2);
    }
    if (!result.match) {
      if (this.jsonEnabled()) this.logJson(result);
      else this.log(`${colors.red('✘')} the pattern does not match the event`);
      this.exit(1);
    }
    if (!this.jsonEnabled()) this.log(`${colors.green('✔')} the pattern matches the event`);
    return result;
  }

  private parseEvent(text: string): object {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      throw new EddyError('INVALID_EVENT', `The event is not valid JSON: ${(error as Error).message}`, {
        fix: 'Pass the event as a JSON object, inline or as @file.',
      });
    }
    if (event === null || typeof event !== 'object' || Array.isArray(event)) {
      throw new EddyError('INVALID_EVENT', 'The event must be a JSON object.', {
        fix: 'Pass the event as a JSON object, inline or as @file.',
      });
    }
    return event;
  }
}
