import { readFileSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { EddyCommand } from '../../cli/base-command.js';
import { colors } from '../../cli/colors.js';
import { invokeFunction, type InvokeResult } from '../../cli/lambda-client.js';
import { findEndpoint } from '../../cli/server-client.js';
import { EddyError } from '../../shared/errors.js';

/** `eddy functions invoke <name>`: runs one handler in the running eddy dev, prints result and logs. */
export default class FunctionsInvoke extends EddyCommand {
  static override summary = 'Invoke a local Lambda handler and print its result, logs and duration.';
  static override examples = [
    '<%= config.bin %> functions invoke HelloFunction --event events/order-placed.json',
    'echo \'{"a":1}\' | <%= config.bin %> functions invoke my-fn --event -',
  ];

  static override args = {
    name: Args.string({ required: true, description: 'Function name, logical id or ARN.' }),
  };

  static override flags = {
    event: Flags.string({ char: 'e', summary: 'The event: a JSON file, `-` for stdin, or inline JSON.' }),
    endpoint: Flags.string({ summary: 'Where eddy dev runs (default: from .eddy/server.json, else :4949).' }),
  };

  async run(): Promise<InvokeResult> {
    const { args, flags } = await this.parse(FunctionsInvoke);
    const payload = readEvent(flags.event);
    const result = await invokeFunction(findEndpoint(flags.endpoint), args.name, payload);
    if (!this.jsonEnabled()) {
      if (result.logs) this.logToStderr(colors.dim(result.logs.trimEnd()));
      const status = result.functionError ? colors.red(`✘ ${result.functionError}`) : colors.green('✔');
      this.logToStderr(`${status} ${args.name} in ${result.durationMs} ms`);
      this.log(JSON.stringify(result.result, null, 2));
    }
    if (result.functionError) process.exitCode = 1;
    return result;
  }
}

function readEvent(event: string | undefined): string {
  if (event === undefined) return '{}';
  const text =
    event === '-' ? readFileSync(0, 'utf8') : event.trim().startsWith('{') ? event : readFile(event);
  try {
    JSON.parse(text);
  } catch {
    throw new EddyError('INVALID_EVENT', 'The event is not valid JSON', {
      fix: 'Pass a JSON file or inline JSON.',
    });
  }
  return text;
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new EddyError('EVENT_NOT_FOUND', `Cannot read ${path}`, {
      fix: 'Pass the path of a JSON event file.',
    });
  }
}
