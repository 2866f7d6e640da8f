import { describe, expect, it } from 'vitest';
import { EddyError } from '../../../src/shared/errors.js';
import { loadTemplate } from '../../../src/template/index.js';
import { loadYaml, rejection, writeProject } from './helpers.js';

const QUEUES = `Resources:
  Orders:
    Type: AWS::SQS::Queue
  Consumer:
    Type: AWS::SQS::Queue
    Properties:
`;

describe('template errors name file:line:col and say how to fix them', () => {
  it('an unknown Ref, suggesting the closest name', async () => {
    const error = await rejection(loadYaml(`${QUEUES}      QueueName: !Ref Orderz\n`));
    expect(error).toBeInstanceOf(EddyError);
    expect(error).toMatchObject({
      code: 'TEMPLATE_UNKNOWN_REF',
      location: expect.stringMatching(/template\.yaml:7:18$/),
    });
    expect(error.fix).toBe(
      "Declare a Parameter or Resource named 'Orderz', or fix the name (did you mean 'Orders'?).",
    );
  });

  it('an unknown Ref in long form and inside Fn::Sub', async () => {
    const long = await rejection(loadYaml(`${QUEUES}      QueueName:\n        Ref: Nope\n`));
    expect(long).toMatchObject({ code: 'TEMPLATE_UNKNOWN_REF', location: expect.stringMatching(/:8:9$/) });
    const sub = await rejection(loadYaml(`${QUEUES}      QueueName: !Sub '\${Ordres}-x'\n`));
    expect(sub).toMatchObject({ code: 'TEMPLATE_UNKNOWN_REF', location: expect.stringMatching(/:7:18$/) });
    expect(sub.fix).toContain("did you mean 'Orders'");
  });

  it('a GetAtt of an unknown resource or attribute', async () => {
    const resource = await rejection(loadYaml(`${QUEUES}      QueueName: !GetAtt Ordrs.QueueName\n`));
    expect(resource).toMatchObject({
      code: 'TEMPLATE_BAD_GETATT',
      location: expect.stringMatching(/:7:18$/),
    });
    expect(resource.fix).toContain("did you mean 'Orders'");
    const attribute = await rejection(loadYaml(`${QUEUES}      QueueName: !GetAtt [Orders, Name]\n`));
    expect(attribute).toMatchObject({
      code: 'TEMPLATE_BAD_GETATT',
      location: expect.stringMatching(/:7:18$/),
    });
    expect(attribute.message).toContain("AWS::SQS::Queue 'Orders' has no attribute 'Name'");
    expect(attribute.fix).toBe("Use one of: Arn, QueueName, QueueUrl (did you mean 'QueueName'?).");
    const malformed = await rejection(loadYaml(`${QUEUES}      QueueName: !GetAtt Orders\n`));
    expect(malformed).toMatchObject({
      code: 'TEMPLATE_BAD_GETATT',
      location: expect.stringMatching(/:7:18$/),
    });
  });

  it('a cycle through Ref, GetAtt and DependsOn', async () => {
    const error = await rejection(
      loadYaml(`Resources:
  A:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !GetAtt B.QueueName
  B:
    Type: AWS::SQS::Queue
    DependsOn: C
  C:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${A}-c'
`),
    );
    expect(error).toMatchObject({
      code: 'TEMPLATE_CYCLE',
      location: expect.stringMatching(/template\.yaml:2:3$/),
    });
    expect(error.message).toContain('A → B → C → A');
    expect(error.fix).toContain('Break the loop');
  });

  it('a DependsOn that names nothing', async () => {
    const error = await rejection(
      loadYaml(
        'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: [Bee]\n  B: {Type: AWS::SQS::Queue}\n',
      ),
    );
    expect(error).toMatchObject({ code: 'TEMPLATE_UNKNOWN_REF', location: expect.stringMatching(/:2:3$/) });
  });

  it('invalid YAML and JSON files', async () => {
    const yaml = await rejection(
      loadYaml('Resources:\n  A:\n    Type: AWS::SQS::Queue\n     Properties: {}\n'),
    );
    expect(yaml).toMatchObject({
      code: 'TEMPLATE_INVALID_YAML',
      location: expect.stringMatching(/template\.yaml:3:11$/),
    });
    const json = await rejection(
      loadTemplate(
        writeProject({
          'template.json': '{\n  "Resources": {\n    "A": {"Type": "AWS::SQS::Queue",}\n  }\n}',
        }),
      ),
    );
    expect(json).toMatchObject({
      code: 'TEMPLATE_INVALID_JSON',
      location: expect.stringMatching(/template\.json:3:\d+$/),
    });
  });

  it('a malformed intrinsic', async () => {
    const select = await rejection(loadYaml(`${QUEUES}      QueueName: !Select [5, [a, b]]\n`));
    expect(select).toMatchObject({
      code: 'TEMPLATE_BAD_INTRINSIC',
      location: expect.stringMatching(/:7:18$/),
    });
    expect(select.fix).toContain('!Select [0, [a, b, c]]');
    const join = await rejection(loadYaml(`${QUEUES}      QueueName: !Join [',', notalist]\n`));
    expect(join.code).toBe('TEMPLATE_BAD_INTRINSIC');
  });

  it('a resource without Type, a template without Resources, a missing file', async () => {
    const noType = await rejection(loadYaml('Resources:\n  A:\n    Properties: {}\n'));
    expect(noType).toMatchObject({
      code: 'TEMPLATE_INVALID_RESOURCE',
      location: expect.stringMatching(/:2:3$/),
    });
    const noResources = await rejection(loadYaml('Description: nothing\n'));
    expect(noResources.code).toBe('TEMPLATE_INVALID');
    const missing = await rejection(loadTemplate('/nonexistent/template.yaml'));
    expect(missing.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('prints the error message with its location', async () => {
    const error = await rejection(loadYaml(`${QUEUES}      QueueName: !Ref Orderz\n`));
    expect(error.message).toMatch(/^Ref to 'Orderz', which is neither .* \(.*template\.yaml:7:18\)$/);
  });
});
