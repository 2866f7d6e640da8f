// esbuild options for one function, following SAM's `Metadata: BuildMethod: esbuild` / BuildProperties
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html):
// EntryPoints relative to CodeUri, Format (SAM's default cjs), Target, External, MainFields, Banner.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative } from 'node:path';
import type { BuildOptions } from 'esbuild';
import type { FunctionModel } from '../../../template/model.js';
import { resolveNodeHandlerFile, splitHandler } from '../handler-path.js';

/** What to build and where the handler ends up. */
export interface BuildPlan {
  options: BuildOptions & { metafile: true; entryPoints: string[] };
  /** The built module the worker imports. */
  outputFile: string;
  format: 'esm' | 'cjs';
}

/** True when the source is ESM: `.mjs`/`.mts`, or a `.js`/`.ts` file under `"type": "module"`. */
export function isEsmSource(file: string): boolean {
  const ext = extname(file);
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext === '.cjs' || ext === '.cts') return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

/** `nodejs20.x` → `node20`. */
export function targetOf(runtime: string): string {
  const major = /^nodejs(\d+)/.exec(runtime)?.[1];
  return major ? `node${major}` : 'node20';
}

/** The esbuild plan for `fn`, or undefined when its handler file does not exist. */
export function planBuild(fn: FunctionModel, outDir: string): BuildPlan | undefined {
  const props = fn.esbuild ?? {};
  const { module } = splitHandler(fn.handler);
  const entryPoints = props.entryPoints?.map((e) => (isAbsolute(e) ? e : join(fn.codeDir, e)));
  const handlerFile = resolveNodeHandlerFile(fn.codeDir, fn.handler);
  const entries =
    entryPoints && entryPoints.length > 0 ? entryPoints : handlerFile ? [handlerFile] : undefined;
  if (!entries) return undefined;
  const format = props.format ?? (isEsmSource(handlerFile ?? entries[0]) ? 'esm' : 'cjs');
  // The extension says the module system, so Node loads the output right whatever package.json says.
  const outExt = format === 'esm' ? '.mjs' : '.cjs';
  const options: BuildPlan['options'] = {
    entryPoints: entries,
    absWorkingDir: fn.codeDir,
    outbase: fn.codeDir,
    outdir: outDir,
    outExtension: { '.js': outExt },
    bundle: true,
    platform: 'node',
    format,
    target: props.target ?? targetOf(fn.runtime),
    // Always on locally: stack traces must point at the user's .ts lines.
    sourcemap: true,
    sourcesContent: false,
    minify: props.minify ?? false,
    external: props.external ?? [],
    mainFields: props.mainFields,
    banner: props.banner ? { js: props.banner } : undefined,
    metafile: true,
    write: true,
    logLevel: 'silent',
  };
  const rel = relative(fn.codeDir, join(fn.codeDir, module));
  return { options, outputFile: join(outDir, rel + outExt), format };
}
