// Injected faults meet the SDK as AWS's would: throttling is retried, latency is felt,
// failed operations end FAILED with a handler error code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateResourceCommand, GetResourceRequestStatusCommand, ListResourcesCommand, waitUntilResourceRequestSuccess } from '@aws-sdk/client-cloudcontrol';
import { startLocalCloud } from '../../src/local/server.js';
import { client, rawCall } from '../support/local-harness.js';

test('beyond --throttle-rps: 429 ThrottlingException, which the SDK classifies as throttling and retries', async () => {
  const cloud = await startLocalCloud({ port: 0, throttleRps: 2 });
  try {
    await rawCall(cloud.endpoint, 'ListResources', { TypeName: 'AWS::EC2::VPC' });
    await rawCall(cloud.endpoint, 'ListResources', { TypeName: 'AWS::EC2::VPC' });
    const throttled = await rawCall(cloud.endpoint, 'ListResources', { TypeName: 'AWS::EC2::VPC' });
    assert.equal(throttled.status, 429);
    assert.deepEqual(throttled.body, { __type: 'ThrottlingException', message: 'Rate exceeded' });

    const once = client(cloud.endpoint, 'us-east-1', { maxAttempts: 1 });
    const err = await once.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' })).catch((e: unknown) => e as Error & { $retryable?: { throttling?: boolean }; $metadata: { httpStatusCode: number } });
    once.destroy();
    assert.equal((err as Error).name, 'ThrottlingException');
    assert.equal(err!.$metadata.httpStatusCode, 429);

  } finally {
    await cloud.close();
  }
  // A burst well beyond the rate: the SDK's standard retry strategy backs off and every
  // call succeeds. A faster rate keeps the test short; twice as many calls as it allows.
  const fast = await startLocalCloud({ port: 0, throttleRps: 10 });
  try {
    const cc = client(fast.endpoint, 'us-east-1', { maxAttempts: 10 });
    const results = await Promise.all(Array.from({ length: 20 }, () => cc.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' }))));
    cc.destroy();
    assert.equal(results.length, 20);
    const retried = results.filter((r) => (r.$metadata.attempts ?? 1) > 1);
    assert.ok(retried.length >= 3, `throttled calls were retried: attempts ${results.map((r) => r.$metadata.attempts).join(',')}`);
    assert.ok(retried.every((r) => (r.$metadata.totalRetryDelay ?? 0) > 0));
  } finally {
    await fast.close();
  }
});

test('--latency-ms holds every response for N ± J ms', async () => {
  const cloud = await startLocalCloud({ port: 0, latencyMs: 80, latencyJitterMs: 10 });
  try {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await rawCall(cloud.endpoint, 'ListResources', { TypeName: 'AWS::EC2::VPC' });
      const took = performance.now() - t0;
      assert.equal(res.status, 200);
      assert.ok(took >= 69 && took < 500, `took ${took} ms`);
    }
  } finally {
    await cloud.close();
  }
});

test('--fail-rate 1: every operation ends FAILED; the SDK waiter reports the failure', async () => {
  const cloud = await startLocalCloud({ port: 0, opDelayMs: 0, failRate: 1 });
  const cc = client(cloud.endpoint);
  try {
    const e = (await cc.send(new CreateResourceCommand({ TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.0.0.0/16"}' }))).ProgressEvent!;
    assert.equal(e.OperationStatus, 'IN_PROGRESS');
    await assert.rejects(waitUntilResourceRequestSuccess({ client: cc, maxWaitTime: 10, minDelay: 1 }, { RequestToken: e.RequestToken! }), (err: Error) => {
      assert.match(err.message, /FAILURE/);
      return true;
    });
    const s = (await cc.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }))).ProgressEvent!;
    assert.equal(s.OperationStatus, 'FAILED');
    assert.ok(['ServiceInternalError', 'NetworkFailure', 'InternalFailure', 'Throttling'].includes(s.ErrorCode!));
    assert.match(s.StatusMessage!, /--fail-rate/);
    assert.equal((await cc.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' }))).ResourceDescriptions!.length, 0);
  } finally {
    cc.destroy();
    await cloud.close();
  }
});
