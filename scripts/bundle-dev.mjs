// The bundle `eddy dev` runs from (see bin/run.js): one CommonJS file with everything the command imports,
// oclif included, and the V8 code cache a start loads it with (src/cli/code-cache.ts). Used by build.mjs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles `eddy dev` (the command, everything it imports, and oclif itself) into one CommonJS file,
 * dist/bundle/dev.cjs, with an ESM stub, dist/bundle/dev.js, that loads it through src/cli/code-cache.ts;
 * bin/run.js runs `eddy dev` through the stub. A start then reads two files instead of ~650 modules and
 * compiles nothing that the code cache (written after the swap) holds. oclif is inside so that the
 * command class and the oclif that runs it are one copy. Kept outside: native or binary packages
 * (better-sqlite3, esbuild) and packages eddy loads on first use (undici, jsonata, ajv). A bundled
 * module's import.meta.url is rewritten to its own file in dist/, and a bundled package's __dirname
 * to its installed folder, so whatever they read beside themselves (schemas, console, the handler
 * runtime, oclif's package.json) is found as without the bundle. Returns false (eddy dev then runs
 * unbundled) when bundling fails, e.g. on a half-finished module during a --lenient test build.
 */
export async function bundleDev(out) {
  const bundleDir = join(out, 'bundle');
  const fileUrl = (file) => `__eddyFileUrl(${JSON.stringify(relative(bundleDir, file))})`;
  const packagePath = (file, path) => {
    const [packageRoot, name] = /.*node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    const sub = relative(packageRoot, path).split('\\').join('/');
    return `__eddyPackagePath(${JSON.stringify(name.split('\\').join('/'))}, ${JSON.stringify(sub)})`;
  };
  try {
    const { outputFiles } = await build({
      stdin: {
        contents: [
          "export { default } from './commands/dev.js';",
          "export { DevEnvironment } from './dev/environment.js';",
          "export { silentLogger } from './shared/logger.js';",
          "export { Config, execute } from '@oclif/core';",
        ].join('\n'),
        resolveDir: out,
        sourcefile: 'dev-entry.js',
      },
      outfile: join(bundleDir, 'dev.cjs'),
      write: false,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'error',
      // typescript, ts-node and tsx: oclif's development mode only (bin/dev.js does not use the bundle).
      external: [
        'better-sqlite3',
        'esbuild',
        'undici',
        'jsonata',
        'ajv',
        'ajv-draft-04',
        'fsevents',
        'typescript',
        'ts-node',
        'tsx',
      ],
      banner: {
        js: [
          "const __eddyFileUrl = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, file)).href;",
          'const __eddyPackagePath = (name, sub) => {',
          "  try { return require('node:path').join(require('node:path').dirname(require.resolve(`${name}/package.json`)), sub); }",
          '  catch { return __dirname; }',
          '};',
        ].join('\n'),
      },
      plugins: [
        {
          name: 'eddy-module-locations',
          setup(b) {
            b.onLoad({ filter: /\.c?js$/ }, (args) => {
              const source = readFileSync(args.path, 'utf8');
              if (args.path.startsWith(out))
                return { contents: source.replaceAll('import.meta.url', fileUrl(args.path)), loader: 'js' };
              if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
              // Declared, not substituted: the names also occur inside strings (ejs builds code with them).
              // After a leading 'use strict', which must stay the first statement.
              const declare = `var __dirname = ${packagePath(args.path, dirname(args.path))}, __filename = ${packagePath(args.path, args.path)};\n`;
              const prologue =
                /^(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*(['"])use strict\1;?/.exec(source)?.[0] ?? '';
              return { contents: prologue + '\n' + declare + source.slice(prologue.length), loader: 'js' };
            });
          },
        },
      ],
    });
    // The bundle runs in a vm.Script, whose own import() does not work on Node 20 (src/cli/code-cache.ts):
    // every dynamic import goes through the wrapper's __eddyImport. `import()` alone is message text.
    const code = outputFiles[0].text.replace(/(?<![.\w$])import\((?!\))/g, '__eddyImport(');
    if (/(?<![.\w$])import\((?!\))/.test(code)) throw new Error('a dynamic import was left in the bundle');
    mkdirSync(bundleDir, { recursive: true });
    writeFileSync(join(bundleDir, 'dev.cjs'), code);
  } catch (error) {
    console.warn(`build: eddy dev is not bundled (${error.message.split('\n')[0]})`);
    rmSync(bundleDir, { recursive: true, force: true });
    return false;
  }
  writeFileSync(
    join(bundleDir, 'dev.js'),
    [
      '// `eddy dev` from the bundle beside this file (with its own oclif), compiled with its V8 code cache.',
      '// bin/run.js takes `execute` from here; oclif, through the manifest, the command class.',
      "import { fileURLToPath } from 'node:url';",
      "import { loadBundle } from '../cli/code-cache.js';",
      "const { exports } = loadBundle(fileURLToPath(new URL('./dev.cjs', import.meta.url)));",
      'export default exports.default;',
      'export const execute = exports.execute;',
      '',
    ].join('\n'),
  );
  return true;
}

/**
 * Writes dist/bundle/dev.cjs.cache: a child process loads the bundle, loads oclif's configuration,
 * starts and stops the minimal template in memory (so the cache holds the functions a start runs, not
 * only the top-level code),
 * then saves V8's code cache. Run by the same `node` (and with the same V8 flags) that runs eddy,
 * or V8 refuses the cache. Without a cache the bundle still works, it only compiles.
 */
export function writeDevCodeCache(root) {
  const bundle = join(root, 'dist/bundle/dev.cjs');
  const script = `
    import { loadBundle, writeCodeCache } from ${JSON.stringify(pathToFileURL(join(root, 'dist/cli/code-cache.js')).href)};
    const loaded = loadBundle(${JSON.stringify(bundle)});
    const { Config, DevEnvironment, silentLogger } = loaded.exports;
    await Config.load(${JSON.stringify(join(root, 'bin/run.js'))});
    const env = await DevEnvironment.start({
      template: ${JSON.stringify(join(root, 'templates/minimal/template.yaml'))},
      inMemory: true, watch: false, port: 0, logger: silentLogger,
    });
    await env.stop();
    writeCodeCache(${JSON.stringify(bundle)}, loaded);
    process.exit(0);
  `;
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    console.warn(
      `build: no code cache for eddy dev (${String(error.stderr ?? error.message).slice(0, 500)})`,
    );
  }
}
