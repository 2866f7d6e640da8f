import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseTemplateText, toLongForm } from '../../../src/template/index.js';

describe('reading templates', () => {
  it('turns every short-form tag into its long form', () => {
    const { doc } = parseTemplateText(
      [
        'a: !Ref X',
        'b: !GetAtt Queue.Arn',
        'c: !GetAtt [Queue, QueueName]',
        'd: !Sub "${AWS::Region}-x"',
        'e: !Sub ["${A}", {A: !Ref X}]',
        'f: !Join [",", [a, b]]',
        'g: !Select [1, !Split [",", "a,b"]]',
        'h: !If [C, !Ref AWS::NoValue, 1]',
        'i: !Equals [a, b]',
        'j: !Not [!Condition C]',
        'k: !And [!Condition C, !Or [!Condition D, !Condition E]]',
        'l: !FindInMap [M, a, b]',
        'm: !Base64 text',
        "n: !GetAZs ''",
        'o: !ImportValue Shared',
        'p: !Cidr [10.0.0.0/16, 2, 8]',
        'q: !GetAtt Bucket.Endpoint.Address',
      ].join('\n'),
      'template.yaml',
    );
    expect(doc).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      c: { 'Fn::GetAtt': ['Queue', 'QueueName'] },
      d: { 'Fn::Sub': '${AWS::Region}-x' },
      e: { 'Fn::Sub': ['${A}', { A: { Ref: 'X' } }] },
      f: { 'Fn::Join': [',', ['a', 'b']] },
      g: { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b'] }] },
      h: { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, 1] },
      i: { 'Fn::Equals': ['a', 'b'] },
      j: { 'Fn::Not': [{ Condition: 'C' }] },
      k: { 'Fn::And': [{ Condition: 'C' }, { 'Fn::Or': [{ Condition: 'D' }, { Condition: 'E' }] }] },
      l: { 'Fn::FindInMap': ['M', 'a', 'b'] },
      m: { 'Fn::Base64': 'text' },
      n: { 'Fn::GetAZs': '' },
      o: { 'Fn::ImportValue': 'Shared' },
      p: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      q: { 'Fn::GetAtt': ['Bucket', 'Endpoint.Address'] },
    });
  });

  it('keeps the position of keys, values and tagged nodes', () => {
    const text =
      'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Name\n';
    const { doc, positions } = parseTemplateText(text, 'template.yaml');
    const resources = (doc as { Resources: Record<string, { Properties: { QueueName: object } }> }).Resources;
    expect(positions.key(resources, 'Orders')).toEqual({ file: 'template.yaml', line: 2, column: 3 });
    const ref = resources.Orders.Properties.QueueName;
    expect(positions.node(ref)).toEqual({ file: 'template.yaml', line: 5, column: 18 });
    expect(positions.at(doc, ['Resources', 'Orders', 'Type'])).toEqual({
      file: 'template.yaml',
      line: 3,
      column: 5,
    });
  });

  it('reads JSON templates with positions', () => {
    const { doc, positions } = parseTemplateText(
      '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue"}\n  }\n}',
      't.json',
    );
    expect(doc).toEqual({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    expect(positions.at(doc, ['Resources', 'Q'])).toEqual({ file: 't.json', line: 3, column: 5 });
  });

  it('reports invalid YAML with its line and column', () => {
    expect(() =>
      parseTemplateText('Resources:\n  Q:\n    Type: [a, b\n  R: 1\n', 'template.yaml'),
    ).toThrowError(
      expect.objectContaining({
        code: 'TEMPLATE_INVALID_YAML',
        location: expect.stringMatching(/^template\.yaml:\d+:\d+$/),
      }),
    );
    try {
      parseTemplateText('a: 1\nb: c: d\n', 'template.yaml');
      expect.fail('should throw');
    } catch (error) {
      expect(error).toMatchObject({ code: 'TEMPLATE_INVALID_YAML', location: 'template.yaml:2:4' });
    }
  });

  it('reports invalid JSON as JSON', () => {
    expect(() => parseTemplateText('{\n  "Resources": {,\n}', 'template.json')).toThrowError(
      expect.objectContaining({ code: 'TEMPLATE_INVALID_JSON' }),
    );
  });

  it('toLongForm accepts a yaml Document or text', () => {
    const document = parseDocument('a: !GetAtt Fn.Arn\nb: !Ref X\n');
    expect(toLongForm(document)).toEqual({ a: { 'Fn::GetAtt': ['Fn', 'Arn'] }, b: { Ref: 'X' } });
    expect(toLongForm('x: !Sub "${Y}"')).toEqual({ x: { 'Fn::Sub': '${Y}' } });
  });
});
