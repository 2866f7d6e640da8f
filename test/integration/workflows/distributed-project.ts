// A SAM project in a temp folder for the Distributed Map tests: a `mapper` handler that records each
// call (calls.log: one item id a line) and how many calls were in flight when it started
// (concurrency.log), sleeps `ms`, fails on items with `fail: true` (errorType ItemFailed), and returns
// `{ id, doubled }`; a `results` bucket; and one state machine with the definition the test gives.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp.js';

const HANDLER = `import { appendFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.env.LOG_DIR;
export async function handler(event) {
  const items = Array.isArray(event.Items) ? event.Items : [event];
  const inflight = join(dir, 'inflight');
  mkdirSync(inflight, { recursive: true });
  const marker = join(inflight, process.pid + '-' + Math.random());
  writeFileSync(marker, '');
  appendFileSync(join(dir, 'concurrency.log'), readdirSync(inflight).length + '\\n');
  for (const item of items) appendFileSync(join(dir, 'calls.log'), item.id + '\\n');
  try {
    await new Promise((r) => setTimeout(r, items[0]?.ms ?? 0));
    const bad = items.find((i) => i.fail);
    if (bad) {
      const error = new Error('bad item ' + bad.id);
      error.name = 'ItemFailed';
      throw error;
    }
    const out = items.map((i) => ({ id: i.id, doubled: i.n * 2 }));
    return event.Items ? out : out[0];
  } finally {
    rmSync(marker, { force: true });
  }
}
`;

/** A written project. */
export interface MapProject {
  dir: string;
  template: string;
  /** Item ids the handler was called with, in call order. */
  calls(): string[];
  /** In-flight counts the handler saw as it started. */
  concurrency(): number[];
}

/** Writes the project with `definition` as the `fanout` state machine (STANDARD unless `type`). */
export function mapProject(definition: unknown, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): MapProject {
  const dir = tempDir('eddy-dmap-');
  const logs = join(dir, 'logs');
  mkdirSync(join(dir, 'handlers'), { recursive: true });
  mkdirSync(logs, { recursive: true });
  writeFileSync(join(dir, 'handlers/app.mjs'), HANDLER);
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: {
      Mapper: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          FunctionName: 'mapper',
          Handler: 'app.handler',
          Runtime: 'nodejs20.x',
          CodeUri: 'handlers/',
          Timeout: 10,
          Environment: { Variables: { LOG_DIR: logs } },
        },
      },
      Results: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'results' } },
      Fanout: {
        Type: 'AWS::Serverless::StateMachine',
        Properties: { Name: 'fanout', Type: type, Definition: definition },
      },
    },
  };
  writeFileSync(join(dir, 'template.yaml'), JSON.stringify(template, null, 2));
  const lines = (file: string) =>
    existsSync(join(logs, file)) ? readFileSync(join(logs, file), 'utf8').split('\n').filter(Boolean) : [];
  return {
    dir,
    template: join(dir, 'template.yaml'),
    calls: () => lines('calls.log'),
    concurrency: () => lines('concurrency.log').map(Number),
  };
}

/** The mapper's ARN. */
export const MAPPER = 'arn:aws:lambda:us-east-1:000000000000:function:mapper';

/** A Distributed Map state over `$.items` calling the mapper, with `extra` fields. */
export function mapState(
  executionType: 'STANDARD' | 'EXPRESS',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const state: Record<string, unknown> = {
    Type: 'Map',
    ItemsPath: '$.items',
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType },
      StartAt: 'Double',
      States: { Double: { Type: 'Task', Resource: MAPPER, End: true } },
    },
    End: true,
    ...extra,
  };
  if (state.Next) delete state.End;
  return state;
}

/** `count` items `{ id, n, ms }`, failing the ids in `failing`. */
export function items(count: number, ms: number, failing: number[] = []): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `item-${i}`,
    n: i,
    ms,
    ...(failing.includes(i) ? { fail: true } : {}),
  }));
}
