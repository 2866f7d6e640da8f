// State machine operations: Create/Update/Delete/Describe/List, DescribeStateMachineForExecution and
// ValidateStateMachineDefinition (https://docs.aws.amazon.com/step-functions/latest/apireference/).
import { AwsError } from '../../shared/aws-error.js';
import { validateDefinition } from '../../services/workflows/index.js';
import {
  checkArn,
  checkName,
  machineOfExecution,
  stateMachineArn,
} from '../../services/workflows/service/arns.js';
import { stateMachineAlreadyExists } from '../../services/workflows/service/errors.js';
import { compile, type Machine } from '../../services/workflows/service/machines.js';
import type { WorkflowsService } from '../../services/workflows/service/service.js';
import type { JsonOperation } from '../protocol.js';
import { page, required, seconds } from './shapes.js';

function machineType(value: unknown): 'STANDARD' | 'EXPRESS' {
  if (value === undefined || value === 'STANDARD') return 'STANDARD';
  if (value === 'EXPRESS') return 'EXPRESS';
  throw new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
  );
}

function describe(m: Machine): Record<string, unknown> {
  return {
    stateMachineArn: m.arn,
    name: m.name,
    status: 'ACTIVE',
    definition: m.definition,
    roleArn: m.roleArn,
    type: m.type,
    creationDate: seconds(m.created),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
    revisionId: m.revision,
  };
}

/** The state machine operations over `service`. */
export function machineOperations(service: WorkflowsService): Record<string, JsonOperation> {
  const machines = () => service.machines;
  return {
    CreateStateMachine(input) {
      const name = checkName(required(input, 'name'));
      const definition = required(input, 'definition');
      const roleArn = required(input, 'roleArn');
      const type = machineType(input.type);
      const parsed = compile(definition);
      const arn = stateMachineArn(service.scope, name);
      const current = machines().find(arn);
      if (current) {
        // Idempotent for the same settings, as AWS documents.
        if (current.definition === definition && current.roleArn === roleArn && current.type === type)
          return { stateMachineArn: arn, creationDate: seconds(current.created) };
        throw stateMachineAlreadyExists(arn);
      }
      const m = machines().put({ arn, name, definition, type, roleArn, origin: 'api' }, parsed);
      return { stateMachineArn: arn, creationDate: seconds(m.created) };
    },
    UpdateStateMachine(input) {
      const arn = checkArn(required(input, 'stateMachineArn'), ['stateMachine']);
      const current = machines().get(arn);
      if (
        input.definition === undefined &&
        input.roleArn === undefined &&
        input.loggingConfiguration === undefined &&
        input.tracingConfiguration === undefined
      )
        throw new AwsError(
          'MissingRequiredParameter',
          'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
        );
      const definition = typeof input.definition === 'string' ? input.definition : current.definition;
      const parsed = compile(definition);
      const m = machines().put(
        {
          arn,
          name: current.name,
          definition,
          type: current.type,
          roleArn: (input.roleArn as string | undefined) ?? current.roleArn,
          origin: current.origin,
        },
        parsed,
      );
      return { updateDate: seconds(m.updated), revisionId: m.revision };
    },
    DeleteStateMachine(input) {
      const arn = checkArn(required(input, 'stateMachineArn'), ['stateMachine']);
      machines().delete(arn);
      return {};
    },
    DescribeStateMachine(input) {
      const arn = checkArn(required(input, 'stateMachineArn'), ['stateMachine']);
      return describe(machines().get(arn));
    },
    ListStateMachines(input) {
      const { items, nextToken } = page(machines().list(), input);
      return {
        stateMachines: items.map((m) => ({
          stateMachineArn: m.arn,
          name: m.name,
          type: m.type,
          creationDate: seconds(m.created),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    DescribeStateMachineForExecution(input) {
      const row = service.executions.describe(required(input, 'executionArn'));
      const m = machines().find(machineOfExecution(row.arn));
      return {
        stateMachineArn: row.stateMachineArn,
        name: row.stateMachineArn.split(':')[6],
        definition: row.definition,
        roleArn: m?.roleArn ?? '',
        updateDate: seconds(m?.updated ?? row.startDate),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
        revisionId: row.revision,
        // A Distributed Map child also names its map run and the Map state's label.
        ...(row.mapRunArn !== undefined
          ? { mapRunArn: row.mapRunArn, label: row.stateMachineArn.split(':')[6].split('/').pop() }
          : {}),
      };
    },
    ValidateStateMachineDefinition(input) {
      const definition = required(input, 'definition');
      let value: unknown;
      try {
        value = JSON.parse(definition);
      } catch (error) {
        return {
          result: 'FAIL',
          diagnostics: [
            {
              severity: 'ERROR',
              code: 'INVALID_JSON_DESCRIPTION',
              message: (error as Error).message,
              location: '/',
            },
          ],
          truncated: false,
        };
      }
      const all = validateDefinition(value).map((d) => ({
        severity: d.severity ?? 'ERROR',
        code: d.code,
        message: d.message,
        location: d.location,
      }));
      const wanted = input.severity === 'WARNING' ? all : all.filter((d) => d.severity === 'ERROR');
      const max = Number(input.maxResults ?? 0) || 100;
      return {
        result: all.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
        diagnostics: wanted.slice(0, max),
        truncated: wanted.length > max,
      };
    },
  };
}
