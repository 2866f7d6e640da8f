import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/database.js';
import { busFamily } from '../../../src/store/bus-schema.js';
import { BusJournal } from '../../../src/store/bus-journal.js';

let store: Store | undefined;
afterEach(() => store?.close());

function journalWith(n: number): { journal: BusJournal; seqs: number[] } {
  store = openStore({ inMemory: true });
  store.migrate(busFamily);
  const journal = new BusJournal(store.db);
  const seqs = journal.appendAll(
    Array.from({ length: n }, (_, i) => ({ id: `e${i}`, bus: 'default', time: i, envelope: '{}' })),
  );
  return { journal, seqs };
}

describe('BusJournal.doneAll', () => {
  it('marks exactly the given events, in runs or alone, in any order', () => {
    const { journal, seqs } = journalWith(8);
    journal.doneAll([seqs[4], seqs[0], seqs[1], seqs[2], seqs[6], seqs[2]]);
    expect(journal.pending().map((r) => r.seq)).toEqual([seqs[3], seqs[5], seqs[7]]);
  });

  it('marks a single event and ignores an empty list', () => {
    const { journal, seqs } = journalWith(3);
    journal.doneAll([]);
    journal.doneAll([seqs[1]]);
    expect(journal.pending().map((r) => r.seq)).toEqual([seqs[0], seqs[2]]);
  });
});
