// `eddy workflows start <name>`: starts an execution on a running `eddy dev` and, with --wait, draws the
// path it took (states, durations, retries, the failing state) and prints the output or error and cause.
import { readFileSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { request } from 'undici';
import { callAwsJson } from '../../cli/aws-json-client.js';
import { EddyCommand } from '../../cli/base-command.js';
import { colors } from '../../cli/colors.js';
import {
  createMapRunDisplay,
  formatMapRunLine,
  readMapRuns,
  type MapRunDisplay,
  type MapRunSummary,
} from '../../cli/map-run-progress.js';
import { findEndpoint } from '../../cli/server-client.js';
import { EddyError } from '../../shared/errors.js';

/** One state the execution went through. */
export interface PathStep {
  state: string;
  type: string;
  /** Milliseconds from entering to leaving (undefined while running or when it failed). */
  durationMs?: number;
  retries: number;
  failed: boolean;
}

/** What `eddy workflows start` returns. */
export interface StartResult {
  executionArn: string;
  status: string;
  path?: PathStep[];
  output?: unknown;
  error?: string;
  cause?: string;
  /** The execution's Distributed Map runs and their final counts. */
  mapRuns?: MapRunSummary[];
}

interface HistoryEvent {
  id: number;
  type: string;
  timestamp: number;
  [details: string]: unknown;
}

/** AWS JSON 1.0 call to the Step Functions API (the target's prefix says which protocol). */
function sfn<T = Record<string, unknown>>(endpoint: string, operation: string, input: unknown): Promise<T> {
  return callAwsJson<T>(endpoint, `AWSStepFunctions.${operation}`, input);
}

/** `eddy workflows start`. */
export default class WorkflowsStart extends EddyCommand {
  static override summary = 'Start a workflow execution on the running eddy dev; --wait draws its path.';
  static override examples = [
    `<%= config.bin %> workflows start checkout --input '{"orderId":"o-1"}' --wait`,
    '<%= config.bin %> workflows start checkout --input @events/order.json --wait --json',
  ];

  static override args = {
    name: Args.string({ required: true, description: 'The state machine name (or ARN).' }),
  };

  static override flags = {
    input: Flags.string({
      summary: 'The execution input: JSON text, or @file to read it from a file.',
      default: '{}',
    }),
    name: Flags.string({ summary: 'The execution name (default: a new UUID).' }),
    wait: Flags.boolean({ summary: 'Wait for the execution to end; print its path and output.' }),
    endpoint: Flags.string({ summary: 'Where eddy dev runs (default: from .eddy/server.json, else :4949).' }),
    state: Flags.string({ default: '.eddy', summary: 'State folder of the running eddy dev.' }),
  };

  async run(): Promise<StartResult> {
    const { args, flags } = await this.parse(WorkflowsStart);
    const endpoint = findEndpoint(flags.endpoint, flags.state);
    const input = readInput(flags.input);
    const machineArn = await resolveMachine(endpoint, args.name);
    const started = await sfn<{ executionArn: string }>(endpoint, 'StartExecution', {
      stateMachineArn: machineArn,
      input,
      ...(flags.name ? { name: flags.name } : {}),
    });
    if (!flags.wait) {
      if (!this.jsonEnabled()) this.log(started.executionArn);
      return { executionArn: started.executionArn, status: 'RUNNING' };
    }
    // Live bars only for a person watching: not when piped, not with --json.
    const display = createMapRunDisplay(process.stdout, !this.jsonEnabled());
    const result = await waitFor(endpoint, started.executionArn, display);
    if (!this.jsonEnabled()) this.render(args.name, result);
    if (result.status !== 'SUCCEEDED') process.exitCode = 1;
    return result;
  }

  private render(name: string, result: StartResult): void {
    const ok = result.status === 'SUCCEEDED';
    const mark = ok ? colors.green('✔') : colors.red('✘');
    this.log(`${mark} ${colors.bold(name)} ${ok ? colors.green(result.status) : colors.red(result.status)}`);
    for (const run of result.mapRuns ?? []) this.log(`  ${formatMapRunLine(run)}`);
    const steps = result.path ?? [];
    const width = Math.max(0, ...steps.map((s) => s.state.length));
    steps.forEach((step, i) => {
      const branch = i === steps.length - 1 ? '└' : '├';
      const time = step.durationMs === undefined ? '' : `${step.durationMs} ms`;
      const retries = step.retries
        ? colors.yellow(` (${step.retries} ${step.retries === 1 ? 'retry' : 'retries'})`)
        : '';
      const line = `  ${branch} ${step.state.padEnd(width)}  ${colors.dim(step.type.padEnd(8))} ${time}${retries}`;
      this.log(step.failed ? colors.red(`${line}  ✘ failed here`) : line);
    });
    if (ok) this.log(JSON.stringify(result.output, null, 2));
    else this.log(colors.red(`${result.error ?? 'Error'}${result.cause ? `: ${result.cause}` : ''}`));
  }
}

/** `--input`: JSON text, or `@file`; must be valid JSON (StartExecution rejects anything else). */
function readInput(flag: string): string {
  const text = flag.startsWith('@') ? readFileSync(flag.slice(1), 'utf8') : flag;
  try {
    JSON.parse(text);
  } catch (error) {
    throw new EddyError('INVALID_INPUT', `The execution input is not JSON: ${(error as Error).message}`, {
      fix: `Pass JSON text (--input '{"id":1}') or a JSON file (--input @input.json).`,
    });
  }
  return text;
}

/** A machine name → its ARN, from ListStateMachines. */
async function resolveMachine(endpoint: string, name: string): Promise<string> {
  if (name.startsWith('arn:')) return name;
  const names: string[] = [];
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn<{
      stateMachines: { stateMachineArn: string; name: string }[];
      nextToken?: string;
    }>(endpoint, 'ListStateMachines', nextToken ? { nextToken } : {});
    const found = page.stateMachines.find((m) => m.name === name);
    if (found) return found.stateMachineArn;
    names.push(...page.stateMachines.map((m) => m.name));
    arns.push(...page.stateMachines.map((m) => m.stateMachineArn));
    nextToken = page.nextToken;
  } while (nextToken);
  const byLogicalId = await logicalIdMachine(endpoint, name);
  if (byLogicalId) return byLogicalId;
  // A template logical id: CloudFormation names unnamed machines `<stack>-<LogicalId>-<suffix>`.
  const pattern = new RegExp(`^.+-${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[A-Za-z0-9]+$`);
  const generated = names.flatMap((n, i) => (pattern.test(n) ? [arns[i]] : []));
  if (generated.length === 1) return generated[0];
  throw new EddyError('STATE_MACHINE_NOT_FOUND', `No state machine named '${name}' runs in eddy dev`, {
    fix: names.length ? `Running state machines: ${names.join(', ')}.` : 'Define one in template.yaml.',
  });
}

/** The ARN of the template's state machine with this logical id, from the running App model. */
async function logicalIdMachine(endpoint: string, logicalId: string): Promise<string | undefined> {
  try {
    const response = await request(`${endpoint}/_eddy/app`);
    if (response.statusCode !== 200) {
      await response.body.dump();
      return undefined;
    }
    const { app } = (await response.body.json()) as {
      app?: { stateMachines?: { logicalId?: string; arn?: string }[] };
    };
    return app?.stateMachines?.find((m) => m.logicalId === logicalId)?.arn;
  } catch {
    // An older server without /_eddy/app: the name patterns below still apply.
    return undefined;
  }
}

/** Polls until the execution ends (drawing its map runs meanwhile), then reads its whole history. */
async function waitFor(endpoint: string, executionArn: string, display: MapRunDisplay): Promise<StartResult> {
  let described: Record<string, unknown>;
  let mapRuns: MapRunSummary[] = [];
  try {
    for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
      described = await sfn(endpoint, 'DescribeExecution', { executionArn });
      if (described.status !== 'RUNNING') break;
      if (display.live && delay >= 100)
        display.update(await readMapRuns(endpoint, executionArn).catch(() => mapRuns));
      await new Promise((r) => setTimeout(r, delay));
    }
    // Map runs are read once more at the end: their final counts are the summary.
    mapRuns = await readMapRuns(endpoint, executionArn).catch(() => []);
    display.update(mapRuns);
  } finally {
    display.stop();
  }
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn<{ events: HistoryEvent[]; nextToken?: string }>(endpoint, 'GetExecutionHistory', {
      executionArn,
      maxResults: 1000,
      ...(nextToken ? { nextToken } : {}),
    });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  const output = typeof described.output === 'string' ? (JSON.parse(described.output) as unknown) : undefined;
  return {
    executionArn,
    status: String(described.status),
    path: pathOf(events),
    ...(mapRuns.length ? { mapRuns } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(typeof described.error === 'string' ? { error: described.error } : {}),
    ...(typeof described.cause === 'string' ? { cause: described.cause } : {}),
  };
}

/**
 * The top-level path: each `*StateEntered` opens a step and its `*StateExited` closes it; scheduled
 * attempts past the first are retries; a step never exited in a failed execution is where it failed.
 */
export function pathOf(events: HistoryEvent[]): PathStep[] {
  const steps: (PathStep & { entered: number; attempts: number })[] = [];
  const open: (PathStep & { entered: number; attempts: number })[] = [];
  let failedExecution = false;
  for (const e of events) {
    const entered = /^(\w+)StateEntered$/.exec(e.type);
    const details = (e.stateEnteredEventDetails ?? e.stateExitedEventDetails) as
      { name?: string } | undefined;
    if (entered && details?.name) {
      const step = {
        state: details.name,
        type: entered[1],
        retries: 0,
        failed: false,
        entered: e.timestamp,
        attempts: 0,
      };
      // Only the outer path: states inside Parallel branches and Map iterations are not steps of their own.
      if (!open.some((o) => o.type === 'Map' || o.type === 'Parallel')) steps.push(step);
      open.push(step);
    } else if (/StateExited$/.test(e.type)) {
      // By name: Parallel branches and Map iterations interleave their events.
      const index = open.findLastIndex((o) => o.state === details?.name);
      const step = index >= 0 ? open.splice(index, 1)[0] : undefined;
      if (step) step.durationMs = Math.round((e.timestamp - step.entered) * 1000);
    } else if (/^(Task|LambdaFunction|Activity)Scheduled$/.test(e.type)) {
      const step = open[open.length - 1];
      if (step && step.attempts++ > 0) step.retries++;
    } else if (/^Execution(Failed|TimedOut|Aborted)$/.test(e.type)) failedExecution = true;
  }
  if (failedExecution) for (const step of open) step.failed = true;
  return steps.map(({ state, type, durationMs, retries, failed }) => ({
    state,
    type,
    durationMs,
    retries,
    failed,
  }));
}
