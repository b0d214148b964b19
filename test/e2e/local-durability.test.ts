// Acknowledged writes survive kill -9: the server runs as `skyql local` in its own
// process on a state file, is killed with SIGKILL, and is restarted on the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import type { CloudControlClient, ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { client, spawnLocal } from '../support/local-harness.js';

async function settled(cc: CloudControlClient, e: ProgressEvent): Promise<ProgressEvent> {
  for (;;) {
    const s = (await cc.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }))).ProgressEvent!;
    if (s.OperationStatus !== 'IN_PROGRESS') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('writes acknowledged before SIGKILL are all there after a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-durable-'));
  const state = join(dir, 'state.sqlite');
  let first = await spawnLocal(['--port', '0', '--state', state, '--op-delay-ms', '0']);
  try {
    let cc = client(first.endpoint, 'us-east-1', { maxAttempts: 1 });
    const vpcs: string[] = [];
    for (let i = 0; i < 20; i++) {
      const e = (await cc.send(new CreateResourceCommand({ TypeName: 'AWS::EC2::VPC', DesiredState: JSON.stringify({ CidrBlock: `10.${i}.0.0/16` }) }))).ProgressEvent!;
      vpcs.push((await settled(cc, e)).Identifier!);
    }
    const upd = (await cc.send(new UpdateResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: vpcs[0], PatchDocument: '[{"op":"add","path":"/EnableDnsHostnames","value":true}]' }))).ProgressEvent!;
    assert.equal((await settled(cc, upd)).OperationStatus, 'SUCCESS');
    const del = (await cc.send(new DeleteResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: vpcs[19] }))).ProgressEvent!;
    assert.equal((await settled(cc, del)).OperationStatus, 'SUCCESS');
    // Accepted (IN_PROGRESS acknowledged) but not finished when the process dies: it must finish after restart.
    const west = client(first.endpoint, 'eu-west-1', { maxAttempts: 1 });
    const pending = (await west.send(new CreateResourceCommand({ TypeName: 'AWS::S3::Bucket', DesiredState: '{"BucketName":"in-flight"}' }))).ProgressEvent!;
    west.destroy();
    cc.destroy();

    first.child.kill('SIGKILL');
    const exit = await first.exited;
    assert.equal(exit.signal, 'SIGKILL');

    first = await spawnLocal(['--port', '0', '--state', state, '--op-delay-ms', '0']);
    cc = client(first.endpoint, 'us-east-1', { maxAttempts: 1 });
    const listed: string[] = [];
    let token: string | undefined;
    do {
      const page = await cc.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC', MaxResults: 7, NextToken: token }));
      listed.push(...page.ResourceDescriptions!.map((d) => d.Identifier!));
      token = page.NextToken;
    } while (token);
    assert.deepEqual(listed, vpcs.slice(0, 19));
    const vpc0 = JSON.parse((await cc.send(new GetResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: vpcs[0] }))).ResourceDescription!.Properties!);
    assert.equal(vpc0.EnableDnsHostnames, true);
    assert.equal(vpc0.CidrBlock, '10.0.0.0/16');
    const history = await cc.send(new ListResourceRequestsCommand({ MaxResults: 100 }));
    assert.equal(history.ResourceRequestStatusSummaries!.length, 22);
    const west2 = client(first.endpoint, 'eu-west-1', { maxAttempts: 1 });
    const after = (await west2.send(new GetResourceRequestStatusCommand({ RequestToken: pending.RequestToken }))).ProgressEvent!;
    assert.equal(after.OperationStatus, 'SUCCESS');
    assert.equal(after.Identifier, 'in-flight');
    west2.destroy();
    cc.destroy();
  } finally {
    first.child.kill('SIGKILL');
    await first.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
