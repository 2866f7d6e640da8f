// The client for a running `eddy dev`: finds its endpoint and reads its trace stream (undici).
import { resolve } from 'node:path';
import { request } from 'undici';
import { DEFAULT_PORT } from '../dev/options.js';
import { readServerInfo } from '../dev/server-info.js';
import { EddyError } from '../shared/errors.js';
import type { TraceRecord } from '../trace/record.js';

/** The endpoint to talk to: the flag, else what `.eddy/server.json` records, else the default port. */
export function findEndpoint(flag: string | undefined, stateDir = '.eddy'): string {
  if (flag) return flag.replace(/\/$/, '');
  return readServerInfo(resolve(stateDir))?.endpoint ?? `http://127.0.0.1:${DEFAULT_PORT}`;
}

/** The error for an endpoint where no `eddy dev` answers, with how to start one. */
export function notRunning(endpoint: string, cause: unknown): EddyError {
  return new EddyError('NOT_RUNNING', `No eddy dev is answering at ${endpoint}`, {
    fix: 'Start it with `npx eddy dev` in your project (or pass --endpoint to point at where it runs).',
    cause,
  });
}

/** Streams trace records from the server until `signal` aborts or the server goes away. */
export async function* streamTrace(endpoint: string, since: string | undefined, signal?: AbortSignal) {
  const url = `${endpoint}/_eddy/stream${since ? `?since=${encodeURIComponent(since)}` : ''}`;
  let response;
  try {
    response = await request(url, { signal, headers: { accept: 'text/event-stream' } });
  } catch (error) {
    if (signal?.aborted) return;
    throw notRunning(endpoint, error);
  }
  if (response.statusCode !== 200) throw notRunning(endpoint, new Error(`HTTP ${response.statusCode}`));
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (data) yield JSON.parse(data) as TraceRecord;
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}
