// Distributed Map's ResultWriter (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html):
// with Resource `s3:putObject` it writes `<Prefix>/<map run id>/SUCCEEDED_0.json`, `FAILED_0.json` and
// `PENDING_0.json` (children grouped by status) and a `manifest.json` listing them, and the Map state's
// result becomes `{ MapRunArn, ResultWriterDetails: { Bucket, Key } }`. WriterConfig picks the shape:
// Transformation NONE (each child's metadata with Input/Output as JSON text; the default when exporting),
// COMPACT (outputs only) or FLATTEN (array outputs spread); OutputType JSON (an array) or JSONL.
// Failed children are always written as NONE would write them, as AWS does; timed-out and aborted
// children go to the FAILED_ file with their own Status.
import { StatesError } from '../errors/states-error.js';
import type { MapObjectStore } from './object-store.js';

/** How one child execution of a map run ended. */
export interface ChildOutcome {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING';
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Child execution name and ARN, when the engine knows them. */
  name?: string;
  executionArn?: string;
  startDate?: Date;
  stopDate?: Date;
}

/** The map run the results belong to. */
export interface MapRunInfo {
  mapRunArn: string;
  /** The child state machine's ARN (`stateMachine:<parent>/<map state>`). */
  stateMachineArn: string;
}

/** The error a ResultWriter fails with. */
export function resultWriterFailed(cause: string): StatesError {
  return new StatesError('States.ResultWriterFailed', cause);
}

function detailed(o: ChildOutcome, run: MapRunInfo, index: number): Record<string, unknown> {
  const name = o.name ?? `${run.mapRunArn.split(':').pop()}-${index}`;
  const done = o.status !== 'PENDING';
  return {
    ExecutionArn: o.executionArn ?? `${run.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
    Input: JSON.stringify(o.input ?? null),
    InputDetails: { Included: true },
    Name: name,
    ...(o.status === 'SUCCEEDED'
      ? { Output: JSON.stringify(o.output ?? null), OutputDetails: { Included: true } }
      : {}),
    ...(o.status !== 'SUCCEEDED' && o.status !== 'PENDING'
      ? {
          ...(o.error !== undefined ? { Error: o.error } : {}),
          ...(o.cause !== undefined ? { Cause: o.cause } : {}),
        }
      : {}),
    RedriveCount: 0,
    RedriveStatus: 'NOT_REDRIVABLE',
    StartDate: (o.startDate ?? new Date()).toISOString(),
    StateMachineArn: run.stateMachineArn,
    Status: o.status,
    ...(done ? { StopDate: (o.stopDate ?? new Date()).toISOString() } : {}),
  };
}

/** The children's results as the Transformation asks. */
export function transformResults(
  outcomes: ChildOutcome[],
  run: MapRunInfo,
  transformation: string,
): unknown[] {
  if (transformation === 'NONE') return outcomes.map((o, i) => detailed(o, run, i));
  const out: unknown[] = [];
  outcomes.forEach((o, i) => {
    if (o.status !== 'SUCCEEDED') out.push(detailed(o, run, i));
    else if (transformation === 'FLATTEN' && Array.isArray(o.output)) out.push(...(o.output as unknown[]));
    else out.push(o.output);
  });
  return out;
}

/** The result file a child's outcome goes to. */
export function fileOf(o: ChildOutcome): 'SUCCEEDED' | 'FAILED' | 'PENDING' {
  return o.status === 'SUCCEEDED' || o.status === 'PENDING' ? o.status : 'FAILED';
}

function serialise(items: unknown[], outputType: string): string {
  return outputType === 'JSONL'
    ? items.map((i) => JSON.stringify(i)).join('\n') + (items.length ? '\n' : '')
    : JSON.stringify(items);
}

/** Applies a ResultWriter (Parameters/Arguments evaluated); resolves with the Map state's result. */
export async function writeResults(
  store: MapObjectStore,
  writer: Record<string, unknown>,
  outcomes: ChildOutcome[],
  run: MapRunInfo,
): Promise<unknown> {
  const params = (writer.Arguments ?? writer.Parameters) as Record<string, unknown> | undefined;
  const config = (writer.WriterConfig ?? {}) as Record<string, unknown>;
  const exporting = writer.Resource !== undefined;
  const transformation = String(config.Transformation ?? (exporting ? 'NONE' : 'COMPACT'));
  const outputType = String(config.OutputType ?? 'JSON');
  if (!['NONE', 'COMPACT', 'FLATTEN'].includes(transformation) || !['JSON', 'JSONL'].includes(outputType)) {
    throw resultWriterFailed(
      `WriterConfig Transformation must be NONE, COMPACT or FLATTEN and OutputType JSON or JSONL.`,
    );
  }
  // WriterConfig alone: the transformed results are the state's result, nothing is exported.
  if (!exporting) return transformResults(outcomes, run, transformation);
  if (!String(writer.Resource).endsWith(':s3:putObject')) {
    throw resultWriterFailed(
      `The ResultWriter resource ${String(writer.Resource)} is not supported: use arn:aws:states:::s3:putObject.`,
    );
  }
  const bucket = params?.Bucket;
  if (typeof bucket !== 'string' || bucket === '')
    throw resultWriterFailed('The ResultWriter needs a Bucket.');
  const prefix =
    typeof params?.Prefix === 'string' && params.Prefix !== '' ? `${params.Prefix.replace(/\/$/, '')}/` : '';
  const folder = `${prefix}${run.mapRunArn.split(':').pop()}/`;
  const extension = outputType === 'JSONL' ? 'jsonl' : 'json';
  const files: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  try {
    for (const status of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) {
      const group = outcomes.filter((o) => fileOf(o) === status);
      if (group.length === 0) continue;
      const body = serialise(
        transformResults(group, run, status === 'SUCCEEDED' ? transformation : 'NONE'),
        outputType,
      );
      const key = `${folder}${status}_0.${extension}`;
      await store.putObject(bucket, key, body, { headers: { 'content-type': 'application/json' } });
      files[status].push({ Key: key, Size: Buffer.byteLength(body) });
    }
    const manifest = { DestinationBucket: bucket, MapRunArn: run.mapRunArn, ResultFiles: files };
    await store.putObject(bucket, `${folder}manifest.json`, JSON.stringify(manifest), {
      headers: { 'content-type': 'application/json' },
    });
  } catch (error) {
    throw resultWriterFailed(`${(error as Error).name}: ${(error as Error).message} (Bucket: ${bucket})`);
  }
  return { MapRunArn: run.mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: `${folder}manifest.json` } };
}
