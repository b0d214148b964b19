// AWAIT: without it a write returns at once with Cloud Control's IN_PROGRESS event; with
// /*+ AWAIT */, --await or RETURNING it waits for the request to end, and a FAILED request
// exits non-zero with Cloud Control's error code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelResourceRequestCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
} from '@aws-sdk/client-cloudcontrol';
import { execArgs, type ExecResult } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy } from '../support/request-witness.js';

const API = 'AWS::ApiGatewayV2::Api';
const INSERT_API = `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('w', 'HTTP', 'us-east-1')`;
const CODES = /(ServiceInternalError|NetworkFailure|InternalFailure|Throttling)/;

let failing: TestCloud;
let slow: TestCloud;
// The slow cloud's clock: its operations take 1.5 s of it, which the test moves on.
let slowClockAhead = 0;

before(async () => {
  failing = await startTestCloud({ failRate: 1 });
  slow = await startTestCloud({ opDelayMs: 1500, clock: () => Date.now() + slowClockAhead });
});

after(async () => {
  await failing.close();
  await slow.close();
});

async function apis(cloud: TestCloud): Promise<number> {
  return (await cloud.client().send(new ListResourcesCommand({ TypeName: API }))).ResourceDescriptions?.length ?? 0;
}

/** The cloud's requests, newest first: [token, status, error code]. */
async function history(cloud: TestCloud): Promise<[string, string, string | undefined][]> {
  const out = await cloud.client().send(new ListResourceRequestsCommand({ MaxResults: 100 }));
  return (out.ResourceRequestStatusSummaries ?? []).map((e) => [e.RequestToken!, e.OperationStatus!, e.ErrorCode]);
}

test('/*+ AWAIT */ on a request that ends FAILED: exit non-zero, stderr has the error code and request token', async () => {
  const r = await execArgs(failing, ['exec', `/*+ AWAIT */ ${INSERT_API}`]);
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  const [[token, status, code]] = await history(failing);
  assert.equal(status, 'FAILED');
  assert.match(code!, CODES);
  assert.match(r.stderr, new RegExp(`row 1: failed: ${code}: .*\\(request ${token}\\)`));
  assert.match(r.stderr, /nothing was changed/);
  assert.equal(await apis(failing), 0);
});

test('--await on a multi-row INSERT: every failed row is reported with its own code', async () => {
  const r = await execArgs(failing, ['exec', `${INSERT_API}, ('w2', 'HTTP', 'us-east-1')`, '--await']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /2 of 2 CreateResource calls on AWS::ApiGatewayV2::Api did not succeed \(2 failed\)/);
  const [[t2, , c2], [t1, , c1]] = await history(failing);
  assert.ok(r.stderr.includes(`${c1}`) && r.stderr.includes(`${c2}`), r.stderr);
  assert.ok(r.stderr.includes(t1) && r.stderr.includes(t2), r.stderr);
});

test('RETURNING implies AWAIT: a failure exits non-zero', async () => {
  const r = await execArgs(failing, ['exec', `${INSERT_API} RETURNING api_id`]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, CODES);
  assert.equal(r.stdout, '');
});

test('without AWAIT the same INSERT returns at once: IN_PROGRESS, exit 0; the request fails later', async () => {
  const r = await execArgs(failing, ['exec', INSERT_API, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const [ev] = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(ev.operation, 'CREATE');
  assert.equal(ev.operation_status, 'IN_PROGRESS');
  assert.equal(ev.error_code, null);
  assert.match(String(ev.request_token), /^[0-9a-f-]{36}$/);
  const later = await failing.client().send(new GetResourceRequestStatusCommand({ RequestToken: String(ev.request_token) }));
  assert.equal(later.ProgressEvent!.OperationStatus, 'FAILED');
  assert.match(later.ProgressEvent!.ErrorCode!, CODES);
});

test('a slow cloud: no AWAIT returns before the resource exists; AWAIT waits until it does', async () => {
  const quick = await execArgs(slow, ['exec', INSERT_API, '-o', 'csv']);
  assert.equal(quick.code, 0, quick.stderr);
  const [header, row, end] = quick.stdout.split('\r\n');
  assert.equal(header, 'operation,operation_status,type_name,identifier,request_token,status_message,error_code,event_time,region');
  assert.match(row, /^CREATE,IN_PROGRESS,AWS::ApiGatewayV2::Api,,[0-9a-f-]{36},,,\d{4}-\d\d-\d\dT[\d:.]+Z,us-east-1$/);
  assert.equal(end, '');
  assert.equal(await apis(slow), 0, 'not created yet');

  // AWAIT polls until the request ends: still waiting after several polls, it returns
  // once the cloud's clock has passed the operation's 1.5 s.
  const proxy = await recordingProxy(slow);
  let awaited: ExecResult;
  try {
    let returned = false;
    const running = execArgs(proxy.endpoint, ['exec', `/*+ AWAIT */ ${INSERT_API}`, '-o', 'json']).finally(() => (returned = true));
    await proxy.until((calls) => calls.filter((c) => c.operation === 'GetResourceRequestStatus').length >= 3);
    assert.equal(returned, false, 'AWAIT returned before the operation was due');
    slowClockAhead += 1500;
    awaited = await running;
  } finally {
    await proxy.close();
  }
  assert.equal(awaited.code, 0, awaited.stderr);
  const [ev] = JSON.parse(awaited.stdout) as Record<string, unknown>[];
  assert.equal(ev.operation_status, 'SUCCESS');
  assert.match(String(ev.identifier), /^[a-z0-9]{10}$/);
  assert.equal(await apis(slow), 2, 'both exist now (the first one finished during the wait)');
});

test(
  'an awaited INSERT … RETURNING whose request is cancelled meanwhile reports the cancellation',
  async () => {
    const cloud = await startTestCloud({ opDelayMs: 60_000 });
    try {
      const proxy = await recordingProxy(cloud);
      const running = execArgs(proxy.endpoint, ['exec', `${INSERT_API} RETURNING api_id`]).finally(() => proxy.close());
      // Polling its status: the create was sent and answered.
      await proxy.until((calls) => calls.some((c) => c.operation === 'GetResourceRequestStatus'));
      const token = (await history(cloud))[0]?.[0];
      assert.ok(token, 'the CLI sent its create');
      await cloud.client().send(new CancelResourceRequestCommand({ RequestToken: token }));
      const r = await running;
      assert.doesNotMatch(r.stderr, /undefined/);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /cancel/i);
    } finally {
      await cloud.close();
    }
  },
);
