// The event bus's tables: the event journal (the ack waits for its commit), pending deliveries, the
// resources created through the API (template ones come from the template on every start), archived
// events and replays.
import type { TableFamily } from './database.js';

/** Schema of the bus tables. */
export const busFamily: TableFamily = {
  name: 'bus',
  migrations: [
    `CREATE TABLE bus_events (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       id TEXT NOT NULL,
       bus TEXT NOT NULL,
       time INTEGER NOT NULL,
       envelope TEXT NOT NULL,
       replay TEXT,
       filter TEXT,
       done INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX bus_events_pending ON bus_events(done) WHERE done = 0;
     CREATE TABLE bus_deliveries (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       event_seq INTEGER NOT NULL,
       trace_id TEXT NOT NULL,
       rule_arn TEXT NOT NULL,
       target TEXT NOT NULL,
       payload TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       first_at INTEGER NOT NULL,
       next_at INTEGER NOT NULL
     );
     CREATE TABLE bus_resources (
       kind TEXT NOT NULL,
       key TEXT NOT NULL,
       doc TEXT NOT NULL,
       PRIMARY KEY (kind, key)
     );
     CREATE TABLE bus_archive_events (
       archive TEXT NOT NULL,
       event_seq INTEGER NOT NULL,
       time INTEGER NOT NULL,
       size INTEGER NOT NULL,
       PRIMARY KEY (archive, event_seq)
     );
     CREATE INDEX bus_archive_events_time ON bus_archive_events(archive, time);`,
  ],
};
