// Malformed templates, patterns, ASL, schedule expressions and input transformers (random mutations
// of valid documents) get the validators' own errors (EddyError with a position, PatternError with
// AWS's message, InvalidDefinition with a JSON pointer, a null/undefined verdict), never another throw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PatternError, RuleMatcher, parsePattern } from '../../../src/patterns/index.js';
import { parseSchedule } from '../../../src/services/bus/schedule/expression.js';
import { parseDefinition } from '../../../src/services/workflows/asl/parse.js';
import { InvalidDefinitionError } from '../../../src/services/workflows/errors/validation-errors.js';
import { EddyError } from '../../../src/shared/errors.js';
import { buildApp, parseTemplateText } from '../../../src/template/index.js';
import {
  applyPipeTemplate,
  applyTargetInput,
  validatePipeTemplate,
  validateTargetInput,
} from '../../../src/transform/index.js';
import { REPO } from '../../helpers/temp.js';
import { mutatedJson, mutatedText } from './mutate.js';

const RUNS = Number(process.env.EDDY_PROPERTY_RUNS ?? 300);
// A fixed seed keeps CI repeatable; EDDY_FUZZ_SEED=random (or a number) explores.
const SEED = process.env.EDDY_FUZZ_SEED === 'random' ? undefined : Number(process.env.EDDY_FUZZ_SEED ?? 1);
const options = { numRuns: RUNS, seed: SEED };

/** Runs `fn`; an error that is not one of `allowed` fails the property with its stack. */
function onlyThrows(fn: () => unknown, ...allowed: (abstract new (...args: never[]) => Error)[]): unknown {
  try {
    return fn();
  } catch (error) {
    if (allowed.some((type) => error instanceof type)) return error;
    throw new Error(`unexpected ${(error as Error)?.name}: ${(error as Error)?.stack ?? String(error)}`);
  }
}

describe('templates', () => {
  const files = [
    'templates/shop/template.yaml',
    'templates/weather/template.yaml',
    'test/reliability/fuzz/fixture/template.yaml',
  ];
  const YAML_TOKENS = [
    ': ',
    '- ',
    '!Ref ',
    '!GetAtt X.Y',
    '!Sub "${',
    '!If [',
    '!Select [9, []]',
    '!Split',
    '{',
    '}',
    '[',
    ']',
    '\t',
    '"',
    "'",
    '&a ',
    '*a',
    '<<: *a',
    '\n  ',
    '\n',
    '~',
    'null',
    'Fn::Join',
    '!FindInMap [a]',
    '#',
    '? ',
    '|',
    '>',
    '!Base64 {}',
    'Type: AWS::Nope::Thing',
    'Condition: X',
    'DependsOn: [Nope]',
    '!Equals [1]',
    '%',
    '@',
    '`',
  ];

  for (const file of files) {
    test(`mutations of ${file} load or fail with an EddyError that has a position`, () => {
      const path = join(REPO, file);
      const text = readFileSync(path, 'utf8');
      let positioned = 0;
      let failed = 0;
      fc.assert(
        fc.property(mutatedText(text, YAML_TOKENS), (mutated) => {
          const outcome = onlyThrows(() => buildApp(parseTemplateText(mutated, file), path), EddyError);
          if (outcome instanceof EddyError) {
            failed++;
            if (outcome.location || /:\d+:\d+/.test(outcome.message)) positioned++;
          }
        }),
        { ...options, numRuns: Math.ceil(RUNS / 2) },
      );
      // Nearly every failure names file:line:col (a few, such as a missing code folder, have no line).
      expect(positioned).toBeGreaterThanOrEqual(failed * 0.8);
    });
  }

  test('an alias bomb (billion laughs) is refused, not expanded', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    lines.push('Resources: *j');
    const outcome = onlyThrows(
      () => buildApp(parseTemplateText(lines.join('\n'), 'bomb.yaml'), join(REPO, 'bomb.yaml')),
      EddyError,
    );
    expect(outcome).toBeInstanceOf(EddyError);
    expect((outcome as EddyError).location).toMatch(/bomb\.yaml:\d+:\d+/);
  });

  test('an alias inside its own anchor is refused (its expansion never ended)', () => {
    for (const text of ['a: &a [1, *a]\nResources: {}', 'a: &a\n  b: *a\n']) {
      const outcome = onlyThrows(
        () => buildApp(parseTemplateText(text, 'loop.yaml'), join(REPO, 'loop.yaml')),
        EddyError,
      );
      expect((outcome as EddyError).message).toContain('refers to itself');
    }
  });
});

describe('event patterns', () => {
  const corpus = JSON.parse(
    readFileSync(join(REPO, '../shared/conformance/eventbridge/patterns.json'), 'utf8'),
  ) as {
    cases: { pattern: unknown; event: unknown }[];
  };
  const OPERATORS = [
    { prefix: 1 },
    { suffix: [] },
    { numeric: ['>', 'a'] },
    { numeric: ['<', 1, '>', 2] },
    { 'anything-but': { prefix: {} } },
    { 'anything-but': [] },
    { wildcard: '**' },
    { wildcard: '\\x' },
    { cidr: '10.0.0.0/99' },
    { exists: 'true' },
    { 'equals-ignore-case': 1 },
    { prefix: { 'equals-ignore-case': 'a' } },
    { $or: [] },
    { $or: [{}, { a: ['x'] }] },
    ['x', null, Number.MAX_VALUE * 10],
    'x'.repeat(3000),
  ];
  const values = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...OPERATORS));

  test('mutated patterns parse or throw PatternError; valid ones match events without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus.cases), fc.nat(), (c, n) => {
        const [mutated] = fc.sample(mutatedJson(c.pattern as never, values), { seed: n, numRuns: 1 });
        const parsed = onlyThrows(() => parsePattern(JSON.stringify(mutated)), PatternError);
        if (parsed instanceof PatternError) {
          expect(parsed.message.length).toBeGreaterThan(0);
          return;
        }
        const matcher = new RuleMatcher();
        matcher.add('r', parsed as ReturnType<typeof parsePattern>);
        matcher.match(c.event as object);
      }),
      options,
    );
  });

  test('any JSON text (not only objects) is a pattern or a PatternError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string(),
        ),
        (text) => {
          onlyThrows(() => parsePattern(text), PatternError);
        },
      ),
      options,
    );
  });
});

describe('state machine definitions (ASL)', () => {
  const weather = JSON.parse(
    readFileSync(join(REPO, 'templates/weather/statemachine/monthly-highs.asl.json'), 'utf8'),
  );
  const rich = {
    Comment: 'every state type',
    StartAt: 'P',
    States: {
      P: {
        Type: 'Pass',
        Parameters: { 'a.$': '$.x', 'b.$': "States.Format('{}', $.y)" },
        ResultPath: '$.p',
        Next: 'C',
      },
      C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'W' }], Default: 'M' },
      W: { Type: 'Wait', SecondsPath: '$.s', Next: 'M' },
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          StartAt: 'T',
          States: {
            T: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
              Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }],
              End: true,
            },
            F: { Type: 'Fail', Error: 'E' },
          },
        },
        Next: 'J',
      },
      J: {
        Type: 'Pass',
        QueryLanguage: 'JSONata',
        Output: '{% $states.input %}',
        Assign: { v: '{% 1 + 1 %}' },
        Next: 'Par',
      },
      Par: { Type: 'Parallel', Branches: [{ StartAt: 'S', States: { S: { Type: 'Succeed' } } }], End: true },
    },
  };
  const KEYS = [
    'Type',
    'Next',
    'End',
    'StartAt',
    'States',
    'Resource',
    'Choices',
    'Default',
    'Branches',
    'ItemProcessor',
    'Iterator',
    'Retry',
    'Catch',
    'ErrorEquals',
    'Parameters',
    'ResultSelector',
    'ResultPath',
    'InputPath',
    'OutputPath',
    'Seconds',
    'Timestamp',
    'TimeoutSeconds',
    'HeartbeatSeconds',
    'QueryLanguage',
    'Arguments',
    'Output',
    'Assign',
    'Variable',
    'And',
    'Or',
    'Not',
  ];
  const VALUES = [
    '$',
    '$$.Execution.Id',
    '$.a[',
    "States.Array($.a, 'x'",
    'States.Nope()',
    '{% $eval("1") %}',
    '{% %}',
    'Task',
    'Map',
    'Pass',
    'JSONata',
    'JSONPath',
    -1,
    0,
    1e308,
    99999999999,
    null,
    [],
    {},
    [{}],
    { Type: 'Task' },
    'x'.repeat(100),
  ];
  const values = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(...VALUES),
    fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 }),
  );

  for (const [name, doc] of [
    ['weather', weather],
    ['every state type', rich],
  ] as const) {
    test(`mutations of the ${name} definition are valid or an InvalidDefinition with a location`, () => {
      fc.assert(
        fc.property(mutatedJson(doc as never, values), (mutated) => {
          const outcome = onlyThrows(() => parseDefinition(JSON.stringify(mutated)), InvalidDefinitionError);
          if (outcome instanceof InvalidDefinitionError) {
            for (const d of outcome.diagnostics) expect(d.location).toMatch(/^\//);
          }
        }),
        options,
      );
    });
  }

  test('Choices/Catch that are not lists, and And/Or of mixed types, are diagnostics (they threw TypeErrors)', () => {
    const choice = (rule: unknown) => ({
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [rule], Default: 'D' }, D: { Type: 'Succeed' } },
    });
    for (const definition of [
      { StartAt: 'C', States: { C: { Type: 'Choice', Choices: {}, Default: 'D' }, D: { Type: 'Succeed' } } },
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:x', Catch: [null], End: true } } },
    ]) {
      expect(
        onlyThrows(() => parseDefinition(JSON.stringify(definition)), InvalidDefinitionError),
      ).toBeInstanceOf(InvalidDefinitionError);
    }
    // Not a crash any more (whether AWS refuses the stray object is another matter).
    onlyThrows(
      () =>
        parseDefinition(
          JSON.stringify(choice({ And: {}, Or: [{ Variable: '$.a', IsNull: true }], Next: 'D' })),
        ),
      InvalidDefinitionError,
    );
  });

  test('text mutations of a definition are valid or an InvalidDefinition', () => {
    fc.assert(
      fc.property(
        mutatedText(JSON.stringify(rich), ['{', '}', '[', ']', '"', ',', ':', '$', '%}', '{%', '\\u0000']),
        (text) => {
          onlyThrows(() => parseDefinition(text), InvalidDefinitionError);
        },
      ),
      options,
    );
  });
});

describe('schedule expressions', () => {
  const field = fc.oneof(
    fc.constantFrom(
      '*',
      '?',
      'L',
      'W',
      '#',
      '0',
      '59',
      '60',
      '-1',
      '1-5',
      '5-1',
      '*/0',
      '*/5',
      '0/61',
      '1,2,3',
      'MON-FRI',
      'JAN',
      'L-3',
      '15W',
      '6#3',
      '2#9',
      'LW',
      '99999999999',
      '1970',
      '2199',
      '3000',
      '',
    ),
    fc.string({ maxLength: 4 }),
  );
  const expression = fc.oneof(
    fc.array(field, { minLength: 0, maxLength: 8 }).map((fields) => `cron(${fields.join(' ')})`),
    fc
      .tuple(
        fc.oneof(fc.integer(), fc.constantFrom('1', '0', '01', '1e3', '9007199254740993', 'x')),
        fc.constantFrom('minute', 'minutes', 'hours', 'day', 'days', 'weeks', ''),
      )
      .map(([n, unit]) => `rate(${n} ${unit})`),
    fc.constantFrom(
      'at(2025-02-30T00:00:00)',
      'at(2025-01-01T25:61:61)',
      'at(0000-00-00T00:00:00)',
      'rate()',
      'cron()',
      'cron(',
      'rate(1 minute',
    ),
    fc.string({ maxLength: 30 }),
  );
  const zones = fc.constantFrom('UTC', 'Europe/Paris', 'America/St_Johns', 'Nope/Zone', '');

  test('any expression parses to a schedule or is refused (undefined); next() never throws', () => {
    fc.assert(
      fc.property(expression, zones, (text, zone) => {
        const schedule = onlyThrows(() => parseSchedule(text, zone));
        if (schedule && typeof schedule === 'object' && 'next' in schedule) {
          const next = onlyThrows(() =>
            (schedule as ReturnType<typeof parseSchedule>)!.next(Date.UTC(2026, 0, 1)),
          );
          if (next !== undefined) expect(Number.isFinite(next)).toBe(true);
        }
      }),
      { ...options, numRuns: RUNS * 3 },
    );
  });
});

describe('input transformers and Pipes input templates', () => {
  const PATHS = [
    '$',
    '$.detail',
    '$.detail.a[0]',
    '$..a',
    '$.a[*]',
    '$[',
    '$.',
    'detail',
    '$.a b',
    "$['a']",
    '$.a.',
    '$.' + 'a.'.repeat(300) + 'a',
  ];
  const TEMPLATES = [
    '<a>',
    '"<a>"',
    '{"x": <a>}',
    '{"x": "<a>"}',
    '<aws.events.rule-name>',
    '<aws.events.event>',
    '<aws.events.event.json>',
    '<aws.pipes.event.json>',
    '<$.body>',
    '<$.body.a[>',
    '<',
    '>',
    '<<a>>',
    '"\\<a>"',
    '<a',
    '{"x": <missing>}',
    '\\u0000',
    '',
  ];
  const transformer = fc.record({
    inputPathsMap: fc.option(
      fc.dictionary(
        fc.oneof(
          fc.constantFrom('a', 'b', 'aws.events.rule-name', '', 'a b', '__proto__'),
          fc.string({ maxLength: 5 }),
        ),
        fc.constantFrom(...PATHS),
        { maxKeys: 4 },
      ),
      { nil: undefined },
    ),
    inputTemplate: fc.oneof(
      fc.constantFrom(...TEMPLATES),
      mutatedText('{"id": <a>, "b": "<b> and <aws.events.rule-arn>"}', TEMPLATES),
    ),
  });
  const event = {
    version: '0',
    id: '1',
    source: 's',
    'detail-type': 'd',
    account: '1',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { a: [1, { b: 'x' }] },
  };

  test('rule targets: validation returns an error or null; valid targets apply without throwing', () => {
    fc.assert(
      fc.property(
        fc.record({
          input: fc.option(
            fc.oneof(
              fc.string(),
              fc.jsonValue().map((v) => JSON.stringify(v)),
            ),
            { nil: undefined },
          ),
          inputPath: fc.option(fc.constantFrom(...PATHS), { nil: undefined }),
          inputTransformer: fc.option(transformer, { nil: undefined }),
        }),
        (target) => {
          const problem = onlyThrows(() => validateTargetInput({ ...target, id: 't' }));
          if (problem === null)
            onlyThrows(() => applyTargetInput(target, event, { ruleName: 'r', ruleArn: 'arn' }));
        },
      ),
      options,
    );
  });

  test('Pipes input templates: validation returns a reason or null; valid ones apply without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...TEMPLATES),
          mutatedText('{"order": <$.body.id>, "n": "<aws.pipes.pipe-name>"}', TEMPLATES),
        ),
        (template) => {
          const problem = onlyThrows(() => validatePipeTemplate(template));
          if (problem === null) {
            onlyThrows(() =>
              applyPipeTemplate(template, { body: '{"id":1}' }, {
                pipeName: 'p',
                pipeArn: 'arn',
                sourceArn: 's',
                targetArn: 't',
                enrichmentArn: '',
                eventIngestionTime: '',
              } as never),
            );
          }
        },
      ),
      options,
    );
  });
});
