// AWS::StepFunctions::StateMachine (and expanded SAM machines) → StateMachineModel.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html
import type { StateMachineModel } from '../model.js';
import { isRecord } from '../resources.js';
import { str, type BuildInput } from './types.js';

/** AWS::StepFunctions::StateMachine, or undefined (with a warning) when its definition is in S3. */
export function buildStateMachine(input: BuildInput): StateMachineModel | undefined {
  const p = input.props;
  const { resource } = input;
  let definition: string;
  if (p.Definition !== undefined) definition = JSON.stringify(p.Definition);
  else if (typeof p.DefinitionString === 'string') definition = p.DefinitionString;
  else {
    const why =
      p.DefinitionS3Location !== undefined ? 'its definition in S3 (DefinitionS3Location)' : 'no definition';
    input.warn(
      `not emulated: ${resource.logicalId} has ${why}; use Definition or a local DefinitionUri`,
      resource.position,
    );
    return undefined;
  }
  // DefinitionSubstitutions replace `${Name}` in the definition text; other `${...}` stay as they are.
  const substitutions = isRecord(p.DefinitionSubstitutions) ? p.DefinitionSubstitutions : {};
  definition = definition.replace(/\$\{([^}]+)\}/g, (whole, name: string) =>
    name in substitutions ? (str(substitutions[name]) ?? '') : whole,
  );
  const type = str(p.StateMachineType) === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
  const machine: StateMachineModel = {
    kind: 'stateMachine',
    logicalId: resource.logicalId,
    name: input.identity.name,
    arn: input.identity.arn,
    position: resource.position,
    type,
    definition,
    roleArn:
      str(p.RoleArn) ??
      `arn:${input.scope.partition}:iam::${input.scope.accountId}:role/${input.identity.name}-role`,
  };
  if (resource.definitionPosition) machine.definitionPosition = resource.definitionPosition;
  return machine;
}
