// Loads a CommonJS bundle (the build's dist/bundle/*.cjs) with V8's code cache, so a start skips
// compiling the bundle's code. Node 20 has no module compile cache (module.enableCompileCache is
// Node 22), but vm.Script accepts `cachedData` and can produce it (https://nodejs.org/api/vm.html#new-vmscriptcode-options).
// V8 refuses a cache made by another V8 version, other V8 flags or another source: the bundle then
// simply compiles as usual, so a stale or missing cache only costs time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';

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
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData,
    // The bundle keeps a few `import()`s (packages loaded on first use): resolve them as Node does.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
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
