// eddy's side of a process the spawner started: streams arriving as socket connections, pid and exit
// as reports, and the same surface as a process eddy forked itself (runtime/remote-worker.ts).
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import type { WorkerHandlers, WorkerProcess } from '../../../src/services/functions/runtime/channel.js';
import type { HostMessage, WorkerMessage } from '../../../src/services/functions/runtime/protocol.js';
import { RemoteWorker } from '../../../src/services/functions/runtime/remote-worker.js';

/** A connection as the worker uses it: data in, writes out, close. */
class FakeSocket extends EventEmitter {
  written: string[] = [];
  destroyed = false;
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
  resume(): this {
    return this;
  }
  destroy(): this {
    this.destroyed = true;
    return this;
  }
  close(): void {
    this.emit('close');
  }
  asSocket(): Socket {
    return this as unknown as Socket;
  }
}

function recorder() {
  const events: string[] = [];
  const messages: WorkerMessage[] = [];
  const output: string[] = [];
  const handlers: WorkerHandlers = {
    message: (m) => messages.push(m),
    output: (stream, text) => output.push(`${stream}:${text}`),
    exit: (code, signal) => events.push(`exit ${code} ${signal}`),
    close: (code, signal) => events.push(`close ${code} ${signal}`),
    error: () => events.push('error'),
  };
  return { events, messages, output, handlers };
}

const LOAD: HostMessage = { type: 'load', file: '/code/app.js' };
const nodeStreams = ['stdout', 'stderr', 'ipc'] as const;

function neverDirect(): WorkerProcess {
  throw new Error('no direct fork expected');
}

describe('RemoteWorker', () => {
  test('output and messages that arrived with the hello line, or split across chunks, are all read', () => {
    const worker = new RemoteWorker('a', nodeStreams, neverDirect, () => undefined);
    const r = recorder();
    worker.attach(r.handlers);
    const stdout = new FakeSocket();
    const ipc = new FakeSocket();
    // "é" is two bytes in UTF-8: its first byte ends the chunk that came with the hello.
    const bytes = Buffer.from('caf\u00e9 ok\n');
    worker.attachStream('stdout', stdout.asSocket(), bytes.subarray(0, 4));
    stdout.emit('data', bytes.subarray(4));
    worker.attachStream('ipc', ipc.asSocket(), Buffer.from('{"type":"rea'));
    ipc.emit(
      'data',
      Buffer.from('dy"}\n{"cmd":"NODE_HANDLE_ACK"}\n{"type":"log","stream":"stdout","text":"x"}\n'),
    );
    expect(r.output.join('').replace(/stdout:/g, '')).toBe('caf\u00e9 ok\n');
    expect(r.messages).toEqual([{ type: 'ready' }, { type: 'log', stream: 'stdout', text: 'x' }]);
  });

  test('messages wait for the process to be started and its channel to be connected', () => {
    const worker = new RemoteWorker('b', nodeStreams, neverDirect, () => undefined);
    worker.attach(recorder().handlers);
    worker.send(LOAD);
    const ipc = new FakeSocket();
    worker.attachStream('ipc', ipc.asSocket(), Buffer.alloc(0));
    expect(ipc.written).toEqual([]);
    worker.onSpawned(999_999_999);
    // Node's IPC 'json' serialization: one document per line.
    expect(ipc.written).toEqual([`${JSON.stringify(LOAD)}\n`]);
  });

  test('close is reported only after the exit and the end of every stream', () => {
    let forgotten = 0;
    const worker = new RemoteWorker('c', nodeStreams, neverDirect, () => forgotten++);
    const r = recorder();
    worker.attach(r.handlers);
    const sockets = nodeStreams.map((name) => {
      const socket = new FakeSocket();
      worker.attachStream(name, socket.asSocket(), Buffer.alloc(0));
      return socket;
    });
    worker.onSpawned(999_999_999);
    sockets[0].close();
    worker.onExit(1, null);
    expect(r.events).toEqual(['exit 1 null']);
    sockets[1].close();
    sockets[2].close();
    expect(r.events).toEqual(['exit 1 null', 'close 1 null']);
    expect(forgotten).toBe(1);
  });

  test('when the spawner dies before starting the process, eddy forks it and hands over what waited', () => {
    const sent: HostMessage[] = [];
    let attached: WorkerHandlers | undefined;
    const direct: WorkerProcess = {
      pid: 42,
      send: (m) => sent.push(m),
      attach: (h) => (attached = h),
      kill: () => undefined,
    };
    const worker = new RemoteWorker(
      'd',
      nodeStreams,
      () => direct,
      () => undefined,
    );
    const r = recorder();
    worker.attach(r.handlers);
    worker.send(LOAD);
    worker.onSpawnerGone();
    expect(attached).toBe(r.handlers);
    expect(sent).toEqual([LOAD]);
    worker.send({
      type: 'invoke',
      requestId: 'r',
      payload: '{}',
      context: { invokedFunctionArn: 'a', deadlineMs: 0 },
    });
    expect(sent).toHaveLength(2);
  });

  test('a process killed before it started is reported killed, and nothing is forked for it', () => {
    const worker = new RemoteWorker('e', nodeStreams, neverDirect, () => undefined);
    const r = recorder();
    worker.attach(r.handlers);
    worker.kill();
    worker.onSpawnerGone();
    expect(r.events).toEqual(['exit null SIGKILL', 'close null SIGKILL']);
  });

  test('after the spawner died, a started process counts as ended once its streams closed', () => {
    const worker = new RemoteWorker('f', ['stdout'], neverDirect, () => undefined);
    const r = recorder();
    worker.attach(r.handlers);
    const stdout = new FakeSocket();
    worker.attachStream('stdout', stdout.asSocket(), Buffer.alloc(0));
    worker.onSpawned(999_999_999);
    worker.onSpawnerGone();
    expect(r.events).toEqual([]);
    stdout.close();
    expect(r.events).toEqual(['exit null null', 'close null null']);
  });
});
