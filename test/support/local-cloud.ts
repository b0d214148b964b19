// A local cloud on a free port for one test file, plus seeding through the official SDK
// (never through skyql itself, so a bug in the engine cannot hide in its own fixtures).
import {
  CloudControlClient,
  CreateResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  type ProgressEvent,
} from '@aws-sdk/client-cloudcontrol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloudHandle, type LocalCloudOptions } from '../../src/local/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// AWAIT polls at once first (the cloud finishes an operation on its next read, opDelayMs
// 0), then backs off as always: no sleep before every awaited write. CLI children inherit it.
process.env.SKYQL_AWAIT_FIRST_POLL_MS ??= '0';

export interface TestCloud {
  handle: LocalCloudHandle;
  endpoint: string;
  /** Environment for a CLI child process pointed at this cloud. */
  env: Record<string, string>;
  client(region?: string): CloudControlClient;
  create(type: string, props: Record<string, unknown>, region?: string): Promise<ProgressEvent>;
  /** Every request the cloud has recorded (writes only: Cloud Control records those). */
  requests(region?: string): Promise<number>;
  close(): Promise<void>;
}

export async function startTestCloud(opts: LocalCloudOptions = {}): Promise<TestCloud> {
  const handle = await startLocalCloud({ port: 0, state: ':memory:', opDelayMs: 0, ...opts });
  const clients = new Map<string, CloudControlClient>();
  const client = (region = 'us-east-1') => {
    let c = clients.get(region);
    if (!c) {
      c = new CloudControlClient({
        region,
        endpoint: handle.endpoint,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 10,
      });
      clients.set(region, c);
    }
    return c;
  };
  return {
    handle,
    endpoint: handle.endpoint,
    env: {
      AWS_ENDPOINT_URL_CLOUDCONTROL: handle.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    },
    client,
    async create(type, props, region = 'us-east-1') {
      const c = client(region);
      const started = await c.send(new CreateResourceCommand({ TypeName: type, DesiredState: JSON.stringify(props) }));
      for (;;) {
        const s = await c.send(new GetResourceRequestStatusCommand({ RequestToken: started.ProgressEvent!.RequestToken }));
        const ev = s.ProgressEvent!;
        if (ev.OperationStatus === 'SUCCESS') return ev;
        if (ev.OperationStatus === 'FAILED') throw new Error(`create ${type} failed: ${ev.ErrorCode} ${ev.StatusMessage}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async requests(region = 'us-east-1') {
      let n = 0;
      let token: string | undefined;
      do {
        const page = await client(region).send(new ListResourceRequestsCommand({ NextToken: token, MaxResults: 100 }));
        n += page.ResourceRequestStatusSummaries?.length ?? 0;
        token = page.NextToken;
      } while (token);
      return n;
    },
    async close() {
      for (const c of clients.values()) c.destroy();
      await handle.close();
    },
  };
}

/**
 * A cloud with `opts` (throttled, slow, …) holding what `seed` made on a quick one: seeded
 * on a state file with no faults, that file is then served with `opts`. Seeding through
 * injected latency or throttling would only make the test slow.
 */
export async function startSeededCloud<T>(opts: LocalCloudOptions, seed: (cloud: TestCloud) => Promise<T>): Promise<{ cloud: TestCloud; seeded: T }> {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-cloud-'));
  const state = join(dir, 'state.db');
  let seeded: T;
  const quick = await startTestCloud({ state });
  try {
    seeded = await seed(quick);
  } finally {
    await quick.close();
  }
  const cloud = await startTestCloud({ ...opts, state });
  const close = cloud.close;
  cloud.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { cloud, seeded };
}

/** Polls a request until it leaves PENDING/IN_PROGRESS (the tests' clouds finish on the next read). */
export async function requestEnd(cc: CloudControlClient, event: ProgressEvent | undefined): Promise<ProgressEvent> {
  for (;;) {
    const s = (await cc.send(new GetResourceRequestStatusCommand({ RequestToken: event!.RequestToken }))).ProgressEvent!;
    if (s.OperationStatus !== 'IN_PROGRESS' && s.OperationStatus !== 'PENDING') return s;
  }
}
