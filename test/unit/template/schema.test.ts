import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplateText, toLongForm, validateSamSchema } from '../../../src/template/index.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/templates');

describe("SAM's JSON schema", () => {
  it.each(['shop/template.yaml', 'weather-cfn/template.json'])('accepts the fixture %s', (file) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    expect(validateSamSchema(toLongForm(text, file))).toEqual([]);
  });

  it('rejects a broken SAM function, with the position of the bad property', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Timeout: [1, 2]
      Eventz: {}
`;
    const { doc, positions } = parseTemplateText(text, 'template.yaml');
    const problems = validateSamSchema(doc, positions);
    expect(problems).toEqual([
      {
        message: 'Resources.Fn.Properties.Eventz: is not a property SAM knows',
        location: 'template.yaml:9:7',
      },
    ]);
  });

  it('reports a misspelt property of a SAM state machine event', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {StartAt: A, States: {A: {Type: Succeed}}}
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            Patern: {source: [shop]}
`;
    const { doc, positions } = parseTemplateText(text, 'template.yaml');
    const problems = validateSamSchema(doc, positions);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.message.startsWith('Resources.Flow.Properties.Events'))).toBe(true);
    expect(problems.map((p) => p.location)).toContain('template.yaml:11:13');
  });

  it('rejects a template whose Resources is not a map', () => {
    expect(validateSamSchema({ Resources: [1] }).length).toBeGreaterThan(0);
  });
});
