// AWS::Serverless::StateMachine → AWS::StepFunctions::StateMachine (+ its event sources).
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { templateError } from '../errors.js';
import { parseTemplateText } from '../reader/parse.js';
import { isRecord, type TemplateResource } from '../resources.js';
import { generatedResource, implicitResource, type ExpandContext } from './context.js';
import { expandRuleEvent, type EventTarget } from './events.js';
import { mergeGlobals } from './globals.js';

const RULE_EVENTS = new Set(['EventBridgeRule', 'CloudWatchEvent', 'Schedule', 'ScheduleV2']);

/** Expand one SAM state machine into CloudFormation resources (added through `ctx.add`). */
export function expandStateMachine(resource: TemplateResource, globals: unknown, ctx: ExpandContext): void {
  const p = mergeGlobals(globals, resource.properties, ctx.positions) as Record<string, unknown>;
  const id = resource.logicalId;
  // Role and Policies only matter to IAM, which eddy does not enforce; the machine still needs an ARN.
  let role = p.Role;
  if (role === undefined) {
    ctx.add(implicitResource(`${id}Role`, 'AWS::IAM::Role', resource));
    role = { 'Fn::GetAtt': [`${id}Role`, 'Arn'] };
  }
  const machine = generatedResource(
    id,
    'AWS::StepFunctions::StateMachine',
    {
      StateMachineName: p.Name,
      StateMachineType: p.Type,
      RoleArn: role,
      Definition: p.Definition,
      DefinitionSubstitutions: p.DefinitionSubstitutions,
      Tags: p.Tags,
    },
    resource,
  );
  machine.metadata = resource.metadata;
  machine.dependsOn = resource.dependsOn;
  if (p.Definition !== undefined) {
    machine.definitionPosition = ctx.positions.value(resource.properties, 'Definition');
  } else if (typeof p.DefinitionUri === 'string') {
    const { text, position } = readDefinition(p.DefinitionUri, resource.properties, ctx);
    // A definition file is not processed for intrinsics: only DefinitionSubstitutions apply.
    machine.properties.DefinitionString = text;
    machine.definitionPosition = position;
  } else if (p.DefinitionUri !== undefined) {
    machine.properties.DefinitionS3Location = p.DefinitionUri;
  }
  ctx.positions.copy(resource.properties, machine.properties);
  ctx.add(machine);
  expandEvents(resource, p.Events, ctx);
}

function readDefinition(uri: string, properties: Record<string, unknown>, ctx: ExpandContext) {
  const file = resolve(ctx.rootDir, uri);
  if (!existsSync(file)) {
    throw templateError(
      'TEMPLATE_MISSING_FILE',
      `DefinitionUri '${uri}' does not exist (looked for ${file})`,
      ctx.positions.value(properties, 'DefinitionUri'),
      `Create the file, or fix DefinitionUri: it is read relative to the template's folder (${ctx.rootDir}).`,
    );
  }
  const shown = relative(process.cwd(), file);
  const display = shown.startsWith('..') ? file : shown;
  const parsed = parseTemplateText(readFileSync(file, 'utf8'), display);
  return { text: JSON.stringify(parsed.doc), position: { file: display, line: 1, column: 1 } };
}

function expandEvents(resource: TemplateResource, events: unknown, ctx: ExpandContext): void {
  if (!isRecord(events)) return;
  const target: EventTarget = {
    arn: { Ref: resource.logicalId },
    idSuffix: 'StepFunctionsTarget',
    needsRole: true,
  };
  for (const [name, event] of Object.entries(events)) {
    const position = ctx.positions.key(events, name);
    if (isRecord(event) && RULE_EVENTS.has(String(event.Type))) {
      expandRuleEvent(resource, name, event, target, ctx, position);
    } else {
      const type = isRecord(event) ? String(event.Type) : 'unknown';
      ctx.warn(`not emulated: event source ${type} ${resource.logicalId}.${name}`, position);
    }
  }
}
