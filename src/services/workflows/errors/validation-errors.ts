// Definition errors, reported as CreateStateMachine/ValidateStateMachineDefinition report them.

/** One problem found in a definition, with the JSON path of the field (`/States/A/Next`). */
export interface Diagnostic {
  /** AWS's diagnostic code, e.g. SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET. */
  code: string;
  /** ValidateStateMachineDefinition's severity; every check here is an ERROR unless marked. */
  severity?: 'ERROR' | 'WARNING';
  message: string;
  /** JSON pointer into the definition, usable by `eddy validate` to find file:line:col. */
  location: string;
}

/** InvalidDefinition: the definition is not a valid state machine; `diagnostics` lists each problem. */
export class InvalidDefinitionError extends Error {
  readonly code = 'InvalidDefinition';
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = 'InvalidDefinitionError';
    this.diagnostics = diagnostics;
  }
}

/** The message CreateStateMachine returns: "Invalid State Machine Definition: 'CODE: msg at /path'". */
export function formatDiagnostics(diagnostics: Diagnostic[]): string {
  const parts = diagnostics.map((d) => `${d.code}: ${d.message} at ${d.location}`);
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}
