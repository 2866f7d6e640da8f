// What each state did in one execution, read from its history: the input it was given, the output it
// produced, its last error, and how many attempts its task took (more than one: Retry stepped in).
import type { HistoryEvent } from './execution-status.js';

/** One state's run, for the state panel of the executions view. */
export interface StateRun {
  name: string;
  type: string;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Task attempts (scheduled or started task events); 0 for states that call nothing. */
  attempts: number;
  /** Times the state was entered (a loop through a Choice enters it again). */
  entered: number;
}

function detailsOf(event: HistoryEvent): Record<string, unknown> {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return key ? (event[key] as Record<string, unknown>) : {};
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Maps state names to what they did; a state entered several times keeps its last run's data. */
export function stateRuns(history: HistoryEvent[]): Map<string, StateRun> {
  const runs = new Map<string, StateRun>();
  let current: StateRun | undefined;
  for (const event of history) {
    const d = detailsOf(event);
    if (event.type.endsWith('StateEntered')) {
      const name = String(d.name);
      const run = runs.get(name) ?? {
        name,
        type: event.type.slice(0, -'StateEntered'.length),
        attempts: 0,
        entered: 0,
      };
      run.entered++;
      run.input = text(d.input);
      run.output = undefined;
      runs.set(name, run);
      current = run;
    } else if (event.type.endsWith('StateExited')) {
      const run = runs.get(String(d.name));
      if (run) run.output = text(d.output);
    } else if (current && /(Task|LambdaFunction|Activity)Scheduled$/.test(event.type)) {
      current.attempts++;
    } else if (current && typeof d.error === 'string' && !event.type.startsWith('Execution')) {
      current.error = d.error;
      current.cause = text(d.cause);
    } else if (event.type === 'ExecutionFailed' && current && !current.output) {
      // A Fail state ends the execution with its own error and cause.
      current.error ??= text(d.error);
      current.cause ??= text(d.cause);
    }
  }
  return runs;
}
