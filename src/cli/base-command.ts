// The base of every eddy command: `--json` (run() returns data, --json prints it), `--log-level`,
// NO_COLOR, and one rendering for errors: `✘ CODE: what happened` then `→ how to fix it`.
import { Command, Flags, Errors } from '@oclif/core';
import { EddyError, isUserError } from '../shared/errors.js';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from '../shared/logger.js';
import { renderError } from './render-error.js';

/** Base command: shared flags and error rendering. Subclasses return their result from run(). */
export abstract class EddyCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    'log-level': Flags.option({
      options: LOG_LEVELS,
      default: 'info' as const,
      helpGroup: 'GLOBAL',
      summary: 'How much eddy prints.',
    })(),
  };

  /** The logger at the level the user asked for. */
  protected logger: Logger = createLogger('info');

  override async init(): Promise<void> {
    await super.init();
    const level = (this.argv.find((a) => a.startsWith('--log-level='))?.split('=')[1] ??
      this.argv[this.argv.indexOf('--log-level') + 1]) as LogLevel | undefined;
    if (level && (LOG_LEVELS as readonly string[]).includes(level)) this.logger = createLogger(level);
  }

  /** User errors print without a stack (exit 1); usage errors exit 2; anything else is internal. */
  protected override async catch(
    error: Error & { exitCode?: number; oclif?: { exit?: number } },
  ): Promise<never> {
    if (error instanceof Errors.ExitError) throw error;
    const json = this.jsonEnabled();
    if (isUserError(error)) {
      if (json) this.logJson({ error: { code: error.code, message: error.message, fix: error.fix } });
      else process.stderr.write(renderError(error) + '\n');
      this.exit(1);
    }
    if (
      error instanceof Errors.CLIError &&
      (error.oclif?.exit === 2 || /flag|argument/i.test(error.message))
    ) {
      const usage = new EddyError('USAGE', error.message, {
        fix: `Run \`eddy ${this.id ?? ''} --help\` for usage.`,
      });
      if (json) this.logJson({ error: { code: usage.code, message: usage.message, fix: usage.fix } });
      else process.stderr.write(renderError(usage) + '\n');
      this.exit(2);
    }
    return (await super.catch(error)) as never;
  }
}
