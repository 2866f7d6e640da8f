// Serves the browser console: `/` (index.html) and `/console/*` (the bundle built by
// scripts/build-console.mjs). From dist/ the bundle sits beside this file's folder (dist/console); when
// eddy runs from its sources (tsx, vitest) there is no bundle next to src/dev, so the console is built
// once from src/console into a temporary folder on first request.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The one build from sources per process (several environments may run in one test process). */
let sourceBuild: Promise<string> | undefined;

/** Where the built console is, or how to build it. */
export interface ConsoleFiles {
  /** A folder holding index.html, main.js and console.css. */
  dir(): Promise<string>;
}

/** The built console next to this module (dist/console), else a build of src/console into a temp dir. */
export function defaultConsoleFiles(): ConsoleFiles {
  const here = fileURLToPath(new URL('../console/', import.meta.url));
  if (existsSync(join(here, 'main.js'))) return { dir: async () => here };
  return {
    dir: () => {
      sourceBuild ??= (async () => {
        const root = fileURLToPath(new URL('../../', import.meta.url));
        const out = join(tmpdir(), `eddy-console-${process.pid}`);
        await promisify(execFile)(process.execPath, [join(root, 'scripts/build-console.mjs'), out], {
          cwd: root,
        });
        return join(out, 'console');
      })();
      return sourceBuild;
    },
  };
}

/** True for a request for the console page: a plain GET of `/` that is not an AWS call. */
function isPageRequest(req: IncomingMessage, url: URL): boolean {
  // SQS's query protocol may come as `GET /?Action=...`.
  return (
    (url.pathname === '/' || url.pathname === '/index.html') &&
    !req.headers['x-amz-target'] &&
    !url.searchParams.has('Action')
  );
}

/** The local handler for the console's files. */
export function consoleEndpoint(files: ConsoleFiles = defaultConsoleFiles()) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    // Signed requests are AWS calls (S3's ListBuckets is `GET /`, a bucket may be named `console`).
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers.authorization) return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    let file: string;
    if (isPageRequest(req, url)) file = 'index.html';
    else if (/^\/console\/[\w-]+(\.[\w-]+)+$/.test(path)) file = path.slice('/console/'.length);
    else return false;
    let body: Buffer;
    try {
      body = readFileSync(join(await files.dir(), file));
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const text = missing
        ? `No console file ${file}`
        : `The console could not be built: ${(error as Error).message}`;
      res.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
      return true;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
