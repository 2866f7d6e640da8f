// Python handlers through eddy's bootstrap: results, context, logs, errors as Lambda's Python runtime
// reports them, timeouts, warm reuse and reload on change.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MAX_LOG_LINE_CHARS } from '../../../src/services/functions/runtime/log-lines.js';
import { cleanup, fnModel, type Harness, project, startFunctions, writeFiles } from './harness.js';

const APP = `
import json
import logging
import os
import sys

count = 0
logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    global count
    count += 1
    print("got", json.dumps(event))
    logger.info("logged")
    return {
        "count": count,
        "pid": os.getpid(),
        "request": context.aws_request_id,
        "name": context.function_name,
        "arn": context.invoked_function_arn,
        "memory": context.memory_limit_in_mb,
        "remaining": context.get_remaining_time_in_millis(),
        "region": os.environ["AWS_REGION"],
        "table": os.environ.get("TABLE"),
    }


def fail(event, context):
    raise ValueError("bad order " + event["id"])


def hang(event, context):
    import time
    time.sleep(30)


def unserializable(event, context):
    return {1, 2}


def crash(event, context):
    os._exit(3)


def chatty(event, context):
    print("y" * (1024 * 1024))
    print("after")
    return "ok"


def big(event, context):
    return "z" * (7 * 1024 * 1024)
`;

let dir: string;
let h: Harness;

beforeAll(async () => {
  dir = project({
    'app.py': APP,
    'pkg/__init__.py': '',
    'pkg/nested.py': 'def handler(event, context):\n    return "nested"\n',
    'broken.py': 'def handler(event, context)\n    return 1\n',
    'imports.py': 'import not_installed_module\n\ndef handler(event, context):\n    return 1\n',
    'reload.py': 'def handler(event, context):\n    return "v1"\n',
  });
  const py = { runtime: 'python3.12' };
  h = await startFunctions(
    [
      fnModel('Py', dir, { ...py, environment: { TABLE: 'orders' } }),
      fnModel('PyFail', dir, { ...py, handler: 'app.fail' }),
      fnModel('PyHang', dir, { ...py, handler: 'app.hang', timeoutSeconds: 1 }),
      fnModel('PyMarshal', dir, { ...py, handler: 'app.unserializable' }),
      fnModel('PyCrash', dir, { ...py, handler: 'app.crash' }),
      fnModel('PyChatty', dir, { ...py, handler: 'app.chatty' }),
      fnModel('PyBig', dir, { ...py, handler: 'app.big' }),
      fnModel('PyMissing', dir, { ...py, handler: 'app.nothing' }),
      fnModel('PyNested', dir, { ...py, handler: 'pkg/nested.handler' }),
      fnModel('PyBroken', dir, { ...py, handler: 'broken.handler' }),
      fnModel('PyImports', dir, { ...py, handler: 'imports.handler' }),
      fnModel('PyReload', dir, { ...py, handler: 'reload.handler' }),
    ],
    { watch: true },
  );
});

afterAll(async () => {
  await h?.stop();
  cleanup(dir);
});

async function invoke(name: string, event: unknown = {}) {
  const r = await h.service.invoke(name, event);
  return { ...r, body: JSON.parse(r.payload) as Record<string, unknown> };
}

test('a Python handler gets the event and a context, keeps state warm and prints to the logs', async () => {
  const first = await invoke('Py', { a: 1 });
  const second = await invoke('Py', { a: 2 });
  expect(first.functionError).toBeUndefined();
  expect(first.body).toMatchObject({
    count: 1,
    request: first.requestId,
    name: 'Py',
    arn: 'arn:aws:lambda:us-east-1:000000000000:function:Py',
    memory: '128',
    region: 'us-east-1',
    table: 'orders',
  });
  expect(first.body.remaining).toBeGreaterThan(2000);
  expect(second.body).toMatchObject({ count: 2, pid: first.body.pid });
  expect(second.logs).toContain('got {"a": 2}');
  expect(
    second.logs.some((l) => new RegExp(`^\\[INFO\\]\\t\\S+Z\\t${second.requestId}\\tlogged$`).test(l)),
  ).toBe(true);
});

test('an exception is reported with its class name and the stack trace frames', async () => {
  const r = await invoke('PyFail', { id: 'o-7' });
  expect(r.functionError).toBe('Unhandled');
  expect(r.body).toMatchObject({
    errorType: 'ValueError',
    errorMessage: 'bad order o-7',
    requestId: r.requestId,
  });
  const stack = r.body.stackTrace as string[];
  expect(stack).toHaveLength(1);
  expect(stack[0]).toContain(`app.py", line 31, in fail`);
});

test('a 1 MB line is cut at 256 KB; a result over 6 MB is Function.ResponseSizeTooLarge', async () => {
  const chatty = await invoke('PyChatty');
  expect(chatty.functionError).toBeUndefined();
  expect(chatty.payload).toBe('"ok"');
  expect(Math.max(...chatty.logs.map((l) => l.length))).toBe(MAX_LOG_LINE_CHARS);
  expect(chatty.logs).toContain('after');
  const big = await invoke('PyBig');
  expect(big.functionError).toBe('Unhandled');
  expect(big.body).toEqual({
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
  });
});

test('timeouts, unserializable results, crashes and init errors are Lambda’s', async () => {
  const hang = await invoke('PyHang');
  expect(hang.body).toEqual({
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${hang.requestId} Error: Task timed out after 1.00 seconds`,
  });
  expect((await invoke('PyMarshal')).body).toMatchObject({ errorType: 'Runtime.MarshalError' });
  const crash = await invoke('PyCrash');
  expect(crash.body.errorMessage).toBe(
    `RequestId: ${crash.requestId} Error: Runtime exited with error: exit status 3`,
  );
  expect((await invoke('PyMissing')).body).toMatchObject({
    errorType: 'Runtime.HandlerNotFound',
    errorMessage: "Handler 'nothing' missing on module 'app'",
  });
  expect((await invoke('PyBroken')).body).toMatchObject({
    errorType: 'Runtime.UserCodeSyntaxError',
    errorMessage: expect.stringMatching(/^Syntax error in module 'broken': .*\(broken\.py, line 1\)$/),
  });
  expect((await invoke('PyImports')).body).toMatchObject({
    errorType: 'Runtime.ImportModuleError',
    errorMessage: "Unable to import module 'imports': No module named 'not_installed_module'",
  });
  expect((await invoke('PyNested')).body).toBe('nested');
  expect((await invoke('Py')).functionError).toBeUndefined();
});

test('editing a Python file reloads the function', async () => {
  expect((await invoke('PyReload')).body).toBe('v1');
  writeFiles(dir, { 'reload.py': 'def handler(event, context):\n    return "v2"\n' });
  await expect
    .poll(async () => (await invoke('PyReload')).body, { timeout: 10_000, interval: 50 })
    .toBe('v2');
});
