// Fires scheduled rules and EventBridge Scheduler schedules on the clock. A rule's schedule puts a
// "Scheduled Event" on its bus for its targets only; a Scheduler schedule calls its one target with
// its Input. Re-armed on every apply, so a reload adds, changes or removes schedules.
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Logger } from '../../../shared/logger.js';
import type { ScheduleModel, TargetModel } from '../../../template/model.js';
import type { TraceHub } from '../../../trace/hub.js';
import type { Rule } from '../model.js';
import { parseSchedule, zonedTime, type Schedule } from './expression.js';

/** What the scheduler needs. */
export interface SchedulerDeps {
  clock: Clock;
  logger: Logger;
  trace: TraceHub;
  /** Calls a schedule's target with its input (the same paths as rule targets). */
  callTarget(target: TargetModel, payload: string, traceId: string): Promise<void>;
  fireRule(rule: Rule, time: number): void;
}

interface Armed {
  signature: string;
  timer?: TimerHandle;
}

/** Keeps one timer per enabled schedule. */
export class Scheduler {
  private readonly armed = new Map<string, Armed>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** Arms the schedules of these rules and Scheduler schedules; disarms the others. */
  update(rules: Rule[], schedules: ScheduleModel[]): void {
    const wanted = new Map<string, { signature: string; arm: () => TimerHandle | undefined }>();
    for (const rule of rules) {
      if (!rule.scheduleExpression || rule.state === 'DISABLED') continue;
      const schedule = parseSchedule(rule.scheduleExpression, 'UTC', this.deps.clock.now());
      if (!schedule) continue;
      wanted.set(`rule:${rule.arn}`, {
        signature: rule.scheduleExpression,
        arm: () => this.loop(schedule, (time) => this.deps.fireRule(rule, time)),
      });
    }
    for (const model of schedules) {
      if (model.state === 'DISABLED') continue;
      const timezone = model.scheduleExpressionTimezone ?? 'UTC';
      const schedule = parseSchedule(model.scheduleExpression, timezone, this.deps.clock.now());
      if (!schedule) {
        this.deps.logger.warn(`schedule ${model.name}: expression ${model.scheduleExpression} is not valid`);
        continue;
      }
      const bounded = withinDates(schedule, model, timezone);
      wanted.set(`schedule:${model.arn}`, {
        signature: JSON.stringify(model),
        arm: () => this.loop(bounded, (time) => void this.fireSchedule(model, time)),
      });
    }
    for (const [key, armed] of this.armed) {
      const next = wanted.get(key);
      if (!next || next.signature !== armed.signature) {
        armed.timer?.cancel();
        this.armed.delete(key);
      }
    }
    for (const [key, { signature, arm }] of wanted) {
      if (this.armed.has(key)) continue;
      const entry: Armed = { signature };
      this.armed.set(key, entry);
      // loop() re-arms itself behind one handle that cancels whichever timer is current.
      entry.timer = arm();
    }
  }

  /** Cancels every timer. */
  dispose(): void {
    for (const armed of this.armed.values()) armed.timer?.cancel();
    this.armed.clear();
  }

  private loop(schedule: Schedule, fire: (time: number) => void): TimerHandle | undefined {
    const clock = this.deps.clock;
    let current: TimerHandle | undefined;
    let cancelled = false;
    const arm = (after: number) => {
      const at = schedule.next(after);
      if (at === undefined || cancelled) return;
      current = clock.setTimer(() => {
        if (cancelled) return;
        try {
          fire(at);
        } catch (error) {
          this.deps.logger.error(`schedule failed: ${(error as Error).message}`);
        }
        arm(at);
      }, at - clock.now());
    };
    arm(clock.now());
    return {
      cancel: () => {
        cancelled = true;
        current?.cancel();
      },
    };
  }

  private async fireSchedule(model: ScheduleModel, time: number): Promise<void> {
    const traceId = `${model.name}-${time}`;
    const target = model.target;
    const payload = target.input ?? '{}';
    this.deps.trace.publish({
      kind: 'event',
      traceId,
      resource: model.arn,
      payload: {
        schedule: model.name,
        event: {
          source: 'aws.scheduler',
          'detail-type': 'Scheduled Event',
          time: new Date(time).toISOString(),
        },
      },
    });
    let outcome: Record<string, unknown> = { outcome: 'succeeded' };
    try {
      await this.deps.callTarget(target, payload, traceId);
    } catch (error) {
      outcome = { outcome: 'failed', error: (error as Error).message };
    }
    this.deps.trace.publish({
      kind: 'delivery',
      traceId,
      resource: target.arn,
      payload: { schedule: model.name, target: target.id, targetArn: target.arn, attempt: 1, ...outcome },
    });
  }
}

function withinDates(schedule: Schedule, model: ScheduleModel, timezone: string): Schedule {
  const start = model.startDate ? toMs(model.startDate, timezone) : undefined;
  const end = model.endDate ? toMs(model.endDate, timezone) : undefined;
  return {
    next(after) {
      const at = schedule.next(start !== undefined ? Math.max(after, start - 1) : after);
      return at !== undefined && end !== undefined && at > end ? undefined : at;
    },
  };
}

function toMs(date: string, timezone: string): number {
  return /[zZ]|[+-]\d\d:?\d\d$/.test(date) ? Date.parse(date) : zonedTime(date.slice(0, 19), timezone);
}
