// The resource table `eddy dev` prints: every emulated resource and every one that is not.
import type { AppModel } from '../template/model.js';

/** One row: type, logical id, physical name, and whether eddy runs it. */
export interface ResourceRow {
  type: string;
  logicalId: string;
  name: string;
  emulated: boolean;
}

/** Rows for every resource of the app, emulated first. */
export function resourceRows(app: AppModel): ResourceRow[] {
  const rows: ResourceRow[] = [];
  const add = (type: string, items: { logicalId: string; name: string }[]) =>
    items.forEach((r) => rows.push({ type, logicalId: r.logicalId, name: r.name, emulated: true }));
  add('EventBus', app.buses);
  add('Rule', app.rules);
  add('Archive', app.archives);
  add('Connection', app.connections ?? []);
  add('ApiDestination', app.apiDestinations ?? []);
  add('Schedule', app.schedules);
  add('Queue', app.queues);
  add('Function', app.functions);
  add('StateMachine', app.stateMachines);
  add('EventSourceMapping', app.eventSourceMappings);
  add('Pipe', app.pipes);
  add('Bucket', app.buckets);
  for (const r of app.unsupported)
    rows.push({ type: r.type, logicalId: r.logicalId, name: '-', emulated: false });
  return rows;
}

/** How many resources of the app eddy runs. */
export function emulatedCount(app: AppModel): number {
  return resourceRows(app).filter((row) => row.emulated).length;
}
