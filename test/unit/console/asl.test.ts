import { describe, expect, it } from 'vitest';
import { aslGraph, taskResources } from '../../../src/console/asl.js';
import {
  stateStatuses,
  historyDetail,
  historyData,
  type HistoryEvent,
} from '../../../src/console/execution-status.js';

const definition = JSON.stringify({
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Fan' }],
      Default: 'Fail',
    },
    Fan: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'A',
          States: { A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:1:function:a', End: true } },
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fail' }],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemProcessor: {
        StartAt: 'Put',
        States: {
          Put: {
            Type: 'Task',
            Resource: 'arn:aws:states:::events:putEvents',
            Parameters: { Entries: [], EventBusName: 'orders' },
            End: true,
          },
        },
      },
      End: true,
    },
    Fail: { Type: 'Fail' },
  },
});

describe('aslGraph', () => {
  const graph = aslGraph(definition);
  it('flattens nested states under their parent', () => {
    expect(graph.startAt).toBe('Check');
    expect(graph.states.map((s) => s.id)).toEqual(['Check', 'Fan', 'Fan/A', 'Each', 'Each/Put', 'Fail']);
    expect(graph.states.find((s) => s.id === 'Fail')!.end).toBe(true);
  });
  it('has an edge per Next, Default, Choice, Catch and branch start', () => {
    const edges = graph.edges.map((e) => `${e.from}>${e.to}:${e.label ?? ''}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        'Check>Fan:choice',
        'Check>Fail:default',
        'Fan>Each:',
        'Fan>Fail:catch',
        'Fan>Fan/A:start',
        'Each>Each/Put:start',
      ]),
    );
  });
  it('returns an empty graph for a broken definition', () => {
    expect(aslGraph('{oops').states).toEqual([]);
  });
});

describe('taskResources', () => {
  it('finds direct ARNs and the targets of service integrations', () => {
    expect(taskResources(definition).sort()).toEqual(['arn:aws:lambda:us-east-1:1:function:a', 'orders']);
  });
  it('ignores paths resolved at run time', () => {
    const d = JSON.stringify({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { 'FunctionName.$': '$.fn' },
          End: true,
        },
      },
    });
    expect(taskResources(d)).toEqual([]);
  });
});

describe('stateStatuses', () => {
  const ev = (id: number, type: string, details?: Record<string, unknown>): HistoryEvent => ({
    id,
    type,
    timestamp: id,
    ...(details ? { [`${type[0].toLowerCase()}${type.slice(1)}EventDetails`]: details } : {}),
  });
  it('marks exited states succeeded, the one that failed failed, and a running one running', () => {
    const history = [
      ev(1, 'ExecutionStarted', { input: '{}' }),
      ev(2, 'PassStateEntered', { name: 'Validate', input: '{}' }),
      ev(3, 'PassStateExited', { name: 'Validate', output: '{"a":1}' }),
      ev(4, 'TaskStateEntered', { name: 'Pay' }),
      ev(5, 'TaskFailed', { error: 'Boom', cause: 'bad card' }),
      ev(6, 'ExecutionFailed', { error: 'Boom' }),
    ];
    const statuses = stateStatuses(history);
    expect(Object.fromEntries(statuses)).toEqual({ Validate: 'succeeded', Pay: 'failed' });
    expect(stateStatuses(history.slice(0, 4)).get('Pay')).toBe('running');
    expect(historyDetail(history[4])).toBe('Boom · bad card');
    expect(historyData(history[2])).toBe('{"a":1}');
  });
  it('marks a failed state that was caught', () => {
    const statuses = stateStatuses([
      ev(1, 'TaskStateEntered', { name: 'Pay' }),
      ev(2, 'LambdaFunctionFailed', { error: 'E' }),
      ev(3, 'TaskStateExited', { name: 'Pay' }),
    ]);
    expect(statuses.get('Pay')).toBe('caught');
  });
});
