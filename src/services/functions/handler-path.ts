// Resolves a template `Handler` (`src/handlers/pay.handler`) against CodeUri to the source file and the
// export, the way Lambda splits it: everything up to the last `/` is a path, the first `.` after it ends
// the module name and the rest names the (possibly nested) export.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EddyError } from '../../shared/errors.js';

/** The source extensions tried for a Node.js handler module, in order. */
export const NODE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

/** A handler string split into its module path and export path. */
export interface HandlerParts {
  /** Module path relative to CodeUri, without extension (`src/handlers/pay`). */
  module: string;
  /** The export, dotted for nested properties (`handler`, `api.get`). */
  exportPath: string;
}

/** Splits `dir/file.export.nested` into module and export; throws on a handler without an export. */
export function splitHandler(handler: string): HandlerParts {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot <= slash + 1 || dot === handler.length - 1) {
    throw new EddyError('FUNCTION_BAD_HANDLER', `Bad handler ${handler}: expected file.export`, {
      fix: 'Set Handler to `<file>.<export>`, e.g. `app.handler`.',
    });
  }
  return { module: handler.slice(0, dot), exportPath: handler.slice(dot + 1) };
}

/** The source file of a Node.js handler under codeDir, or undefined when no extension matches. */
export function resolveNodeHandlerFile(codeDir: string, handler: string): string | undefined {
  const { module } = splitHandler(handler);
  for (const ext of NODE_EXTENSIONS) {
    const file = join(codeDir, module + ext);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** True for Python runtimes (`python3.12`). */
export function isPythonRuntime(runtime: string): boolean {
  return runtime.startsWith('python');
}

/** A code folder and its subfolders, skipping hidden folders, caches and dependencies. */
export function codeFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  const dirs = [root];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const skip = entry.name.startsWith('.') || entry.name === '__pycache__' || entry.name === 'node_modules';
    if (entry.isDirectory() && !skip) dirs.push(...codeFolders(join(root, entry.name)));
  }
  return dirs;
}
