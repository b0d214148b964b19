// --dry-run prints the calls a statement would make and makes none. Three witnesses: the
// cloud's own request history (ListResourceRequests), what the cloud holds, and a proxy in
// front of the cloud that counts every HTTP request skyql sends, reads included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { each, snapshot, throughProxy } from '../support/request-witness.js';

let cloud: TestCloud;
let apiId: string;
let integration: string;

before(async () => {
  cloud = await startTestCloud();
  apiId = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'refusals', ProtocolType: 'HTTP' })).Identifier!;
  integration = (await cloud.create('AWS::ApiGatewayV2::Integration', { ApiId: apiId, IntegrationType: 'HTTP_PROXY', Description: 'keep' })).Identifier!;
});

after(() => cloud.close());


/** The calls --dry-run prints for each statement, none of which it made; the cloud is unchanged. */
async function dryRun(...sqls: string[]): Promise<unknown[][][]> {
  const before = { requests: await cloud.requests(), state: await snapshot(cloud) };
  const out = new Map<string, unknown[][]>();
  await each(sqls, 2, async (sql) => {
    const r = await throughProxy(cloud, ['exec', sql, '--dry-run', '-o', 'json']);
    assert.deepEqual(r.operations, [], `${sql} made calls`);
    assert.equal(r.code, 0, r.stderr);
    out.set(sql, (JSON.parse(r.stdout) as Record<string, unknown>[]).map((c) => [c.operation, c.region, c.type_name, c.identifier, c.request]));
  });
  assert.equal(await cloud.requests(), before.requests);
  assert.equal(await snapshot(cloud), before.state);
  return sqls.map((s) => out.get(s)!);
}

/**
 * An UPDATE/DELETE whose WHERE does not pin identifiers is read even in a dry run, to
 * show (and check) how much of what it read it would touch: reads only, nothing written.
 */
async function dryRunReading(sql: string): Promise<{ calls: unknown[][]; note: string }> {
  const before = { requests: await cloud.requests(), state: await snapshot(cloud) };
  const r = await throughProxy(cloud, ['exec', sql, '--dry-run', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.operations.length > 0 && r.operations.every((o) => o === 'ListResources' || o === 'GetResource'), `${sql} made ${r.operations.join(', ')}`);
  assert.equal(await cloud.requests(), before.requests);
  assert.equal(await snapshot(cloud), before.state);
  const calls = (JSON.parse(r.stdout) as Record<string, unknown>[]).map((c) => [c.operation, c.region, c.type_name, c.identifier, c.request]);
  return { calls, note: r.stderr };
}

const INSERT = 'INSERT INTO aws.apigatewayv2.integrations';
const UPDATE = 'UPDATE aws.apigatewayv2.integrations';
const DELETE = 'DELETE FROM aws.apigatewayv2.integrations';
const T = 'AWS::ApiGatewayV2::Integration';

test('--dry-run INSERT prints each CreateResource with its DesiredState (VALUES), or the read and one create per row (SELECT)', async () => {
  const [values, select] = await dryRun(
    `${INSERT} (ApiId, integration_type, timeout_in_millis, request_parameters, region) VALUES ('${apiId}', 'HTTP_PROXY', '5000', '{"a":"b"}', 'us-east-1'), ('${apiId}', 'HTTP', 6000, NULL, 'eu-west-1')`,
    `${INSERT} (ApiId, IntegrationType, region) SELECT api_id, 'HTTP_PROXY', region FROM aws.apigatewayv2.apis WHERE region = 'us-east-1'`,
  );
  assert.deepEqual(values, [
    ['CreateResource', 'us-east-1', T, null, JSON.stringify({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', TimeoutInMillis: 5000, RequestParameters: { a: 'b' } })],
    ['CreateResource', 'eu-west-1', T, null, JSON.stringify({ ApiId: apiId, IntegrationType: 'HTTP', TimeoutInMillis: 6000 })],
  ]);
  assert.deepEqual(select, [
    ['ListResources', 'us-east-1', 'AWS::ApiGatewayV2::Api', null, 'to read the rows to insert'],
    ['CreateResource', '(each row)', T, null, 'one per row read'],
  ]);
});

test('--dry-run UPDATE prints the UpdateResource and its patch (built from SET, or given), or the search and one update per match', async () => {
  const doc = '[{"op":"replace","path":"/Description","value":"y"}]';
  const [sets, patch, pinned] = await dryRun(
    `${UPDATE} SET description = 'x', timeout_in_millis = 5000 WHERE data__Identifier = '${integration}' AND region = 'us-east-1'`,
    `${UPDATE} SET data__PatchDocument = string('${doc}') WHERE data__Identifier = '${integration}' AND region = 'us-east-1'`,
    `${UPDATE} SET description = 'x' WHERE api_id = '${apiId}' AND description = 'keep' AND region = 'us-east-1'`,
  );
  const built = [
    { op: 'add', path: '/Description', value: 'x' },
    { op: 'add', path: '/TimeoutInMillis', value: 5000 },
  ];
  assert.deepEqual(sets, [['UpdateResource', 'us-east-1', T, integration, JSON.stringify(built)]]);
  assert.deepEqual(patch, [['UpdateResource', 'us-east-1', T, integration, doc]]);
  // Pinned to a parent, with a search beside it: the plan of the search, read by the run.
  assert.deepEqual(
    pinned.map((c) => c.slice(0, 3)),
    [
      ['ListResources', 'us-east-1', T],
      ['GetResource', 'us-east-1', T],
      ['UpdateResource', '(each match)', T],
    ],
  );
  // Not pinned at all: read now, one update per match, and the count on stderr.
  const search = await dryRunReading(`${UPDATE} SET description = 'x' WHERE description = 'keep' AND region = 'us-east-1'`);
  assert.deepEqual(search.calls, [['UpdateResource', 'us-east-1', T, integration, JSON.stringify([{ op: 'add', path: '/Description', value: 'x' }])]]);
  assert.equal(search.note, 'note: UPDATE would change 1 of the 1 aws.apigatewayv2.integrations read\n');
});

test('--dry-run DELETE prints the DeleteResource, by data__Identifier or by the identifier columns, or the search and one delete per match', async () => {
  const [api, id] = integration.split('|');
  const [byIdentifier, byColumns, pinned] = await dryRun(
    `${DELETE} WHERE data__Identifier = '${integration}' AND region = 'us-east-1'`,
    `${DELETE} WHERE api_id = '${api}' AND integration_id = '${id}' AND region = 'us-east-1'`,
    `${DELETE} WHERE api_id = '${api}' AND description = 'keep' AND region = 'us-east-1'`,
  );
  assert.deepEqual(byIdentifier, [['DeleteResource', 'us-east-1', T, integration, null]]);
  assert.deepEqual(byColumns, [['DeleteResource', 'us-east-1', T, integration, null]]);
  assert.deepEqual(
    pinned.map((c) => c.slice(0, 3)),
    [
      ['ListResources', 'us-east-1', T],
      ['GetResource', 'us-east-1', T],
      ['DeleteResource', '(each match)', T],
    ],
  );
  const search = await dryRunReading(`${DELETE} WHERE description = 'keep' AND region = 'us-east-1'`);
  assert.deepEqual(search.calls, [['DeleteResource', 'us-east-1', T, integration, null]]);
  assert.equal(search.note, 'note: DELETE would delete 1 of the 1 aws.apigatewayv2.integrations read\n');
});

test('--dry-run EXEC cancel_resource_request prints the cancel', async () => {
  const token = 'a6b2c3d4-0000-4000-8000-000000000000';
  assert.deepEqual(await dryRun(`EXEC aws.cloud_control.resource_requests.cancel_resource_request @RequestToken = '${token}', @region = 'us-east-1'`), [
    [['CancelResourceRequest', 'us-east-1', 'AWS::CloudControl::ResourceRequest', token, null]],
  ]);
});
