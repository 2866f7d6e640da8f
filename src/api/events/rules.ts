// Rule operations: PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule and
// TestEventPattern, with AWS's checks and messages.
import { invalidPatternMessage, matchesPattern, validatePattern } from '../../patterns/index.js';
import { AwsError } from '../../shared/aws-error.js';
import { busNotFound, ruleNotFound, validation } from '../../services/bus/errors.js';
import type { Rule } from '../../services/bus/model.js';
import { busNameOf, ruleArn } from '../../services/bus/names.js';
import { parseSchedule } from '../../services/bus/schedule/expression.js';
import type { BusService } from '../../services/bus/service.js';
import { compact, page, str, Violations } from './validation.js';

const STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

/** The rule named by `Name`/`Rule` and `EventBusName`, or AWS's not-found error. */
export function findRule(bus: BusService, name: string, busNameOrArn: unknown): Rule {
  const busName = busNameOf(typeof busNameOrArn === 'string' ? busNameOrArn : undefined);
  if (!bus.catalog.bus(busName)) throw busNotFound(busName);
  const rule = bus.catalog.rule(busName, name);
  if (!rule) throw ruleNotFound(name, busName);
  return rule;
}

/** Throws InvalidEventPatternException when the pattern is not valid. */
export function checkPattern(pattern: string): void {
  const reason = validatePattern(pattern);
  if (reason !== null) throw new AwsError('InvalidEventPatternException', invalidPatternMessage(reason));
}

/** Serves PutRule: creates or updates a rule, keeping its targets. */
export function putRule(bus: BusService, input: Record<string, unknown>) {
  const violations = new Violations().name(input.Name, 'name');
  const state = str(input, 'State');
  if (state !== undefined && !STATES.includes(state)) {
    violations.add(state, 'state', `Member must satisfy enum value set: [${STATES.join(', ')}]`);
  }
  const description = str(input, 'Description');
  if (description !== undefined && description.length > 512) {
    violations.add(description, 'description', 'Member must have length less than or equal to 512');
  }
  violations.throwIfAny();
  const name = input.Name as string;
  const pattern = str(input, 'EventPattern');
  const schedule = str(input, 'ScheduleExpression');
  if (!pattern && !schedule)
    throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  const busName = busNameOf(str(input, 'EventBusName'));
  if (!bus.catalog.bus(busName)) throw busNotFound(busName);
  if (schedule !== undefined) {
    if (busName !== 'default')
      throw validation('ScheduleExpression is supported only on the default event bus.');
    if (!parseSchedule(schedule)) throw validation('Parameter ScheduleExpression is not valid.');
  }
  if (pattern !== undefined) checkPattern(pattern);
  const existing = bus.catalog.rule(busName, name);
  const rule: Rule = {
    name,
    busName,
    arn: existing?.arn ?? ruleArn(bus.scope, busName, name),
    origin: 'api',
    eventPattern: pattern,
    scheduleExpression: schedule,
    state: (state as Rule['state'] | undefined) ?? 'ENABLED',
    description,
    roleArn: str(input, 'RoleArn'),
    targets: existing?.targets ?? [],
    tags: { ...existing?.tags, ...tagMap(input.Tags) },
    createdAt: existing?.createdAt ?? Date.now(),
  };
  bus.catalog.putRule(rule);
  bus.refreshSchedules();
  return { RuleArn: rule.arn };
}

/** Tags in the API's `[{Key, Value}]` shape as a map. */
export function tagMap(tags: unknown): Record<string, string> {
  if (!Array.isArray(tags)) return {};
  return Object.fromEntries(tags.map((t: { Key?: string; Value?: string }) => [t.Key ?? '', t.Value ?? '']));
}

/** A rule in DescribeRule's and ListRules' shape. */
export function ruleShape(rule: Rule, accountId: string, describe = false) {
  return compact({
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state,
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: rule.busName,
    ...(describe ? { CreatedBy: accountId } : {}),
  });
}

/** The operations on rules. */
export function ruleOperations(bus: BusService) {
  const account = () => bus.scope.accountId;
  const setState = (input: Record<string, unknown>, state: Rule['state']) => {
    new Violations().name(input.Name, 'name').throwIfAny();
    const rule = findRule(bus, input.Name as string, input.EventBusName);
    bus.catalog.putRule({ ...rule, state });
    bus.refreshSchedules();
    return {};
  };
  return {
    PutRule: (input: Record<string, unknown>) => putRule(bus, input),
    DescribeRule: (input: Record<string, unknown>) => {
      new Violations().name(input.Name, 'name').throwIfAny();
      return ruleShape(findRule(bus, input.Name as string, input.EventBusName), account(), true);
    },
    ListRules: (input: Record<string, unknown>) => {
      const busName = busNameOf(str(input, 'EventBusName'));
      if (!bus.catalog.bus(busName)) throw busNotFound(busName);
      const prefix = str(input, 'NamePrefix') ?? '';
      const rules = bus.catalog
        .rules(busName)
        .filter((r) => r.name.startsWith(prefix))
        .sort((a, b) => a.name.localeCompare(b.name));
      const { items, nextToken } = page(rules, input);
      return compact({ Rules: items.map((r) => ruleShape(r, account())), NextToken: nextToken });
    },
    DeleteRule: (input: Record<string, unknown>) => {
      new Violations().name(input.Name, 'name').throwIfAny();
      const busName = busNameOf(str(input, 'EventBusName'));
      const rule = bus.catalog.rule(busName, input.Name as string);
      if (!rule) return {};
      if (rule.targets.length > 0) throw validation("Rule can't be deleted since it has targets.");
      bus.catalog.deleteRule(busName, rule.name);
      bus.refreshSchedules();
      return {};
    },
    EnableRule: (input: Record<string, unknown>) => setState(input, 'ENABLED'),
    DisableRule: (input: Record<string, unknown>) => setState(input, 'DISABLED'),
    TestEventPattern: (input: Record<string, unknown>) => {
      const pattern = str(input, 'EventPattern');
      const eventText = str(input, 'Event');
      if (pattern === undefined)
        new Violations().add(null, 'eventPattern', 'Member must not be null').throwIfAny();
      if (eventText === undefined)
        new Violations().add(null, 'event', 'Member must not be null').throwIfAny();
      checkPattern(pattern!);
      const event = parseTestEvent(eventText!);
      return { Result: matchesPattern(pattern!, event) };
    },
  };
}

/** TestEventPattern's event: a JSON object with the envelope's required fields. */
function parseTestEvent(text: string): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    event = undefined;
  }
  const ok =
    event !== null &&
    typeof event === 'object' &&
    !Array.isArray(event) &&
    ['id', 'account', 'source', 'time', 'region', 'detail-type'].every((k) => k in (event as object));
  if (!ok) throw validation('Parameter Event is not valid.');
  return event as Record<string, unknown>;
}
