// A build failure as the user sees it: printed with file:line:col, published as a trace record, and
// returned by every invocation of the function until the code is fixed (so async deliveries retry and
// succeed once it is). Lambda would report the same code as a syntax or import error at init.
import { resolve } from 'node:path';
import type { Message } from 'esbuild';
import type { LambdaErrorDocument } from '../runtime/protocol.js';

/** One build failure of a function. */
export interface BuildFailure {
  /** `file:line:col` of the first error, when esbuild knows it. */
  location?: string;
  /** The first error's text. */
  text: string;
  /** The whole report, one line per error. */
  message: string;
  /** What invocations return while the build is broken. */
  document: LambdaErrorDocument;
  /** Absolute files the errors point at (watched, so fixing them rebuilds). */
  files: string[];
}

/** Turns esbuild's messages into one BuildFailure (paths resolved against `workingDir`). */
export function toBuildFailure(errors: Message[], workingDir: string): BuildFailure {
  const where = (m: Message) =>
    m.location
      ? `${resolve(workingDir, m.location.file)}:${m.location.line}:${m.location.column + 1}`
      : undefined;
  const first = errors[0];
  const text = first?.text ?? 'build failed';
  const location = first ? where(first) : undefined;
  const lines = errors.map((m) => (where(m) ? `${where(m)}: ${m.text}` : m.text));
  // Lambda's init errors: an unresolvable import is Runtime.ImportModuleError, bad syntax
  // Runtime.UserCodeSyntaxError (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html).
  const unresolved = /^Could not resolve "([^"]+)"/.exec(text);
  const errorType = unresolved ? 'Runtime.ImportModuleError' : 'Runtime.UserCodeSyntaxError';
  const head = unresolved ? `Error: Cannot find module '${unresolved[1]}'` : `SyntaxError: ${text}`;
  const errorMessage = location ? `${head} (${location})` : head;
  const trace = [`${errorType}: ${errorMessage}`, ...(location ? [`    at ${location}`] : [])];
  const files = [
    ...new Set(errors.flatMap((m) => (m.location ? [resolve(workingDir, m.location.file)] : []))),
  ];
  return { location, text, message: lines.join('\n'), document: { errorType, errorMessage, trace }, files };
}
