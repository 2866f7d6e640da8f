// EXPRESS children of map runs after they end: rows only (no history, as AWS keeps none for EXPRESS
// executions), so DescribeExecution and ListExecutions({ mapRunArn }) still find them. The oldest map
// runs' children are forgotten past a bound.
import type { ExecutionRow } from '../../../store/executions.js';

const KEPT = 100_000;

/** Ended EXPRESS children, by map run and by ARN. */
export class ExpressChildren {
  private readonly byRun = new Map<string, ExecutionRow[]>();
  private readonly byArn = new Map<string, ExecutionRow>();

  /** Remembers an ended child. */
  keep(row: ExecutionRow): void {
    const list = this.byRun.get(row.mapRunArn!) ?? [];
    if (list.length === 0) this.byRun.set(row.mapRunArn!, list);
    list.push(row);
    this.byArn.set(row.arn, row);
    while (this.byArn.size > KEPT && this.byRun.size > 1) {
      const [oldest, rows] = this.byRun.entries().next().value!;
      this.byRun.delete(oldest);
      for (const r of rows) this.byArn.delete(r.arn);
    }
  }

  /** One child by ARN. */
  get(arn: string): ExecutionRow | undefined {
    return this.byArn.get(arn);
  }

  /** A map run's ended children, in the order they ended. */
  ofMapRun(mapRunArn: string): readonly ExecutionRow[] {
    return this.byRun.get(mapRunArn) ?? [];
  }
}
