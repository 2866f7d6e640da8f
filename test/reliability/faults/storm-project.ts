// A project whose handlers fail in every way a handler can: throw, reject, exit, hang past Timeout,
// allocate past MemorySize, print 100 MB of logs, return 10 MB (past Lambda's 6 MB response limit).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp.js';

const HANDLERS: Record<string, string> = {
  'throws.mjs': "export const handler = async () => { throw new TypeError('thrown on purpose'); };\n",
  'rejects.mjs': "export const handler = () => Promise.reject(new Error('rejected on purpose'));\n",
  'exits.mjs': 'export const handler = async () => { process.exit(3); };\n',
  'hangs.mjs': 'export const handler = () => new Promise(() => {});\n',
  'hogs.mjs':
    'export const handler = async () => { const keep = []; for (;;) keep.push(new Array(1e6).fill(1.5)); };\n',
  // 100 MB: 50 MB as 1 KB lines, then 50 MB as five 10 MB lines (one CloudWatch event holds 256 KB).
  'chatty.mjs': `export const handler = async () => {
  const line = 'x'.repeat(1023);
  for (let i = 0; i < 51200; i++) console.log(line);
  const huge = 'y'.repeat(10 * 1024 * 1024);
  for (let i = 0; i < 5; i++) console.log(huge);
  return 'said a lot';
};
`,
  'big-result.mjs': "export const handler = async () => 'z'.repeat(10 * 1024 * 1024);\n",
  'echo.mjs': 'export const handler = async (event) => ({ echoed: event });\n',
  'secret.mjs': 'export const handler = async () => ({ env: process.env });\n',
};

const FUNCTIONS: [string, string, number, number][] = [
  ['Throws', 'throws', 3, 128],
  ['Rejects', 'rejects', 3, 128],
  ['Exits', 'exits', 3, 128],
  ['Hangs', 'hangs', 1, 128],
  ['Hogs', 'hogs', 30, 128],
  ['Chatty', 'chatty', 60, 512],
  ['BigResult', 'big-result', 10, 512],
  ['Echo', 'echo', 3, 128],
  ['Secret', 'secret', 3, 128],
];

/** Writes the project to a temp folder; returns its template path. */
export function stormProject(): string {
  const dir = tempDir('eddy-faults-');
  mkdirSync(join(dir, 'src'));
  for (const [file, code] of Object.entries(HANDLERS)) writeFileSync(join(dir, 'src', file), code);
  const resources = FUNCTIONS.map(
    ([id, file, timeout, memory]) => `  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: ${id.toLowerCase()}
      CodeUri: src/
      Handler: ${file}.handler
      Runtime: nodejs20.x
      Timeout: ${timeout}
      MemorySize: ${memory}
      Environment:
        Variables:
          FROM_TEMPLATE: given`,
  ).join('\n');
  const template = join(dir, 'template.yaml');
  writeFileSync(
    template,
    `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n${resources}\n`,
  );
  return template;
}
