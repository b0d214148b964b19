// The local cloud in a worker thread for the benchmark, so the load generator and the
// server do not share an event loop (they do share the machine's two cores).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { startLocalCloud } from '../src/local/server.js';

// A state file, as `skyql local` uses by default: WAL, synchronous writes.
const dir = mkdtempSync(join(tmpdir(), 'skyql-bench-'));
const cloud = await startLocalCloud({ port: 0, host: '127.0.0.1', state: join(dir, 'state.sqlite'), opDelayMs: 0 });
parentPort!.postMessage({ endpoint: cloud.endpoint });
parentPort!.on('message', (m: string) => {
  if (m === 'close') {
    void cloud.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  }
});
