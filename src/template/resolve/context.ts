// What intrinsic functions need to evaluate: parameters, conditions, mappings, pseudo parameters,
// resource identities, and where each node came from.
import type { SourcePosition } from '../model.js';
import type { SourceMap } from '../reader/source-map.js';
import type { ResourceIdentity } from '../resources.js';

/** AWS pseudo parameters and the local endpoint. */
export interface PseudoParameters {
  region: string;
  accountId: string;
  stackName: string;
  partition: string;
  urlSuffix: string;
  endpoint: string;
}

/** The state intrinsics read from. */
export interface ResolveContext {
  positions: SourceMap;
  pseudo: PseudoParameters;
  /** Resolved parameter values (CommaDelimitedList and List<> types are arrays). */
  parameters: Map<string, unknown>;
  mappings: Record<string, unknown>;
  /** Evaluate a named condition (throws TEMPLATE_UNKNOWN_CONDITION). */
  condition(name: string, position: SourcePosition | undefined): boolean;
  /** Logical ids of every resource declared (including ones omitted by a false Condition). */
  resourceIds: ReadonlySet<string>;
  /** Ref / GetAtt target: the identity of a resource (throws when it is omitted). */
  identity(logicalId: string, position: SourcePosition | undefined): ResourceIdentity;
  warn(message: string, position: SourcePosition | undefined): void;
}

/** AWS::NoValue: removes the property (or list item) that holds it. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
