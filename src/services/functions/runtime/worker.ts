// The Node.js bootstrap that runs inside each instance (a forked process): it loads the built handler
// module once (Lambda's init phase), then runs one invocation per `invoke` message, forwarding everything
// the handler prints to eddy. It stands in for Lambda's Node.js runtime interface client.
/* eslint-disable no-console -- this file is the runtime: it must replace the user's console. */
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { RESPONSE_PAYLOAD_BYTES, responseTooLargeError } from './lambda-errors.js';
import { LineCapper } from './log-lines.js';
import type { HostMessage, InvokeMessage, LambdaErrorDocument, WorkerMessage } from './protocol.js';

type Handler = (
  event: unknown,
  context: unknown,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

const handlerName = process.env._HANDLER ?? '';
let requestId: string | undefined;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/** Lambda's Node.js error document: errorType is the error's name, trace the stack split in lines. */
function toErrorDocument(error: unknown): LambdaErrorDocument {
  if (error instanceof Error) {
    const stack = error.stack ?? `${error.name}: ${error.message}`;
    return { errorType: error.name, errorMessage: error.message, trace: stack.split('\n') };
  }
  const message = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  return { errorType: typeof error, errorMessage: message, trace: [] };
}

function runtimeError(errorType: string, errorMessage: string, cause?: unknown): LambdaErrorDocument {
  const frames = cause instanceof Error && cause.stack ? cause.stack.split('\n').slice(1) : [];
  return { errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, ...frames] };
}

// Everything written to stdout/stderr goes over IPC, so it reaches eddy before the invocation's `done`
// message and is attributed to the right request id. Each write is sent at once (a handler that then
// loops until its timeout still shows what it printed), cut at CloudWatch's event size per line.
function captureStream(stream: NodeJS.WriteStream, name: 'stdout' | 'stderr'): void {
  const capper = new LineCapper();
  stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    const text = capper.cap(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    if (text) send({ type: 'log', stream: name, text });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as typeof stream.write;
}

// Lambda's Node.js runtime prefixes console output with time, request id and level (tab-separated).
function patchConsole(): void {
  const levels = { log: 'INFO', info: 'INFO', debug: 'DEBUG', trace: 'TRACE', warn: 'WARN', error: 'ERROR' };
  for (const [method, level] of Object.entries(levels) as [keyof typeof levels, string][]) {
    const stream = level === 'WARN' || level === 'ERROR' ? process.stderr : process.stdout;
    console[method] = (...args: unknown[]) => {
      const text = format(...args).replace(/\n/g, '\r');
      stream.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${text}\n`);
    };
  }
}

async function loadHandler(file: string): Promise<Handler | LambdaErrorDocument> {
  const exportPath = (process.env.EDDY_HANDLER_EXPORT ?? '').split('.');
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      return runtimeError('Runtime.ImportModuleError', `Error: ${(error as Error).message}`, error);
    }
    if (error instanceof SyntaxError) {
      return runtimeError('Runtime.UserCodeSyntaxError', `SyntaxError: ${error.message}`, error);
    }
    return toErrorDocument(error);
  }
  // A CommonJS bundle exposes its exports as `default` (and, when detectable, as named exports too).
  for (const root of [mod, mod.default as Record<string, unknown> | undefined]) {
    let value: unknown = root;
    for (const key of exportPath) value = (value as Record<string, unknown> | undefined)?.[key];
    if (typeof value === 'function') return value as Handler;
  }
  return runtimeError('Runtime.HandlerNotFound', `${handlerName} is undefined or not exported`);
}

function makeContext(message: InvokeMessage, callbackState: { waits: boolean }) {
  const env = process.env;
  return {
    awsRequestId: message.requestId,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.context.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, message.context.deadlineMs - Date.now()),
    get callbackWaitsForEmptyEventLoop() {
      return callbackState.waits;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      callbackState.waits = value;
    },
    done: undefined as unknown,
    succeed: undefined as unknown,
    fail: undefined as unknown,
  };
}

/** Runs an async handler (returns a promise) or a callback-style one (three parameters). */
function runHandler(
  handler: Handler,
  event: unknown,
  context: ReturnType<typeof makeContext>,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown) =>
      error !== undefined && error !== null ? reject(error) : resolve(result);
    context.done = callback;
    context.succeed = (result: unknown) => resolve(result);
    context.fail = (error: unknown) => reject(error);
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(resolve, reject);
      } else if (handler.length < 3) {
        resolve(returned);
      }
    } catch (error) {
      reject(error);
    }
  });
}

function finish(
  id: string,
  outcome: { ok: true; payload: string } | { ok: false; error: LambdaErrorDocument },
  fatal = false,
): void {
  // rss() alone: memoryUsage() also walks the V8 heap's spaces, on every invocation.
  const maxMemoryMB = Math.round(process.memoryUsage.rss() / 1048576);
  send({ type: 'done', requestId: id, maxMemoryMB, fatal, ...outcome });
  requestId = undefined;
}

let handler: Handler | undefined;

async function load(file: string): Promise<void> {
  const loaded = await loadHandler(file);
  if (typeof loaded !== 'function') {
    send({ type: 'initError', error: loaded });
    return;
  }
  handler = loaded;
  send({ type: 'ready' });
}

function invoke(message: InvokeMessage, run: Handler): void {
  requestId = message.requestId;
  // Lambda sets the trace header per invocation; the AWS SDK forwards it on the handler's own calls.
  if (message.context.traceHeader) process.env._X_AMZN_TRACE_ID = message.context.traceHeader;
  else delete process.env._X_AMZN_TRACE_ID;
  const id = message.requestId;
  const context = makeContext(message, { waits: true });
  const event = message.payload === '' ? {} : (JSON.parse(message.payload) as unknown);
  runHandler(run, event, context).then(
    (result) => {
      if (requestId !== id) return;
      try {
        const payload = JSON.stringify(result) ?? 'null';
        // Checked here so that an oversized result never crosses to eddy (a 10 MB IPC message is parsed
        // in one piece on the thread that answers requests). A string of n UTF-16 units has at most 3n bytes.
        if (
          payload.length > RESPONSE_PAYLOAD_BYTES / 3 &&
          Buffer.byteLength(payload) > RESPONSE_PAYLOAD_BYTES
        )
          finish(id, { ok: false, error: responseTooLargeError() });
        else finish(id, { ok: true, payload });
      } catch (error) {
        finish(id, { ok: false, error: toErrorDocument(error) });
      }
    },
    (error: unknown) => {
      if (requestId === id) finish(id, { ok: false, error: toErrorDocument(error) });
    },
  );
}

function main(): void {
  captureStream(process.stdout, 'stdout');
  captureStream(process.stderr, 'stderr');
  patchConsole();
  // An exception nobody catches ends the instance, as on Lambda; the current invocation reports it.
  process.on('uncaughtException', (error) => {
    if (requestId) finish(requestId, { ok: false, error: toErrorDocument(error) }, true);
    setImmediate(() => process.exit(129));
  });
  process.on('unhandledRejection', (reason) => {
    const doc = toErrorDocument(reason);
    const error = runtimeError('Runtime.UnhandledPromiseRejection', `${doc.errorType}: ${doc.errorMessage}`);
    if (requestId) finish(requestId, { ok: false, error }, true);
    setImmediate(() => process.exit(128));
  });
  // eddy went away (stopped, crashed, killed): an instance never outlives it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: HostMessage) => {
    if (message.type === 'load') void load(message.file);
    else if (message.type === 'invoke' && handler) invoke(message, handler);
  });
  // Every process boots as a standby without a handler and waits for `load` (launcher.ts).
}

main();
