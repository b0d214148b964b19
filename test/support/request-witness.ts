// Witnesses for "a refused statement makes no call": a counting proxy in front of the
// local cloud, and a snapshot of everything the cloud holds. Statements run in-process,
// as `skyql exec` runs them (exec-harness.ts).
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { execArgs, execSql, type ExecOptions, type ExecResult } from './exec-harness.js';
import type { TestCloud } from './local-cloud.js';

/**
 * Runs `skyql exec ARGS…` (its action in-process, see execArgs) behind its own proxy to
 * the cloud, which records every request it forwards.
 */
export async function throughProxy(cloud: TestCloud, args: string[], lose: string[] = []): Promise<ExecResult & { operations: string[]; calls: RecordedCall[] }> {
  const proxy = await recordingProxy(cloud, lose);
  try {
    const r = await execArgs(proxy.endpoint, args);
    return { ...r, operations: proxy.calls.map((c) => c.operation), calls: proxy.calls };
  } finally {
    await proxy.close();
  }
}

/** As throughProxy, with the statements run in-process by execSql (as `skyql exec` runs them). */
export async function execThroughProxy(
  cloud: TestCloud,
  sql: string,
  opts: ExecOptions = {},
  lose: string[] = [],
): Promise<ExecResult & { operations: string[]; calls: RecordedCall[] }> {
  const proxy = await recordingProxy(cloud, lose);
  try {
    const r = await execSql(proxy.endpoint, sql, opts);
    return { ...r, operations: proxy.calls.map((c) => c.operation), calls: proxy.calls };
  } finally {
    await proxy.close();
  }
}

/** Runs every item, at most `width` at once; rethrows the first failure once all have ended. */
export async function each<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const errors: unknown[] = [];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        await fn(item).catch((e: unknown) => errors.push(e));
      }
    }),
  );
  if (errors.length) throw errors[0];
}

/** Everything the cloud holds in us-east-1, read with the SDK straight from the cloud. */
export async function snapshot(cloud: TestCloud): Promise<string> {
  const c = cloud.client('us-east-1');
  const out: unknown[] = [];
  const get = async (TypeName: string, Identifier: string | undefined) => out.push((await c.send(new GetResourceCommand({ TypeName, Identifier }))).ResourceDescription);
  for (const a of (await c.send(new ListResourcesCommand({ TypeName: 'AWS::ApiGatewayV2::Api' }))).ResourceDescriptions ?? []) {
    await get('AWS::ApiGatewayV2::Api', a.Identifier);
    const ints = await c.send(new ListResourcesCommand({ TypeName: 'AWS::ApiGatewayV2::Integration', ResourceModel: JSON.stringify({ ApiId: a.Identifier }) }));
    for (const i of ints.ResourceDescriptions ?? []) await get('AWS::ApiGatewayV2::Integration', i.Identifier);
  }
  return JSON.stringify(out);
}

export type Refusal = [sql: string, message: RegExp];

/** Each statement fails with its message, without one call; the cloud's history and state are unchanged. */
export async function refused(cloud: TestCloud, ...cases: Refusal[]): Promise<void> {
  const before = { requests: await cloud.requests(), state: await snapshot(cloud) };
  await each(cases, 2, async ([sql, message]) => {
    const r = await execThroughProxy(cloud, sql);
    assert.deepEqual(r.operations, [], `${sql} made calls`);
    assert.equal(r.code, 1, `expected a refusal of ${sql}\nstdout: ${r.stdout}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  });
  assert.equal(await cloud.requests(), before.requests);
  assert.equal(await snapshot(cloud), before.state);
}

export interface RecordedCall {
  operation: string;
  input: Record<string, unknown>;
}

/**
 * A proxy in front of the cloud that records every call's operation and JSON input. For
 * an operation in `lose`, the first response is lost: the cloud has acted on the call,
 * but the client gets a 503 and must retry.
 */
export interface RecordingProxy {
  endpoint: string;
  calls: RecordedCall[];
  /** Resolves once the calls recorded so far satisfy `ready` (checked as each arrives). */
  until(ready: (calls: RecordedCall[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function recordingProxy(cloud: TestCloud | { endpoint: string }, lose: string[] = []): Promise<RecordingProxy> {
  const calls: RecordedCall[] = [];
  const waiters = new Set<() => void>();
  const toLose = new Set(lose);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').replace('CloudApiService.', '');
      calls.push({ operation, input: body.length ? (JSON.parse(body.toString()) as Record<string, unknown>) : {} });
      for (const w of waiters) w();
      const up = request(cloud.endpoint + (req.url ?? '/'), { method: req.method, headers: req.headers }, (upRes) => {
        if (toLose.delete(operation)) {
          upRes.resume();
          res.writeHead(503, { 'content-type': 'application/x-amz-json-1.0' });
          res.end(JSON.stringify({ __type: 'ServiceUnavailableException', message: 'response lost by the test proxy' }));
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    until(ready) {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (!ready(calls)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The write calls among them. */
export function writes(calls: RecordedCall[]): RecordedCall[] {
  return calls.filter((c) => /^(Create|Update|Delete)Resource$/.test(c.operation));
}
