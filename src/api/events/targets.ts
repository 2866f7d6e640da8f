// Target operations: PutTargets, RemoveTargets, ListTargetsByRule, ListRuleNamesByTarget. Targets are
// checked as AWS checks them (ids, at most five per rule, RetryPolicy ranges, input configuration via
// transform/'s validateTargetInput) and kept in the template model's shape.
import type { TargetModel } from '../../template/model.js';
import { validateTargetInput } from '../../transform/index.js';
import { AwsError } from '../../shared/aws-error.js';
import { busNotFound, limitExceeded } from '../../services/bus/errors.js';
import { busNameOf } from '../../services/bus/names.js';
import type { BusService } from '../../services/bus/service.js';
import { findRule } from './rules.js';
import { compact, page, str, Violations } from './validation.js';

/** AWS allows five targets per rule. */
const MAX_TARGETS = 5;

type Wire = Record<string, unknown>;

/** A PutTargets target as the model's TargetModel. */
export function fromWire(t: Wire): TargetModel {
  const transformer = t.InputTransformer as Wire | undefined;
  const retry = t.RetryPolicy as Wire | undefined;
  return compact({
    id: t.Id as string,
    arn: t.Arn as string,
    roleArn: t.RoleArn as string | undefined,
    input: t.Input as string | undefined,
    inputPath: t.InputPath as string | undefined,
    inputTransformer: transformer
      ? {
          inputPathsMap: transformer.InputPathsMap as Record<string, string> | undefined,
          inputTemplate: transformer.InputTemplate as string,
        }
      : undefined,
    retryPolicy: retry
      ? compact({
          maximumRetryAttempts: retry.MaximumRetryAttempts as number | undefined,
          maximumEventAgeInSeconds: retry.MaximumEventAgeInSeconds as number | undefined,
        })
      : undefined,
    deadLetterArn: (t.DeadLetterConfig as Wire | undefined)?.Arn as string | undefined,
    messageGroupId: (t.SqsParameters as Wire | undefined)?.MessageGroupId as string | undefined,
    httpParameters: t.HttpParameters as Record<string, unknown> | undefined,
  });
}

/** A TargetModel in ListTargetsByRule's shape. */
export function toWire(t: TargetModel): Wire {
  return compact({
    Id: t.id,
    Arn: t.arn,
    RoleArn: t.roleArn,
    Input: t.input,
    InputPath: t.inputPath,
    InputTransformer: t.inputTransformer
      ? compact({
          InputPathsMap: t.inputTransformer.inputPathsMap,
          InputTemplate: t.inputTransformer.inputTemplate,
        })
      : undefined,
    RetryPolicy: t.retryPolicy
      ? compact({
          MaximumRetryAttempts: t.retryPolicy.maximumRetryAttempts,
          MaximumEventAgeInSeconds: t.retryPolicy.maximumEventAgeInSeconds,
        })
      : undefined,
    DeadLetterConfig: t.deadLetterArn ? { Arn: t.deadLetterArn } : undefined,
    SqsParameters: t.messageGroupId ? { MessageGroupId: t.messageGroupId } : undefined,
    HttpParameters: t.httpParameters,
  });
}

function checkTargets(targets: Wire[]): void {
  const violations = new Violations();
  targets.forEach((t, i) => {
    const at = `targets.${i + 1}.member`;
    violations.name(t.Id, `${at}.id`);
    if (typeof t.Arn !== 'string') violations.add(null, `${at}.arn`, 'Member must not be null');
    else if (t.Arn.length > 1600)
      violations.add(t.Arn, `${at}.arn`, 'Member must have length less than or equal to 1600');
    const retry = t.RetryPolicy as Wire | undefined;
    const attempts = retry?.MaximumRetryAttempts;
    if (typeof attempts === 'number' && attempts > 185) {
      violations.add(
        attempts,
        `${at}.retryPolicy.maximumRetryAttempts`,
        'Member must have value less than or equal to 185',
      );
    }
    if (typeof attempts === 'number' && attempts < 0) {
      violations.add(
        attempts,
        `${at}.retryPolicy.maximumRetryAttempts`,
        'Member must have value greater than or equal to 0',
      );
    }
    const age = retry?.MaximumEventAgeInSeconds;
    if (typeof age === 'number' && age > 86400) {
      violations.add(
        age,
        `${at}.retryPolicy.maximumEventAgeInSeconds`,
        'Member must have value less than or equal to 86400',
      );
    }
    if (typeof age === 'number' && age < 60) {
      violations.add(
        age,
        `${at}.retryPolicy.maximumEventAgeInSeconds`,
        'Member must have value greater than or equal to 60',
      );
    }
  });
  violations.throwIfAny();
  targets.forEach((t, i) => {
    const problem = validateTargetInput(fromWire(t), i + 1);
    if (problem) throw new AwsError(problem.code, problem.message);
    const dlq = (t.DeadLetterConfig as Wire | undefined)?.Arn;
    if (typeof dlq === 'string' && dlq.split(':')[2] !== 'sqs') {
      throw new AwsError(
        'ValidationException',
        `Parameter DeadLetterConfig.Arn is not valid. Reason: ${dlq} is not an SQS queue ARN.`,
      );
    }
  });
}

/** The operations on targets. */
export function targetOperations(bus: BusService) {
  return {
    PutTargets: (input: Wire) => {
      const violations = new Violations().name(input.Rule, 'rule');
      if (!Array.isArray(input.Targets)) violations.add(null, 'targets', 'Member must not be null');
      violations.throwIfAny();
      const wire = input.Targets as Wire[];
      if (wire.length > MAX_TARGETS) throw limitExceeded();
      checkTargets(wire);
      const rule = findRule(bus, input.Rule as string, input.EventBusName);
      const targets = new Map(rule.targets.map((t) => [t.id, t]));
      for (const t of wire) targets.set(t.Id as string, fromWire(t));
      if (targets.size > MAX_TARGETS) throw limitExceeded();
      bus.catalog.putRule({ ...rule, origin: 'api', targets: [...targets.values()] });
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
    RemoveTargets: (input: Wire) => {
      const violations = new Violations().name(input.Rule, 'rule');
      if (!Array.isArray(input.Ids)) violations.add(null, 'ids', 'Member must not be null');
      violations.throwIfAny();
      const rule = findRule(bus, input.Rule as string, input.EventBusName);
      const ids = new Set(input.Ids as string[]);
      bus.catalog.putRule({ ...rule, origin: 'api', targets: rule.targets.filter((t) => !ids.has(t.id)) });
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
    ListTargetsByRule: (input: Wire) => {
      new Violations().name(input.Rule, 'rule').throwIfAny();
      const rule = findRule(bus, input.Rule as string, input.EventBusName);
      const { items, nextToken } = page(rule.targets, input);
      return compact({ Targets: items.map(toWire), NextToken: nextToken });
    },
    ListRuleNamesByTarget: (input: Wire) => {
      const arn = str(input, 'TargetArn');
      if (arn === undefined) new Violations().add(null, 'targetArn', 'Member must not be null').throwIfAny();
      const busName = busNameOf(str(input, 'EventBusName'));
      if (!bus.catalog.bus(busName)) throw busNotFound(busName);
      const names = bus.catalog
        .rules(busName)
        .filter((r) => r.targets.some((t) => t.arn === arn))
        .map((r) => r.name)
        .sort();
      const { items, nextToken } = page(names, input);
      return compact({ RuleNames: items, NextToken: nextToken });
    },
  };
}
