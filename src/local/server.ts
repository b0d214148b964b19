// `startLocalCloud`: the local Cloud Control API server, in-process. `skyql local` and
// the tests start it the same way.
import { createServer } from 'node:http';
import { UsageError } from '../errors.js';
import type { Socket } from 'node:net';
import { LocalCloud } from './cloud-operations.js';
import { FaultInjector } from './fault-injector.js';
import { createRequestHandler } from './http-handler.js';
import { removeEndpoint, writeEndpoint } from './endpoint-file.js';
import { lockStateFile } from './state-lock.js';
import { StateStore } from './state-store.js';

export interface LocalCloudOptions {
  /** 0 picks a free port. Default 4566. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A SQLite file, or ':memory:' (the default). */
  state?: string;
  /** How long operations stay IN_PROGRESS. Default 20 ms; 0 finishes them on the next read. */
  opDelayMs?: number;
  latencyMs?: number;
  latencyJitterMs?: number;
  /** Requests per second beyond which calls get ThrottlingException; 0 = unlimited. */
  throttleRps?: number;
  /** Share (0..1) of operations that end FAILED. */
  failRate?: number;
  /** Regions served; default any well-formed region name. */
  regions?: string[];
  /** Started by a command's --local, in its own process (recorded in `<state>.endpoint`). */
  embedded?: boolean;
  /** The cloud's clock (epoch ms), for tests that advance time; default Date.now. */
  clock?: () => number;
}

export interface LocalCloudHandle {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloudHandle> {
  const host = opts.host ?? '127.0.0.1';
  const state = opts.state ?? ':memory:';
  // Before the store opens: a second server on the file would also finish its requests (see state-lock.ts).
  const lock = lockStateFile(state);
  let store: StateStore;
  try {
    store = new StateStore(state);
  } catch (e) {
    lock?.release();
    throw e;
  }
  const faults = new FaultInjector({
    latencyMs: opts.latencyMs,
    latencyJitterMs: opts.latencyJitterMs,
    throttleRps: opts.throttleRps,
    failRate: opts.failRate,
  });
  const cloud = new LocalCloud(store, { opDelayMs: opts.opDelayMs, faults, clock: opts.clock });
  const regions = opts.regions?.length ? new Set(opts.regions) : undefined;
  const server = createServer({ keepAlive: true }, createRequestHandler({ cloud, faults, regions }));
  server.keepAliveTimeout = 60_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    s.setNoDelay(true);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 4566, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    cloud.close();
    store.close();
    lock?.release();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`Cannot listen on ${host}:${opts.port ?? 4566}: the port is in use (another local cloud or emulator?). Use --port to pick another, or --port 0 for any free one.`);
    }
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 4566);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const endpoint = `http://${shownHost}:${port}`;
  const file = lock !== undefined;
  if (file) writeEndpoint(state, { endpoint, pid: process.pid, embedded: opts.embedded ?? false });

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          cloud.close();
          store.close();
          if (file) removeEndpoint(state);
          lock?.release();
          resolve();
        });
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
