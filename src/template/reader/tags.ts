// CloudFormation's YAML short-form tags and their long form.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html

/** Short-form tag (without `!`) → the long-form key it stands for. */
export const SHORT_FORM_TAGS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Cidr: 'Fn::Cidr',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  Transform: 'Fn::Transform',
};

/**
 * The long form of a tagged value: `!Ref X` → `{Ref: X}`; `!GetAtt a.b` → `{"Fn::GetAtt": [a, b]}`
 * (split at the first dot, as CloudFormation does, so `a.b.c` names attribute `b.c`).
 * Returns undefined for a tag CloudFormation does not know.
 */
export function longForm(tag: string, value: unknown): Record<string, unknown> | undefined {
  const name = tag.startsWith('!') ? tag.slice(1) : tag;
  const key = SHORT_FORM_TAGS[name];
  if (!key) return undefined;
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [key]: value };
}
