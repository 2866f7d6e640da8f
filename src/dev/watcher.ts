// File watching for reloads, and its no-op twin for --no-watch (so no caller branches on the flag).
import { watch as chokidarWatch } from 'chokidar';

/** Watches files and reports changes. */
export interface FileWatcher {
  /** Watches more paths. */
  add(paths: string[]): void;
  close(): Promise<void>;
}

/** A watcher that calls `onChange(path)` for every write, coalescing bursts of events from one save. */
export function createWatcher(
  paths: string[],
  onChange: (path: string) => void,
  debounceMs = 25,
): FileWatcher {
  const watcher = chokidarWatch(paths, { ignoreInitial: true, awaitWriteFinish: false });
  const timers = new Map<string, NodeJS.Timeout>();
  const fire = (path: string) => {
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => {
        timers.delete(path);
        onChange(path);
      }, debounceMs),
    );
  };
  watcher.on('change', fire).on('add', fire);
  return {
    add: (more) => void watcher.add(more),
    close: async () => {
      for (const timer of timers.values()) clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** The watcher for --no-watch: accepts paths, never reports. */
export function createNoopWatcher(): FileWatcher {
  return { add: () => undefined, close: async () => undefined };
}
