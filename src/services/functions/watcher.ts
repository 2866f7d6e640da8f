// Watching handler sources: chokidar for `eddy dev`, and a twin that does nothing for `--no-watch`
// (the idea of Vite's NoopWatcher), so no caller branches on the flag.
import { type FSWatcher, watch } from 'chokidar';

/** Reports changed files among those it was asked to watch. */
export interface FileWatcher {
  /** Starts watching these folders, not their subfolders (already watched ones are ignored). */
  add(paths: string[]): void;
  /** `listener` receives the absolute path of each file changed, added or removed. */
  onChange(listener: (file: string) => void): void;
  close(): Promise<void>;
}

/** A chokidar watcher (fs.watch underneath: changes arrive in milliseconds, no polling). */
export class ChokidarWatcher implements FileWatcher {
  private watcher?: FSWatcher;
  private readonly watched = new Set<string>();
  private readonly listeners: ((file: string) => void)[] = [];

  add(paths: string[]): void {
    const fresh = paths.filter((p) => !this.watched.has(p));
    if (fresh.length === 0) return;
    for (const p of fresh) this.watched.add(p);
    if (this.watcher) {
      this.watcher.add(fresh);
      return;
    }
    this.watcher = watch(fresh, {
      ignoreInitial: true,
      depth: 0,
      ignored: (p) => p.includes('/node_modules/') || p.includes('/__pycache__/'),
    });
    for (const event of ['change', 'add', 'unlink'] as const) {
      this.watcher.on(event, (file: string) => this.listeners.forEach((l) => l(file)));
    }
  }

  onChange(listener: (file: string) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    await this.watcher?.close();
  }
}

/** The `--no-watch` watcher: accepts everything, reports nothing. */
export class NoopWatcher implements FileWatcher {
  add(): void {}
  onChange(): void {}
  async close(): Promise<void> {}
}

/** The watcher for `eddy dev` (`watch: true`) or `--no-watch`. */
export function createWatcher(watch: boolean): FileWatcher {
  return watch ? new ChokidarWatcher() : new NoopWatcher();
}
