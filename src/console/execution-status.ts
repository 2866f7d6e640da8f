// The status of each state in one execution, from its Step Functions history events (AWS's names:
// `TaskStateEntered`, `TaskStateExited`, `ExecutionFailed`, `TaskFailed`, ...).

/** One history event, as GetExecutionHistory returns it. */
export interface HistoryEvent {
  id: number;
  type: string;
  timestamp: number | string;
  previousEventId?: number;
  [details: string]: unknown;
}

/** A state's status in the execution. */
export type StateStatus = 'running' | 'succeeded' | 'failed' | 'retried' | 'caught';

function detailsOf(event: HistoryEvent): Record<string, unknown> | undefined {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return key ? (event[key] as Record<string, unknown>) : undefined;
}

/** Maps state names to their status after the given history. */
export function stateStatuses(history: HistoryEvent[]): Map<string, StateStatus> {
  const status = new Map<string, StateStatus>();
  let current: string | undefined;
  for (const event of history) {
    const details = detailsOf(event) ?? {};
    if (event.type.endsWith('StateEntered')) {
      current = String(details.name);
      status.set(current, status.get(current) === 'failed' ? 'retried' : 'running');
    } else if (event.type.endsWith('StateExited')) {
      const name = String(details.name);
      status.set(name, status.get(name) === 'failed' ? 'caught' : 'succeeded');
    } else if (/(Task|LambdaFunction|MapRun)Failed$|TimedOut$/.test(event.type) && current) {
      status.set(current, 'failed');
    } else if (
      event.type === 'ExecutionFailed' ||
      event.type === 'ExecutionTimedOut' ||
      event.type === 'ExecutionAborted'
    ) {
      for (const [name, s] of status) if (s === 'running') status.set(name, 'failed');
    }
  }
  return status;
}

/** A one-line text of a history event's details (error, cause, name). */
export function historyDetail(event: HistoryEvent): string {
  const d = detailsOf(event);
  if (!d) return '';
  const parts = [d.name, d.error, d.cause, d.resource].filter((v) => v !== undefined).map(String);
  return parts.join(' · ');
}

/** The input or output JSON text carried by a history event, if any. */
export function historyData(event: HistoryEvent): string | undefined {
  const d = detailsOf(event);
  const text = d?.output ?? d?.input;
  return typeof text === 'string' ? text : undefined;
}
