// Deliveries waiting for a retry: one row per (event, rule, target) from its first failed attempt until
// the target accepted it, it went to the dead-letter queue or it was dropped (a first attempt lives in
// memory, its event pending in the journal). The target's configuration is copied in, so a rule
// changed or removed by a reload does not lose a delivery already waiting.
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
  /** Attempts made so far (0 when omitted). */
  attempts?: number;
  /** When the next attempt is due (firstAt when omitted). */
  nextAt?: number;
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
      'INSERT INTO bus_deliveries (event_seq, trace_id, rule_arn, target, payload, attempts, first_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.remove = db.prepare('DELETE FROM bus_deliveries WHERE id = ?');
    this.reschedule = db.prepare('UPDATE bus_deliveries SET attempts = ?, next_at = ? WHERE id = ?');
    this.selectAll = db.prepare<[], DeliveryRow>(
      `SELECT id, event_seq AS eventSeq, trace_id AS traceId, rule_arn AS ruleArn, target, payload,
              attempts, first_at AS firstAt, next_at AS nextAt FROM bus_deliveries ORDER BY id`,
    );
  }

  /** Records a delivery; returns it with its id. */
  add(input: DeliveryInput): DeliveryRow {
    const attempts = input.attempts ?? 0;
    const nextAt = input.nextAt ?? input.firstAt;
    const id = Number(
      this.insert.run(
        input.eventSeq,
        input.traceId,
        input.ruleArn,
        input.target,
        input.payload,
        attempts,
        input.firstAt,
        nextAt,
      ).lastInsertRowid,
    );
    return { ...input, id, attempts, nextAt };
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
