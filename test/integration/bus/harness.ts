// Test harness for the bus: eddy started in-process (startEddy) with the real EventBridge client, and a
// local HTTP server used as a rule target that records what it receives (and can be told to fail).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { startEddy, type RunningEddy, type StartEddyOptions } from '../../../src/testing/index.js';

/** A running eddy with an EventBridge client. */
export interface BusHarness {
  eddy: RunningEddy;
  events: EventBridgeClient;
  stop(): Promise<void>;
}

/** SDK client settings for a local endpoint. */
export function clientConfig(endpoint: string) {
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
}

/** Starts eddy (in memory unless `state` is given) and an EventBridge client for it. */
export async function startBus(options: StartEddyOptions = {}): Promise<BusHarness> {
  const eddy = await startEddy(options);
  const events = new EventBridgeClient(clientConfig(eddy.endpoint));
  return {
    eddy,
    events,
    stop: async () => {
      events.destroy();
      await eddy.stop();
    },
  };
}

/** An HTTP endpoint used as a target: records bodies; answers `status()` (200 by default). */
export interface CaptureServer {
  url: string;
  bodies: unknown[];
  status: (body: unknown) => number;
  /** Answer this long after the request (a slow target). */
  delayMs: number;
  close(): Promise<void>;
}

/** Starts a capture server on a free port. */
export async function captureServer(): Promise<CaptureServer> {
  const capture: CaptureServer = {
    url: '',
    bodies: [],
    status: () => 200,
    delayMs: 0,
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the text
      }
      const status = capture.status(body);
      setTimeout(() => {
        if (status < 300) capture.bodies.push(body);
        res.writeHead(status).end();
      }, capture.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  capture.close = () => new Promise((resolve) => server.close(() => resolve()));
  return capture;
}
