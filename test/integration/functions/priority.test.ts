// Handler processes, Node.js and Python, run at a lower priority than eddy (runtime/priority.ts): eddy,
// the control plane, keeps the CPU when a handler wants it too.
import { getPriority } from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { HANDLER_NICENESS } from '../../../src/services/functions/runtime/priority.js';
import { cleanup, fnModel, type Harness, project, startFunctions } from './harness.js';

let dir: string;
let h: Harness;

beforeAll(async () => {
  dir = project({
    'node.mjs': "import { getPriority } from 'node:os';\nexport const handler = async () => getPriority();\n",
    'py/app.py':
      'import os\n\n\ndef handler(event, context):\n    return os.getpriority(os.PRIO_PROCESS, 0)\n',
  });
  h = await startFunctions([
    fnModel('NodeNice', dir, { handler: 'node.handler' }),
    fnModel('PythonNice', `${dir}/py`, { handler: 'app.handler', runtime: 'python3.12' }),
  ]);
});

afterAll(async () => {
  await h?.stop();
  cleanup(dir);
});

test.each(['NodeNice', 'PythonNice'])('%s runs at eddy’s priority plus HANDLER_NICENESS', async (name) => {
  const result = await h.service.invoke(name, {});
  expect(result.functionError).toBeUndefined();
  expect(JSON.parse(result.payload)).toBe(Math.min(19, getPriority() + HANDLER_NICENESS));
});
