// File watching for reloads, and its no-op twin for --no-watch (so no caller branches on the flag).
import { statSync } from 'node:fs';
import { watch as chokidarWatch } from 'chokidar';

/** Watches files and reports changes. */
export interface FileWatcher {
  /** Watches more paths. */
  add(paths: string[]): void;
  close(): Promise<void>;
}

// chokidar drops a `change` that comes within 50 ms of the last one it emitted for the same path (its
// FSWatcher._emit throttle), so a second save right after a first (a formatter on save, a test) would
// be lost. After each report we look at the file once more, past that window.
const TRAILING_CHECK_MS = 80;

/** A watcher that calls `onChange(path)` for every write, coalescing bursts of events from one save. */
export function createWatcher(
  paths: string[],
  onChange: (path: string) => void,
  debounceMs = 25,
): FileWatcher {
  const watcher = chokidarWatch(paths, { ignoreInitial: true, awaitWriteFinish: false });
  const timers = new Map<string, NodeJS.Timeout>();
  const checks = new Map<string, NodeJS.Timeout>();
  const reported = new Map<string, string>();
  const report = (path: string) => {
    timers.delete(path);
    reported.set(path, fileStamp(path));
    onChange(path);
  };
  const check = (path: string) => {
    checks.delete(path);
    if (!timers.has(path) && fileStamp(path) !== reported.get(path)) fire(path);
  };
  const fire = (path: string) => {
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => report(path), debounceMs),
    );
    clearTimeout(checks.get(path));
    checks.set(
      path,
      setTimeout(() => check(path), debounceMs + TRAILING_CHECK_MS),
    );
  };
  watcher.on('change', fire).on('add', fire);
  return {
    add: (more) => void watcher.add(more),
    close: async () => {
      for (const timer of [...timers.values(), ...checks.values()]) clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** Size and modification time of a file ('missing' when it is gone), to tell one version from the next. */
export function fileStamp(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** The watcher for --no-watch: accepts paths, never reports. */
export function createNoopWatcher(): FileWatcher {
  return { add: () => undefined, close: async () => undefined };
}
