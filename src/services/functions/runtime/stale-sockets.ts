// eddy's spawner socket (spawner-host.ts) is removed when eddy stops or exits, but not when eddy is
// killed (SIGKILL, a crash): the file then stays in the temp folder. A later eddy removes those whose
// listener is gone. Liveness is asked of the socket itself (ECONNREFUSED: nobody listens), never
// guessed from the pid in its name, which may belong to a live eddy in another PID namespace.
import { readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

/** Removes, in the background, the files in `dir` matching `pattern` that are sockets nobody listens on. */
export function removeStaleSockets(dir: string, pattern: RegExp): void {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => pattern.test(name));
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const probe = connect(path);
    probe.unref();
    probe.on('connect', () => probe.destroy());
    probe.on('error', (error: NodeJS.ErrnoException) => {
      // EACCES (another user's eddy) or anything else: not ours to judge.
      if (error.code === 'ECONNREFUSED') rmSync(path, { force: true });
    });
  }
}
