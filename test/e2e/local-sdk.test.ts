// The official SDK drives the local cloud through a whole resource life cycle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
  paginateListResources,
  waitUntilResourceRequestSuccess,
} from '@aws-sdk/client-cloudcontrol';
import type { CloudControlClient, ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { startLocalCloud } from '../../src/local/server.js';
import { client } from '../support/local-harness.js';

const API = 'AWS::ApiGatewayV2::Api';
const INTEGRATION = 'AWS::ApiGatewayV2::Integration';

async function awaitSuccess(cc: CloudControlClient, event: ProgressEvent | undefined): Promise<ProgressEvent> {
  const result = await waitUntilResourceRequestSuccess({ client: cc, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { RequestToken: event!.RequestToken! });
  assert.equal(result.state, 'SUCCESS');
  return (result.reason as { ProgressEvent: ProgressEvent }).ProgressEvent;
}

function assertRecent(d: Date | undefined): void {
  assert.ok(d instanceof Date, 'EventTime is a timestamp');
  assert.ok(Math.abs(Date.now() - d.getTime()) < 60_000, `EventTime ${d.toISOString()} is now`);
}

test('an API and three integrations: create, wait, get, list, update, delete, history', async () => {
  const cloud = await startLocalCloud({ port: 0, opDelayMs: 0 });
  const cc = client(cloud.endpoint);
  try {
    const apiEvent = (await cc.send(new CreateResourceCommand({ TypeName: API, DesiredState: JSON.stringify({ Name: 'orders', ProtocolType: 'HTTP' }) }))).ProgressEvent!;
    assert.equal(apiEvent.TypeName, API);
    assert.equal(apiEvent.Operation, 'CREATE');
    assert.equal(apiEvent.OperationStatus, 'IN_PROGRESS');
    assert.match(apiEvent.RequestToken!, /^[0-9a-f-]{36}$/);
    assert.equal(apiEvent.Identifier, undefined);
    assert.equal(apiEvent.ErrorCode, undefined);
    assert.equal(apiEvent.StatusMessage, undefined);
    assertRecent(apiEvent.EventTime);
    const apiDone = await awaitSuccess(cc, apiEvent);
    const apiId = apiDone.Identifier!;
    assert.match(apiId, /^[a-z0-9]{10}$/);
    assert.equal(apiDone.RequestToken, apiEvent.RequestToken);
    assert.equal(apiDone.Operation, 'CREATE');
    assert.equal(apiDone.TypeName, API);
    // Events at SUCCESS carry no ResourceModel (progress-event.ts); GetResource reads it.
    assert.equal(apiDone.ResourceModel, undefined);
    assert.deepEqual(JSON.parse((await cc.send(new GetResourceCommand({ TypeName: API, Identifier: apiId }))).ResourceDescription!.Properties!), {
      Name: 'orders',
      ProtocolType: 'HTTP',
      ApiId: apiId,
      ApiEndpoint: `https://${apiId}.execute-api.us-east-1.amazonaws.com`,
      // No ExecuteApiArn: the specification lists it, but the registry schema Cloud Control
      // answers from has no such property, so Cloud Control never returns it.
      RouteSelectionExpression: '$request.method $request.path',
      ApiKeySelectionExpression: '$request.header.x-api-key',
    });

    const integrationIds: string[] = [];
    for (const uri of ['https://a.example.com', 'https://b.example.com', 'https://c.example.com']) {
      const e = (
        await cc.send(
          new CreateResourceCommand({
            TypeName: INTEGRATION,
            DesiredState: JSON.stringify({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: uri, PayloadFormatVersion: '1.0' }),
          }),
        )
      ).ProgressEvent!;
      assert.equal(e.OperationStatus, 'IN_PROGRESS');
      const done = await awaitSuccess(cc, e);
      const [a, integrationId] = done.Identifier!.split('|');
      assert.equal(a, apiId);
      assert.match(integrationId, /^[a-z0-9]{7}$/);
      integrationIds.push(integrationId);
    }

    const got = await cc.send(new GetResourceCommand({ TypeName: INTEGRATION, Identifier: `${apiId}|${integrationIds[1]}` }));
    assert.equal(got.TypeName, INTEGRATION);
    assert.equal(got.ResourceDescription!.Identifier, `${apiId}|${integrationIds[1]}`);
    assert.deepEqual(JSON.parse(got.ResourceDescription!.Properties!), {
      ApiId: apiId,
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'GET',
      IntegrationUri: 'https://b.example.com',
      PayloadFormatVersion: '1.0',
      IntegrationId: integrationIds[1],
      // An HTTP API integration's default timeout, as its read handler returns it (service-defaults.ts).
      TimeoutInMillis: 30000,
    });

    const listed = await cc.send(new ListResourcesCommand({ TypeName: INTEGRATION, ResourceModel: JSON.stringify({ ApiId: apiId }) }));
    assert.equal(listed.TypeName, INTEGRATION);
    assert.equal(listed.NextToken, undefined);
    assert.deepEqual(
      listed.ResourceDescriptions,
      integrationIds.map((id) => ({ Identifier: `${apiId}|${id}`, Properties: JSON.stringify({ ApiId: apiId, IntegrationId: id }) })),
    );
    // The SDK's own paginator walks NextToken; its pageSize (MaxResults, reserved) does not
    // change the handler's page, which holds all three.
    const paged: string[] = [];
    for await (const page of paginateListResources({ client: cc, pageSize: 1 }, { TypeName: INTEGRATION, ResourceModel: JSON.stringify({ ApiId: apiId }) })) {
      assert.equal(page.ResourceDescriptions!.length, 3);
      paged.push(...page.ResourceDescriptions!.map((d) => d.Identifier!));
    }
    assert.deepEqual(paged, integrationIds.map((id) => `${apiId}|${id}`));

    const target = `${apiId}|${integrationIds[0]}`;
    const upd = (
      await cc.send(
        new UpdateResourceCommand({
          TypeName: INTEGRATION,
          Identifier: target,
          PatchDocument: JSON.stringify([
            { op: 'replace', path: '/IntegrationUri', value: 'https://a2.example.com' },
            { op: 'add', path: '/TimeoutInMillis', value: 5000 },
          ]),
        }),
      )
    ).ProgressEvent!;
    assert.equal(upd.Operation, 'UPDATE');
    assert.equal(upd.OperationStatus, 'IN_PROGRESS');
    assert.equal(upd.Identifier, target);
    assert.equal(upd.TypeName, INTEGRATION);
    assertRecent(upd.EventTime);
    const updDone = await awaitSuccess(cc, upd);
    assert.equal(updDone.Identifier, target);
    const after = JSON.parse((await cc.send(new GetResourceCommand({ TypeName: INTEGRATION, Identifier: target }))).ResourceDescription!.Properties!);
    assert.equal(after.IntegrationUri, 'https://a2.example.com');
    assert.equal(after.TimeoutInMillis, 5000);
    assert.equal(updDone.ResourceModel, undefined);

    const del = (await cc.send(new DeleteResourceCommand({ TypeName: INTEGRATION, Identifier: target }))).ProgressEvent!;
    assert.equal(del.Operation, 'DELETE');
    assert.equal(del.OperationStatus, 'IN_PROGRESS');
    assert.equal(del.Identifier, target);
    const delDone = await awaitSuccess(cc, del);
    assert.equal(delDone.ResourceModel, undefined);
    await assert.rejects(cc.send(new GetResourceCommand({ TypeName: INTEGRATION, Identifier: target })), { name: 'ResourceNotFoundException' });
    const remaining = await cc.send(new ListResourcesCommand({ TypeName: INTEGRATION, ResourceModel: JSON.stringify({ ApiId: apiId }) }));
    assert.equal(remaining.ResourceDescriptions!.length, 2);

    const history = await cc.send(new ListResourceRequestsCommand({}));
    const summaries = history.ResourceRequestStatusSummaries!;
    assert.deepEqual(
      summaries.map((s) => [s.Operation, s.OperationStatus, s.TypeName]),
      [
        ['DELETE', 'SUCCESS', INTEGRATION],
        ['UPDATE', 'SUCCESS', INTEGRATION],
        ['CREATE', 'SUCCESS', INTEGRATION],
        ['CREATE', 'SUCCESS', INTEGRATION],
        ['CREATE', 'SUCCESS', INTEGRATION],
        ['CREATE', 'SUCCESS', API],
      ],
    );
    assert.equal(summaries[0].RequestToken, del.RequestToken);
    assert.equal(summaries[1].RequestToken, upd.RequestToken);
    assert.equal(summaries[5].RequestToken, apiEvent.RequestToken);
    assert.equal(summaries[0].Identifier, target);
    assert.equal(summaries[5].Identifier, apiId);
    for (const s of summaries) assertRecent(s.EventTime);
    const filtered = await cc.send(new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { Operations: ['UPDATE', 'DELETE'] }, MaxResults: 1 }));
    assert.equal(filtered.ResourceRequestStatusSummaries!.length, 1);
    assert.equal(filtered.ResourceRequestStatusSummaries![0].RequestToken, del.RequestToken);
    assert.ok(filtered.NextToken);
    const next = await cc.send(new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { Operations: ['UPDATE', 'DELETE'] }, MaxResults: 1, NextToken: filtered.NextToken }));
    assert.equal(next.ResourceRequestStatusSummaries![0].RequestToken, upd.RequestToken);
    assert.equal(next.NextToken, undefined);

    const status = await cc.send(new GetResourceRequestStatusCommand({ RequestToken: apiEvent.RequestToken }));
    assert.equal(status.ProgressEvent!.OperationStatus, 'SUCCESS');
    assert.equal(status.ProgressEvent!.Identifier, apiId);
  } finally {
    cc.destroy();
    await cloud.close();
  }
});

test('the SDK waiter waits out a real operation delay', async () => {
  const cloud = await startLocalCloud({ port: 0, opDelayMs: 300 });
  const cc = client(cloud.endpoint);
  try {
    const started = Date.now();
    const e = (await cc.send(new CreateResourceCommand({ TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.0.0.0/16"}' }))).ProgressEvent!;
    const first = await cc.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }));
    assert.equal(first.ProgressEvent!.OperationStatus, 'IN_PROGRESS');
    const done = await awaitSuccess(cc, e);
    assert.ok(Date.now() - started >= 300);
    assert.match(done.Identifier!, /^vpc-[0-9a-f]{17}$/);
  } finally {
    cc.destroy();
    await cloud.close();
  }
});

test('concurrent requests never lose or duplicate a resource', async () => {
  const cloud = await startLocalCloud({ port: 0, opDelayMs: 0 });
  const cc = client(cloud.endpoint, 'us-east-1', { maxAttempts: 1 });
  try {
    const creates = Array.from({ length: 100 }, (_, i) =>
      cc.send(new CreateResourceCommand({ TypeName: 'AWS::S3::Bucket', DesiredState: JSON.stringify({ BucketName: `bucket-${i % 50}` }) })),
    );
    const events = (await Promise.all(creates)).map((r) => r.ProgressEvent!);
    const finals = await Promise.all(events.map((e) => cc.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }))));
    const statuses = finals.map((f) => f.ProgressEvent!);
    assert.equal(statuses.filter((s) => s.OperationStatus === 'SUCCESS').length, 50);
    assert.equal(statuses.filter((s) => s.OperationStatus === 'FAILED' && s.ErrorCode === 'AlreadyExists').length, 50);
    const names: string[] = [];
    for await (const page of paginateListResources({ client: cc, pageSize: 7 }, { TypeName: 'AWS::S3::Bucket' })) {
      names.push(...page.ResourceDescriptions!.map((d) => d.Identifier!));
    }
    assert.equal(names.length, 50);
    assert.equal(new Set(names).size, 50);
    // The same ClientToken sent many times at once is one request.
    const same = await Promise.all(
      Array.from({ length: 20 }, () =>
        cc.send(new CreateResourceCommand({ TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.0.0.0/16"}', ClientToken: 'one-vpc' })),
      ),
    );
    assert.equal(new Set(same.map((r) => r.ProgressEvent!.RequestToken)).size, 1);
    const vpcs = await cc.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' }));
    assert.equal(vpcs.ResourceDescriptions!.length, 1);
  } finally {
    cc.destroy();
    await cloud.close();
  }
});

test('regions are isolated: each client sees only its own region', async () => {
  const cloud = await startLocalCloud({ port: 0, opDelayMs: 0 });
  const east = client(cloud.endpoint, 'us-east-1');
  const west = client(cloud.endpoint, 'eu-west-1');
  try {
    const e = (await west.send(new CreateResourceCommand({ TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.0.0.0/16"}' }))).ProgressEvent!;
    const done = await awaitSuccess(west, e);
    assert.equal((await west.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' }))).ResourceDescriptions!.length, 1);
    assert.equal((await east.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' }))).ResourceDescriptions!.length, 0);
    await assert.rejects(east.send(new GetResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: done.Identifier })), { name: 'ResourceNotFoundException' });
    await assert.rejects(east.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken })), { name: 'RequestTokenNotFoundException' });
    const vpc = JSON.parse((await west.send(new GetResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: done.Identifier }))).ResourceDescription!.Properties!);
    assert.equal(vpc.VpcId, done.Identifier);
  } finally {
    east.destroy();
    west.destroy();
    await cloud.close();
  }
});
