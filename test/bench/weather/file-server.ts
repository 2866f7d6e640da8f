// The SDK-floor baseline's S3 stand-in, in its own process: a bare HTTP server that answers every
// `GET /<bucket>/<key>` (path-style, as the SDK addresses an IP endpoint) with the file `<dir>/<key>`,
// and nothing more: no signature check, no metadata, no XML. What any S3 emulator must at least do.
// `file-server.ts <dir>` sends `{ port }` once listening and `{ cpuMs }` (its own CPU) when asked to stop.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const dir = process.argv[2];
const server = createServer((req, res) => {
  // `/<bucket>/<key>?x-id=GetObject`: the key is everything after the bucket segment.
  const path = (req.url ?? '/').split('?')[0];
  const key = decodeURIComponent(path.slice(path.indexOf('/', 1) + 1));
  try {
    const body = readFileSync(join(dir, key));
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'text/csv' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'application/xml' });
    res.end('<Error><Code>NoSuchKey</Code></Error>');
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', () => {
  const used = process.cpuUsage();
  process.send!({ cpuMs: (used.user + used.system) / 1000 }, () => process.exit(0));
});
