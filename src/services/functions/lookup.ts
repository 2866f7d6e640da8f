// Finds a function by what Lambda's FunctionName accepts: the name, the full ARN (optionally qualified
// with `$LATEST`), the partial ARN `<account>:function:<name>`; eddy also accepts the logical id.

/** The function name a FunctionName parameter refers to (qualifier dropped). */
export function functionNameOf(nameOrArn: string): string {
  const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::.+)?$/.exec(nameOrArn);
  if (arn) return arn[1];
  const partial = /^\d{12}:function:([^:]+)(?::.+)?$/.exec(nameOrArn);
  if (partial) return partial[1];
  const qualified = /^([^:]+):(\$LATEST|\d+)$/.exec(nameOrArn);
  return qualified ? qualified[1] : nameOrArn;
}

/** Picks the entry whose name or logical id matches `nameOrArn`. */
export function findFunction<T extends { fn: { name: string; logicalId: string } }>(
  entries: Iterable<T>,
  nameOrArn: string,
): T | undefined {
  const name = functionNameOf(nameOrArn);
  let byLogicalId: T | undefined;
  for (const entry of entries) {
    if (entry.fn.name === name) return entry;
    if (entry.fn.logicalId === name) byLogicalId = entry;
  }
  return byLogicalId;
}
