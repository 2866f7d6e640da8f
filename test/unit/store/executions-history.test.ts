// The history of a STANDARD execution is stored in pages: events written by many calls (and across
// page boundaries) come back in id order, rows of the per-event table written by an older eddy are
// migrated into pages, and an id written twice keeps its last version.
import { describe, expect, test } from 'vitest';
import { openStore } from '../../../src/store/database.js';
import { executionsFamily, ExecutionStore } from '../../../src/store/executions.js';

interface Event {
  id: number;
  type: string;
}

function storeWithExecutions() {
  const store = openStore({ inMemory: true });
  store.migrate(executionsFamily);
  return { store, executions: new ExecutionStore(store.db) };
}

const events = (from: number, to: number): Event[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i, type: `T${from + i}` }));

describe('execution history pages', () => {
  test('events from transitions, appends and the end come back in order, across page boundaries', () => {
    const { store, executions } = storeWithExecutions();
    executions.appendEvents('arn:e', events(1, 1));
    executions.recordTransition('arn:e', events(2, 4), { stateName: 'A' });
    executions.recordTransition('arn:e', [], { stateName: 'B' });
    executions.finish('arn:e', events(5, 4_600), { status: 'SUCCEEDED', stopDate: 1 });
    const read = executions.events<Event>('arn:e');
    expect(read.map((e) => e.id)).toEqual(events(1, 4_600).map((e) => e.id));
    expect(read[4_599]).toEqual({ id: 4_600, type: 'T4600' });
    expect(executions.events('arn:other')).toEqual([]);
    expect(executions.transition('arn:e')).toBeUndefined();
    store.close();
  });

  test('pages an older eddy wrote as plain JSON arrays read beside packed ones', () => {
    const { store, executions } = storeWithExecutions();
    store.db
      .prepare('INSERT INTO sfn_history_pages (execution_arn, first_id, last_id, events) VALUES (?, ?, ?, ?)')
      .run('arn:e', 1, 3, JSON.stringify(events(1, 3)));
    executions.appendEvents('arn:e', events(4, 6));
    expect(executions.events<Event>('arn:e')).toEqual(events(1, 6));
    store.close();
  });

  test('rows of the per-event table become pages, and a rewritten id keeps its last version', () => {
    // A store an older eddy wrote: every migration but the pages one.
    const store = openStore({ inMemory: true });
    const older = { ...executionsFamily, migrations: executionsFamily.migrations.slice(0, -1) };
    store.migrate(older);
    const legacy = store.db.prepare('INSERT INTO sfn_history (execution_arn, id, event) VALUES (?, ?, ?)');
    for (const e of events(1, 3)) legacy.run('arn:old', e.id, JSON.stringify(e));
    store.migrate(executionsFamily);
    const executions = new ExecutionStore(store.db);
    executions.appendEvents('arn:old', [{ id: 3, type: 'again' }, ...events(4, 5)]);
    expect(executions.events<Event>('arn:old')).toEqual([
      { id: 1, type: 'T1' },
      { id: 2, type: 'T2' },
      { id: 3, type: 'again' },
      { id: 4, type: 'T4' },
      { id: 5, type: 'T5' },
    ]);
    store.close();
  });
});
