// Pending deliveries: one row per (event, rule, target) until the target accepted it, it went to the
// dead-letter queue or it was dropped. The target's configuration is copied in, so a rule changed or
// removed by a reload does not lose a delivery already in flight.
import type { Db } from './database.js';

/** A delivery to record. */
export interface DeliveryInput {
  eventSeq: number;
  traceId: string;
  ruleArn: string;
  /** The target's configuration as JSON text. */
  target: string;
  payload: string;
  firstAt: number;
}

/** A stored delivery. */
export interface DeliveryRow extends DeliveryInput {
  id: number;
  attempts: number;
  nextAt: number;
}

/** Records, updates and removes pending deliveries. */
export class BusDeliveries {
  private readonly insert;
  private readonly remove;
  private readonly reschedule;
  private readonly selectAll;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO bus_deliveries (event_seq, trace_id, rule_arn, target, payload, first_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.remove = db.prepare('DELETE FROM bus_deliveries WHERE id = ?');
    this.reschedule = db.prepare('UPDATE bus_deliveries SET attempts = ?, next_at = ? WHERE id = ?');
    this.selectAll = db.prepare<[], DeliveryRow>(
      `SELECT id, event_seq AS eventSeq, trace_id AS traceId, rule_arn AS ruleArn, target, payload,
              attempts, first_at AS firstAt, next_at AS nextAt FROM bus_deliveries ORDER BY id`,
    );
  }

  /** Records a delivery (call inside the journal's transaction); returns it with its id. */
  add(input: DeliveryInput): DeliveryRow {
    const id = Number(
      this.insert.run(
        input.eventSeq,
        input.traceId,
        input.ruleArn,
        input.target,
        input.payload,
        input.firstAt,
        input.firstAt,
      ).lastInsertRowid,
    );
    return { ...input, id, attempts: 0, nextAt: input.firstAt };
  }

  /** The delivery finished (accepted, dead-lettered or dropped). */
  finish(id: number): void {
    this.remove.run(id);
  }

  /** Records a failed attempt and when the next one is due. */
  retryLater(id: number, attempts: number, nextAt: number): void {
    this.reschedule.run(attempts, nextAt, id);
  }

  /** Every pending delivery (on start, to resume them). */
  all(): DeliveryRow[] {
    return this.selectAll.all();
  }
}
