/// <reference lib="dom" />
// The console's live state: the App model, the events seen, live counters, all fed by `/_eddy/stream`.
// Views subscribe and redraw; nothing needs a page reload.
import { fetchApp, fetchEvents } from './api.js';
import { Counters } from './counts.js';
import { EventList, toEventRow } from './event-list.js';
import type { App, TraceRecord } from './types.js';

/** How many past records the stream replays on load (for the live counters and the activity view). */
const HISTORY = 2000;

/** A view's callback for new records (a batch at a time, at most once per animation frame). */
export type LiveListener = (records: TraceRecord[]) => void;

/** The live state shared by all views. */
export class Live {
  app!: App;
  readonly counters = new Counters();
  readonly events = new EventList();
  /** The most recent records of every kind (a bounded window for the activity panel). */
  readonly recent: TraceRecord[] = [];
  lastSeq = 0;
  connected = false;
  private readonly listeners = new Set<LiveListener>();
  private pending: TraceRecord[] = [];
  private scheduled = false;
  private source?: EventSource;

  /** Loads the app and the newest events, then opens the stream from the last record on. */
  async start(): Promise<void> {
    const [app, page] = await Promise.all([fetchApp(), fetchEvents(500)]);
    this.app = app;
    this.events.add(page.records.map(toEventRow).filter((r) => r !== undefined));
    // The stream starts a little in the past, so the counters and the activity view show recent work.
    this.lastSeq = Math.max(0, page.lastSeq - HISTORY);
    this.open();
  }

  private open(): void {
    this.source = new EventSource(`/_eddy/stream?since=${this.lastSeq}`);
    this.source.addEventListener('open', () => this.setConnected(true));
    this.source.addEventListener('error', () => this.setConnected(false));
    this.source.addEventListener('trace', (e) => {
      const record = JSON.parse((e as MessageEvent<string>).data) as TraceRecord;
      this.pending.push(record);
      if (!this.scheduled) {
        this.scheduled = true;
        requestAnimationFrame(() => void this.flush());
      }
    });
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    document.body.classList.toggle('offline', !connected);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    for (const record of batch) {
      if (record.seq <= this.lastSeq) continue;
      this.lastSeq = record.seq;
      this.counters.add(record);
      this.recent.push(record);
    }
    if (this.recent.length > 2000) this.recent.splice(0, this.recent.length - 1000);
    this.events.add(batch.map(toEventRow).filter((r) => r !== undefined));
    if (batch.some((r) => r.kind === 'reload' && !r.payload.function)) {
      // A failed fetch keeps the last app; the next reload record tries again.
      this.app = await fetchApp().catch(() => this.app);
    }
    for (const listener of this.listeners) listener(batch);
  }

  /** Receives record batches until the returned function is called. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads older events (for scrolling back); returns how many arrived. */
  async loadOlder(limit = 1000): Promise<number> {
    const oldest = this.events.oldestSeq();
    if (oldest === undefined || oldest <= 1) return 0;
    const page = await fetchEvents(limit, oldest);
    return this.events.add(page.records.map(toEventRow).filter((r) => r !== undefined));
  }
}
