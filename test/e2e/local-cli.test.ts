// The AWS CLI (botocore, generated from the same service model) against the local cloud.
// Its commands run in one Python process (test/support/aws-cli.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud } from '../../src/local/server.js';
import { awsCli, hasAwsCli } from '../support/aws-cli.js';

test('aws cloudcontrol: create, wait, list, get, update, delete, list-resource-requests', { skip: !process.env.CI && !(await hasAwsCli()) && 'the aws CLI is not installed (CI installs it: .ci/run)' }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'skyql-aws-'));
  const cloud = await startLocalCloud({ port: 0, opDelayMs: 0 });
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  // Async: the server runs in this process and must keep serving while the CLI waits.
  const cli = await awsCli(env);
  const aws = async (...args: string[]) => {
    const r = await cli.run(['cloudcontrol', ...args, '--endpoint-url', cloud.endpoint, '--output', 'json']);
    if (r.code !== 0) throw Object.assign(new Error(`aws ${args.join(' ')} exited ${r.code}: ${r.stderr}`), r);
    return r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, never>) : {};
  };
  try {
    const created = await aws('create-resource', '--type-name', 'AWS::ApiGatewayV2::Api', '--desired-state', '{"Name":"cli","ProtocolType":"HTTP"}');
    const ev = created.ProgressEvent as Record<string, string>;
    const eventTime = (created.ProgressEvent as Record<string, unknown>).EventTime;
    assert.equal(ev.TypeName, 'AWS::ApiGatewayV2::Api');
    assert.equal(ev.Operation, 'CREATE');
    assert.equal(ev.OperationStatus, 'IN_PROGRESS');
    // AWS CLI v1 prints timestamps as sent: AWS JSON 1.0 sends epoch seconds.
    assert.equal(typeof eventTime, 'number');
    assert.ok(Math.abs((eventTime as number) * 1000 - Date.now()) < 60_000);
    assert.equal(await aws('wait', 'resource-request-success', '--request-token', ev.RequestToken).then(() => 'ok'), 'ok');
    const status = (await aws('get-resource-request-status', '--request-token', ev.RequestToken)).ProgressEvent as Record<string, string>;
    assert.equal(status.OperationStatus, 'SUCCESS');
    const apiId = status.Identifier;
    assert.match(apiId, /^[a-z0-9]{10}$/);

    const integ = (
      await aws('create-resource', '--type-name', 'AWS::ApiGatewayV2::Integration', '--desired-state', JSON.stringify({ ApiId: apiId, IntegrationType: 'MOCK' }))
    ).ProgressEvent as Record<string, string>;
    await aws('wait', 'resource-request-success', '--request-token', integ.RequestToken);

    const apis = await aws('list-resources', '--type-name', 'AWS::ApiGatewayV2::Api');
    assert.deepEqual(apis.ResourceDescriptions, [{ Identifier: apiId, Properties: JSON.stringify({ ApiId: apiId }) }]);
    const integrations = await aws('list-resources', '--type-name', 'AWS::ApiGatewayV2::Integration', '--resource-model', JSON.stringify({ ApiId: apiId }));
    const [d] = integrations.ResourceDescriptions as { Identifier: string; Properties: string }[];
    assert.match(d.Identifier, new RegExp(`^${apiId}\\|[a-z0-9]{7}$`));

    const got = await aws('get-resource', '--type-name', 'AWS::ApiGatewayV2::Api', '--identifier', apiId);
    assert.equal(got.TypeName, 'AWS::ApiGatewayV2::Api');
    const props = JSON.parse((got.ResourceDescription as { Properties: string }).Properties);
    assert.equal(props.Name, 'cli');
    assert.equal(props.ApiId, apiId);

    const upd = (
      await aws('update-resource', '--type-name', 'AWS::ApiGatewayV2::Api', '--identifier', apiId, '--patch-document', '[{"op":"replace","path":"/Name","value":"renamed"}]')
    ).ProgressEvent as Record<string, string>;
    assert.equal(upd.Operation, 'UPDATE');
    await aws('wait', 'resource-request-success', '--request-token', upd.RequestToken);
    const renamed = await aws('get-resource', '--type-name', 'AWS::ApiGatewayV2::Api', '--identifier', apiId);
    assert.equal(JSON.parse((renamed.ResourceDescription as { Properties: string }).Properties).Name, 'renamed');

    const del = (await aws('delete-resource', '--type-name', 'AWS::ApiGatewayV2::Api', '--identifier', apiId)).ProgressEvent as Record<string, string>;
    assert.equal(del.Operation, 'DELETE');
    await aws('wait', 'resource-request-success', '--request-token', del.RequestToken);
    assert.deepEqual((await aws('list-resources', '--type-name', 'AWS::ApiGatewayV2::Api')).ResourceDescriptions, []);

    const history = await aws('list-resource-requests');
    assert.deepEqual(
      (history.ResourceRequestStatusSummaries as Record<string, string>[]).map((s) => [s.Operation, s.OperationStatus]),
      [
        ['DELETE', 'SUCCESS'],
        ['UPDATE', 'SUCCESS'],
        ['CREATE', 'SUCCESS'],
        ['CREATE', 'SUCCESS'],
      ],
    );
    const creates = await aws('list-resource-requests', '--resource-request-status-filter', 'Operations=CREATE');
    assert.equal((creates.ResourceRequestStatusSummaries as unknown[]).length, 2);

    // Errors reach the CLI with their codes; the region came from AWS_DEFAULT_REGION.
    await assert.rejects(aws('get-resource', '--type-name', 'AWS::ApiGatewayV2::Api', '--identifier', apiId), (e: Error & { stderr: string; code: number }) => {
      assert.ok([254, 255].includes(e.code), `exit code ${e.code}`); // v2: 254, v1: 255
      assert.match(e.stderr, /\(ResourceNotFoundException\) when calling the GetResource operation/);
      return true;
    });
    await assert.rejects(aws('list-resources', '--type-name', 'AWS::ApiGatewayV2::Integration'), (e: Error & { stderr: string }) => {
      assert.match(e.stderr, /\(InvalidRequestException\).*Required property: \[ApiId\]/s);
      return true;
    });
  } finally {
    cli.close();
    await cloud.close();
    rmSync(home, { recursive: true, force: true });
  }
});
