// `.eddy/server.json`: where a running `eddy dev` listens, so `eddy tail` and other commands find it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running server records about itself. */
export interface ServerInfo {
  endpoint: string;
  pid: number;
  template?: string;
  startedAt: string;
}

/** Records the running server in the state folder. */
export function writeServerInfo(stateDir: string, info: ServerInfo): void {
  writeFileSync(join(stateDir, 'server.json'), JSON.stringify(info, null, 2) + '\n');
}

/** Reads the record, or undefined when there is none or it is unreadable. */
export function readServerInfo(stateDir: string): ServerInfo | undefined {
  try {
    return JSON.parse(readFileSync(join(stateDir, 'server.json'), 'utf8')) as ServerInfo;
  } catch {
    return undefined;
  }
}

/** Removes the record when the server stops, unless another server has written its own since. */
export function removeServerInfo(stateDir: string, pid = process.pid): void {
  if (readServerInfo(stateDir)?.pid === pid) rmSync(join(stateDir, 'server.json'), { force: true });
}
