// What eddy and its spawner process (spawner.ts) say to each other over the spawner's IPC channel, and
// the hello line that opens each handler stream on eddy's socket. Only types and constants: spawner.ts
// is bundled on its own and must import nothing of eddy's at run time.

/** A stream between eddy and a handler process; they take the handler's fds 1, 2, 3... in the order given. */
export type StreamName = 'stdout' | 'stderr' | 'ipc' | 'requests' | 'replies';

/** eddy → spawner, first message: where eddy's socket is and the secret each hello must carry. */
export interface SpawnerConfig {
  type: 'config';
  socketPath: string;
  token: string;
}

/** eddy → spawner: start one handler process with exactly this environment. */
export interface LaunchRequest {
  type: 'launch';
  id: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  streams: StreamName[];
}

/** What eddy sends its spawner. */
export type SpawnerRequest = SpawnerConfig | LaunchRequest;

/** What the spawner reports about a launch. */
export type SpawnerReport =
  | { type: 'spawned'; id: string; pid: number }
  | { type: 'exit'; id: string; code: number | null; signal: NodeJS.Signals | null }
  | { type: 'failed'; id: string; message: string };

/** The first line the spawner writes on each connection to eddy's socket. */
export interface Hello {
  id: string;
  token: string;
  stream: StreamName;
}

/** A hello longer than this is not one (the connection is dropped). */
export const MAX_HELLO_BYTES = 1024;
