// The packed history form reads back exactly what was packed (same JSON, same property order), for the
// engine's events and for anything else a caller stores, and is much smaller than the events' JSON.
import { describe, expect, test } from 'vitest';
import { packEvents, unpackEvents } from '../../../src/store/history-codec.js';

const NOT_TRUNCATED = Object.freeze({ truncated: false });

function roundTrip(events: object[]): string {
  return JSON.stringify(unpackEvents(JSON.parse(JSON.stringify(packEvents(events)))));
}

describe('packed history events', () => {
  test('a run of states, a resumed numbering and a new clock reading come back exactly', () => {
    const events: object[] = [
      {
        id: 1,
        previousEventId: 0,
        timestamp: 5,
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: '{}', inputDetails: { truncated: false }, roleArn: 'r' },
      },
    ];
    for (let i = 0; i < 10; i++) {
      const id = events.length + 1;
      const timestamp = i < 5 ? 5 : 9;
      events.push({
        id,
        previousEventId: id - 1,
        timestamp,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: `S${i}`, input: `{"i":${i}}`, inputDetails: NOT_TRUNCATED },
      });
      events.push({
        id: id + 1,
        previousEventId: id,
        timestamp,
        type: 'PassStateExited',
        stateExitedEventDetails: { name: `S${i}`, output: '"x"', outputDetails: { truncated: false } },
      });
    }
    // A resumed run re-enters a state under ids that do not follow; a Map event points further back.
    events.push({
      id: 40,
      previousEventId: 21,
      timestamp: 12,
      type: 'WaitStateEntered',
      stateEnteredEventDetails: { name: 'W', input: '{}', inputDetails: { truncated: false } },
    });
    events.push({
      id: 41,
      previousEventId: 38,
      timestamp: 12,
      type: 'MapIterationSucceeded',
      mapIterationSucceededEventDetails: { name: 'M', index: 0 },
    });
    events.push({ id: 42, previousEventId: 41, timestamp: 12, type: 'MapStateSucceeded' });
    events.push({
      id: 43,
      previousEventId: 42,
      timestamp: 13,
      type: 'ExecutionSucceeded',
      executionSucceededEventDetails: { output: 'null', outputDetails: { truncated: false } },
    });
    expect(roundTrip(events)).toBe(JSON.stringify(events));
    expect(JSON.stringify(packEvents(events)).length).toBeLessThan(JSON.stringify(events).length / 2);
  });

  test('details not of the usual shape, and events not shaped like the engine’s, are kept as they are', () => {
    const events: object[] = [
      { id: 1, type: 'T1' },
      {
        id: 2,
        previousEventId: 1,
        timestamp: 1,
        type: 'PassStateExited',
        stateExitedEventDetails: {
          name: 'A',
          output: '1',
          outputDetails: { truncated: false },
          assignedVariables: { x: '1' },
        },
      },
      {
        id: 3,
        previousEventId: 2,
        timestamp: 1,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'B', input: '1', inputDetails: { truncated: true } },
      },
      {
        id: 4,
        previousEventId: 3,
        timestamp: 1,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { input: '1', name: 'C', inputDetails: { truncated: false } },
      },
      {
        id: 5,
        previousEventId: 4,
        timestamp: 1,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'D', input: 1, inputDetails: { truncated: false } },
      },
      { previousEventId: 5, id: 6, timestamp: 1, type: 'Reordered' },
      { id: 7, previousEventId: 6, timestamp: 1, type: 'TwoDetails', a: 1, b: 2 },
      { id: 8, previousEventId: 7, timestamp: '1', type: 'TextTime' },
      {
        id: 9,
        previousEventId: 8,
        timestamp: 1,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'E', input: '{}', inputDetails: { truncated: false, extra: 1 } },
      },
      {
        id: 10,
        previousEventId: 9,
        timestamp: 1,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'F', input: '{}', inputDetails: { truncated: false } },
      },
    ];
    expect(roundTrip(events)).toBe(JSON.stringify(events));
    expect(roundTrip([])).toBe('[]');
  });
});
