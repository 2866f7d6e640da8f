// Loads a CommonJS bundle (the build's dist/bundle/*.cjs) with V8's code cache, so a start skips
// compiling the bundle's code. Node 20 has no module compile cache (module.enableCompileCache is
// Node 22), but vm.Script accepts `cachedData` and can produce it (https://nodejs.org/api/vm.html#new-vmscriptcode-options).
// V8 refuses a cache made by another V8 version, other V8 flags or another source: the bundle then
// simply compiles as usual, so a stale or missing cache only costs time.
// A vm.Script has no working `import()` of its own on Node 20 (importModuleDynamically is experimental
// and is lost on code deserialized from the cache), so the build rewrites the bundle's `import(x)` to
// `__eddyImport(x)`, which the wrapper below passes in: Node's own import() from this module. The
// bundle only imports absolute file URLs and package names that way, which resolve the same from here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** The parameters the bundle's code runs with: CommonJS's five and the dynamic import. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, __eddyImport) { ';
const WRAPPER_TAIL = '\n})';

/** Where the code cache of `bundle` lives. */
export const cacheFileOf = (bundle: string): string => `${bundle}.cache`;

/** A compiled, evaluated bundle: its exports and whether V8 used the cache. */
export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** True when a cache file was there but V8 refused it (other Node version or flags). */
  cacheRejected: boolean;
  /** The compiled script, to produce a fresh cache from (see writeCodeCache). */
  script: Script;
}

/** Compiles and evaluates the CommonJS bundle at `bundle` (an absolute path), using its cache if valid. */
export function loadBundle(bundle: string): LoadedBundle {
  const cacheFile = cacheFileOf(bundle);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(WRAPPER_HEAD + readFileSync(bundle, 'utf8') + WRAPPER_TAIL, {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
    dynamicImport: (specifier: string) => Promise<unknown>,
  ) => void;
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
    (specifier) => import(specifier),
  );
  return {
    exports: module.exports,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
    script,
  };
}

/**
 * Writes the code cache of a loaded bundle. Called by the build after running the bundle's start path
 * once, so the cache also holds the functions a start compiles, not only the top-level code.
 */
export function writeCodeCache(bundle: string, loaded: LoadedBundle): void {
  writeFileSync(cacheFileOf(bundle), loaded.script.createCachedData());
}
