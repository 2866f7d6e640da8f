// Variables (Assign): when values take effect and how Parallel branches and Map iterations see them.
import { describe, expect, it } from 'vitest';
import { run } from './helpers/run.js';

describe('variables', () => {
  it('evaluates all assignments of a state against the values before it', async () => {
    const r = await run({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1, y: 2 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { 'x.$': '$y', 'y.$': '$x' }, Next: 'C' },
        C: { Type: 'Pass', Parameters: { 'x.$': '$x', 'y.$': '$y' }, End: true },
      },
    });
    expect(r.output).toEqual({ x: 2, y: 1 });
  });

  it('lets branches and iterations read outer variables but keeps their own assignments inside', async () => {
    const r = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Set',
        States: {
          Set: { Type: 'Pass', Assign: { outer: 'o', shared: 'top' }, Next: 'P' },
          P: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'B1',
                States: {
                  B1: { Type: 'Pass', Assign: { inner: '{% $outer & "-b1" %}' }, Next: 'B2' },
                  B2: { Type: 'Pass', Output: '{% $inner %}', End: true },
                },
              },
            ],
            Next: 'M',
          },
          M: {
            Type: 'Map',
            Items: '{% [1, 2] %}',
            ItemProcessor: {
              StartAt: 'I',
              States: { I: { Type: 'Pass', Output: '{% $shared & $string($states.input) %}', End: true } },
            },
            Assign: { fromMap: '{% $states.result %}' },
            Next: 'End',
          },
          End: {
            Type: 'Pass',
            Output: { fromMap: '{% $fromMap %}', inner: '{% $exists($inner) %}' },
            End: true,
          },
        },
      },
      {},
    );
    expect(r.output).toEqual({ fromMap: ['top1', 'top2'], inner: false });
  });

  it('fails when a JSONPath reference names an undefined variable', async () => {
    const r = await run({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Parameters: { 'v.$': '$undefinedVar' }, End: true } },
    });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
  });
});
