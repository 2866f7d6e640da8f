// Variable scopes (Assign). Top-level states share one scope; a Parallel branch or Map iteration gets a
// child scope that reads its parents'. Assignments of one state take effect together, after the state
// (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html).

/** One scope of variables; `parent` is the scope of the enclosing Parallel/Map state. */
export class VariableScope {
  // Created on first use: most Map iterations and Parallel branches assign nothing.
  private values: Map<string, unknown> | undefined;

  constructor(
    readonly parent?: VariableScope,
    initial?: Record<string, unknown>,
  ) {
    if (initial && Object.keys(initial).length > 0) this.values = new Map(Object.entries(initial));
  }

  /** The value of `name`, searching outward; `found` is false when no scope defines it. */
  lookup(name: string): { found: boolean; value: unknown } {
    if (this.values?.has(name)) return { found: true, value: this.values.get(name) };
    return this.parent ? this.parent.lookup(name) : { found: false, value: undefined };
  }

  /** Applies one state's assignments at once (they were all evaluated against the old values). */
  assign(values: Record<string, unknown>): void {
    this.values ??= new Map();
    for (const [k, v] of Object.entries(values)) this.values.set(k, v);
  }

  /** Every visible variable, inner scopes winning (the JSONata bindings). */
  flatten(): Record<string, unknown> {
    const out: Record<string, unknown> = this.parent ? this.parent.flatten() : {};
    if (this.values) for (const [k, v] of this.values) out[k] = v;
    return out;
  }

  /** This scope's own variables, for snapshots. */
  own(): Record<string, unknown> {
    return this.values ? Object.fromEntries(this.values) : {};
  }
}
