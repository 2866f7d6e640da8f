// Builds one Node.js function with an incremental esbuild context: the first build creates it, every
// later one calls rebuild(), which reuses esbuild's parsed-file cache (a reload costs milliseconds).
// The metafile names every source file the handler imports: that is what the watcher watches.
import { resolve } from 'node:path';
import { type BuildContext, context, type Message } from 'esbuild';
import type { FunctionModel } from '../../../template/model.js';
import { type BuildFailure, toBuildFailure } from './build-error.js';
import { NODE_EXTENSIONS, splitHandler } from '../handler-path.js';
import { type BuildPlan, planBuild } from './options.js';

/** The result of one build. */
export type BuildOutcome =
  | { ok: true; outputFile: string; inputs: string[]; durationMs: number }
  | { ok: false; failure: BuildFailure; inputs: string[]; durationMs: number };

/** The incremental builder of one function. */
export class FunctionBuilder {
  private ctx?: BuildContext<BuildPlan['options']>;
  private plan?: BuildPlan;
  private inputs: string[] = [];

  constructor(
    private readonly fn: FunctionModel,
    private readonly outDir: string,
  ) {}

  /** Builds (or rebuilds) the function; never throws for the user's mistakes. */
  async build(): Promise<BuildOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    if (!this.plan) {
      this.plan = planBuild(this.fn, this.outDir);
      if (!this.plan) return { ok: false, failure: this.missingHandler(), inputs: [], durationMs: elapsed() };
    }
    try {
      this.ctx ??= await context(this.plan.options);
      const result = await this.ctx.rebuild();
      this.inputs = Object.keys(result.metafile.inputs)
        .filter((file) => !file.includes('node_modules'))
        .map((file) => resolve(this.fn.codeDir, file));
      return { ok: true, outputFile: this.plan.outputFile, inputs: this.inputs, durationMs: elapsed() };
    } catch (error) {
      // esbuild's errors carry locations; anything else (an unwritable build folder) is reported as is.
      const errors = (error as { errors?: Message[] }).errors ?? [{ text: String(error) } as Message];
      const failure = toBuildFailure(errors, this.fn.codeDir);
      // Keep watching what built before, plus the files the errors point at.
      const inputs = [...new Set([...this.inputs, ...failure.files])];
      return { ok: false, failure, inputs, durationMs: elapsed() };
    }
  }

  /** Releases esbuild's context. */
  async dispose(): Promise<void> {
    await this.ctx?.dispose();
    this.ctx = undefined;
  }

  private missingHandler(): BuildFailure {
    const { module } = splitHandler(this.fn.handler);
    const text = `Cannot find module '${module}' in ${this.fn.codeDir} (tried ${NODE_EXTENSIONS.join(', ')})`;
    const document = { errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${text}`, trace: [] };
    return { text, message: text, document, files: [] };
  }
}
