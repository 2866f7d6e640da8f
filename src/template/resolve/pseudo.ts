// AWS pseudo parameters.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
import type { ResolveContext } from './context.js';

/** The value of a pseudo parameter (undefined when `name` is not one). */
export function pseudoParameter(name: string, ctx: Pick<ResolveContext, 'pseudo'>): unknown {
  const p = ctx.pseudo;
  switch (name) {
    case 'AWS::Region':
      return p.region;
    case 'AWS::AccountId':
      return p.accountId;
    case 'AWS::StackName':
      return p.stackName;
    case 'AWS::Partition':
      return p.partition;
    case 'AWS::URLSuffix':
      return p.urlSuffix;
    case 'AWS::StackId':
      return `arn:${p.partition}:cloudformation:${p.region}:${p.accountId}:stack/${p.stackName}/00000000-0000-4000-8000-000000000000`;
    case 'AWS::NotificationARNs':
      return [];
    default:
      return undefined;
  }
}
