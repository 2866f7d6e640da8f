// Queue definitions and their tags: one row per SQS queue (from the template or CreateQueue). Messages
// live in queues-messages.ts; both share the `queues` table family.
import type { Db, TableFamily } from './database.js';

/** Schema of queues, messages, deduplication ids and message move tasks. */
export const queuesFamily: TableFamily = {
  name: 'queues',
  migrations: [
    `CREATE TABLE sqs_queues (
       name TEXT PRIMARY KEY,
       arn TEXT NOT NULL,
       fifo INTEGER NOT NULL,
       attributes TEXT NOT NULL,
       tags TEXT NOT NULL,
       origin TEXT NOT NULL,
       created INTEGER NOT NULL,
       modified INTEGER NOT NULL
     );
     CREATE TABLE sqs_messages (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       queue TEXT NOT NULL,
       id TEXT NOT NULL,
       body TEXT NOT NULL,
       attributes TEXT,
       system TEXT,
       sent INTEGER NOT NULL,
       visible_at INTEGER NOT NULL,
       receive_count INTEGER NOT NULL DEFAULT 0,
       first_receive INTEGER,
       receipt TEXT,
       group_id TEXT,
       dedup_id TEXT,
       sequence TEXT,
       sender TEXT NOT NULL,
       trace_id TEXT,
       dlq_source TEXT
     );
     CREATE INDEX sqs_messages_visible ON sqs_messages(queue, visible_at, seq);
     CREATE UNIQUE INDEX sqs_messages_receipt ON sqs_messages(receipt);
     CREATE TABLE sqs_dedup (
       queue TEXT NOT NULL,
       dedup_id TEXT NOT NULL,
       message_id TEXT NOT NULL,
       sequence TEXT,
       expires INTEGER NOT NULL,
       PRIMARY KEY (queue, dedup_id)
     );
     CREATE TABLE sqs_move_tasks (
       handle TEXT PRIMARY KEY,
       source_arn TEXT NOT NULL,
       destination_arn TEXT,
       rate INTEGER,
       status TEXT NOT NULL,
       moved INTEGER NOT NULL,
       to_move INTEGER NOT NULL,
       started INTEGER NOT NULL,
       failure TEXT
     );`,
  ],
};

/** A queue as stored. */
export interface QueueRow {
  name: string;
  arn: string;
  fifo: boolean;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  /** `template` for AWS::SQS::Queue resources, `api` for CreateQueue. */
  origin: 'template' | 'api';
  created: number;
  modified: number;
}

interface RawQueueRow {
  name: string;
  arn: string;
  fifo: number;
  attributes: string;
  tags: string;
  origin: 'template' | 'api';
  created: number;
  modified: number;
}

function fromRaw(raw: RawQueueRow): QueueRow {
  return {
    ...raw,
    fifo: raw.fifo === 1,
    attributes: JSON.parse(raw.attributes) as Record<string, string>,
    tags: JSON.parse(raw.tags) as Record<string, string>,
  };
}

/** Reads and writes queue definitions. */
export class QueueDefinitions {
  private readonly selectAll;
  private readonly upsert;
  private readonly remove;

  constructor(private readonly db: Db) {
    this.selectAll = db.prepare<[], RawQueueRow>('SELECT * FROM sqs_queues ORDER BY name');
    this.upsert = db.prepare(
      `INSERT INTO sqs_queues (name, arn, fifo, attributes, tags, origin, created, modified)
       VALUES (@name, @arn, @fifo, @attributes, @tags, @origin, @created, @modified)
       ON CONFLICT(name) DO UPDATE SET arn = excluded.arn, fifo = excluded.fifo,
         attributes = excluded.attributes, tags = excluded.tags, origin = excluded.origin,
         modified = excluded.modified`,
    );
    this.remove = db.prepare('DELETE FROM sqs_queues WHERE name = ?');
  }

  /** Every stored queue. */
  all(): QueueRow[] {
    return this.selectAll.all().map(fromRaw);
  }

  /** Inserts or replaces a queue definition (its messages stay). */
  save(row: QueueRow): void {
    this.upsert.run({
      ...row,
      fifo: row.fifo ? 1 : 0,
      attributes: JSON.stringify(row.attributes),
      tags: JSON.stringify(row.tags),
    });
  }

  /** Deletes a queue with its messages and deduplication ids. */
  delete(name: string): void {
    this.db.transaction(() => {
      this.remove.run(name);
      this.db.prepare('DELETE FROM sqs_messages WHERE queue = ?').run(name);
      this.db.prepare('DELETE FROM sqs_dedup WHERE queue = ?').run(name);
    })();
  }
}
