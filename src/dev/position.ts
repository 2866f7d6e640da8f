// Template positions as users read them.
import type { SourcePosition } from '../template/model.js';

/** `file:line:col` for a position, or undefined. */
export function formatPosition(position: SourcePosition | undefined): string | undefined {
  return position && `${position.file}:${position.line}:${position.column}`;
}
