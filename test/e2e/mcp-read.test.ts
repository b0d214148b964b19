// skyql mcp in read_only mode, in-process over InMemoryTransport against a local cloud:
// the tools an agent sees, describing the seed's table, its list query, validation that
// makes no call, and writes refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy } from '../support/request-witness.js';
import { call, connectInProcess, json, text, type Connected } from './mcp-harness.js';

const SEED_LIST = "SELECT api_id, integration_id, integration_type, timeout_in_millis FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'";

let cloud: TestCloud;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let mcp: Connected;
let apiId: string;
const integrations: { id: string; timeout: number }[] = [];

before(async () => {
  cloud = await startTestCloud();
  apiId = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'shop', ProtocolType: 'HTTP' })).Identifier!;
  for (const [uri, timeout] of [['https://example.com/users', 10000], ['https://example.com/orders', 5000]] as const) {
    const ev = await cloud.create('AWS::ApiGatewayV2::Integration', {
      ApiId: apiId,
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: uri,
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
      TimeoutInMillis: timeout,
    });
    integrations.push({ id: ev.Identifier!.split('|')[1], timeout });
  }
  proxy = await recordingProxy(cloud);
  mcp = await connectInProcess(proxy.endpoint, 'read_only');
});

after(async () => {
  await mcp.close();
  await proxy.close();
  await cloud.close();
});

test('lists the catalog and statement tools, and in read_only no write tool', async () => {
  const { tools } = await mcp.client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), [
    'describe_resource',
    'list_methods',
    'list_providers',
    'list_resources',
    'list_services',
    'run_select',
    'validate_statement',
  ]);
  const runSelect = tools.find((t) => t.name === 'run_select')!;
  for (const words of [/provider\.service\.resource|aws\.apigatewayv2\.integrations/, /region = /, /data__Identifier/, /api_id/, /snake_case/, /JSON/]) {
    assert.match(`${runSelect.description} ${mcp.client.getInstructions()}`, words);
  }
  assert.ok(runSelect.inputSchema.properties?.max_rows, 'run_select takes max_rows');
  assert.match(mcp.client.getInstructions() ?? '', /read_only/);
});

test('list tools find the service and the table', async () => {
  assert.deepEqual(json<{ name: string }[]>(await call(mcp.client, 'list_providers')).map((p) => p.name), ['aws', 'awscc']);
  const services = json<{ id: string }[]>(await call(mcp.client, 'list_services', { provider: 'aws', like: 'apigateway%' }));
  assert.deepEqual(services.map((s) => s.id), ['aws.apigateway', 'aws.apigatewayv2']);
  const resources = json<{ id: string }[]>(await call(mcp.client, 'list_resources', { service: 'aws.apigatewayv2', like: 'integration%' }));
  assert.deepEqual(resources.map((r) => r.id), [
    'aws.apigatewayv2.integration_responses',
    'aws.apigatewayv2.integration_responses_list_only',
    'aws.apigatewayv2.integrations',
    'aws.apigatewayv2.integrations_list_only',
  ]);
  const methods = json<{ name: string; required_params: string }[]>(await call(mcp.client, 'list_methods', { resource: 'aws.apigatewayv2.integrations' }));
  assert.equal(methods.find((m) => m.name === 'create_resource')?.required_params, 'ApiId, IntegrationType, region');
});

test('describe_resource gives the seed page: columns with types and descriptions, identifier, parent, examples', async () => {
  const d = json<{
    table: string;
    columns: { name: string; type: string; description: string; json?: boolean; read_only?: boolean }[];
    identifier: { data__Identifier: string; columns: string[] };
    parent: { table: string; column: string };
    examples: Record<string, string>;
  }>(await call(mcp.client, 'describe_resource', { resource: 'aws.apigatewayv2.integrations' }));
  assert.equal(d.table, 'aws.apigatewayv2.integrations');
  const col = (name: string) => d.columns.find((c) => c.name === name);
  assert.deepEqual([col('api_id')?.type, col('timeout_in_millis')?.type, col('request_parameters')?.type, col('region')?.type], ['string', 'integer', 'object', 'string']);
  assert.equal(col('api_id')?.description, 'The API identifier.');
  assert.equal(col('request_parameters')?.json, true);
  assert.equal(d.identifier.data__Identifier, '<ApiId>|<IntegrationId>');
  assert.deepEqual(d.identifier.columns, ['api_id', 'integration_id']);
  assert.deepEqual(d.parent, { ...d.parent, table: 'aws.apigatewayv2.apis', column: 'api_id' });
  assert.match(d.examples.list, /WHERE region = 'us-east-1'$/);
  // The examples run as written.
  const listed = json<{ row_count: number }>(await call(mcp.client, 'run_select', { statement: d.examples.list }));
  assert.equal(listed.row_count, 2);

  const typo = await call(mcp.client, 'describe_resource', { resource: 'aws.apigatewayv2.integraton' });
  assert.equal(typo.isError, true);
  assert.match(text(typo), /^error: Unknown resource 'aws\.apigatewayv2\.integraton'\. Did you mean 'aws\.apigatewayv2\.integrations'\?/);
});

test("run_select runs the seed's list query: rows as JSON", async () => {
  const r = json<{ columns: string[]; rows: Record<string, unknown>[]; row_count: number; truncated: boolean }>(
    await call(mcp.client, 'run_select', { statement: SEED_LIST }),
  );
  assert.deepEqual(r.columns, ['api_id', 'integration_id', 'integration_type', 'timeout_in_millis']);
  assert.equal(r.truncated, false);
  const sortById = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  assert.deepEqual(
    r.rows.map((row) => ({ id: String(row.integration_id), api: row.api_id, type: row.integration_type, timeout: row.timeout_in_millis })).sort(sortById),
    integrations.map((i) => ({ id: i.id, api: apiId, type: 'HTTP_PROXY', timeout: i.timeout })).sort(sortById),
  );
});

test('run_select cuts rows at max_rows and says so; vars are values, never statement text', async () => {
  const cut = json<{ rows: unknown[]; row_count: number; truncated: boolean; note: string }>(
    await call(mcp.client, 'run_select', { statement: SEED_LIST, max_rows: 1 }),
  );
  assert.deepEqual([cut.rows.length, cut.row_count, cut.truncated], [1, 2, true]);
  assert.match(cut.note, /1 of 2/);

  const sql = "SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = '{{ region }}' AND api_id = '{{ api }}'";
  const one = json<{ row_count: number }>(await call(mcp.client, 'run_select', { statement: sql, vars: { region: 'us-east-1', api: apiId } }));
  assert.equal(one.row_count, 2);
  // An injection attempt stays inside its string: it matches no API id.
  const injected = json<{ row_count: number }>(await call(mcp.client, 'run_select', { statement: sql, vars: { region: 'us-east-1', api: "x' OR '1'='1" } }));
  assert.equal(injected.row_count, 0);
});

test('errors are tool results with the one-line skyql message', async () => {
  const r = await call(mcp.client, 'run_select', { statement: 'SELECT api_id FROM aws.apigatewayv2.integrations' });
  assert.equal(r.isError, true);
  assert.match(text(r), /^error: aws\.apigatewayv2\.integrations needs a region/);
  assert.doesNotMatch(text(r), /\n\s+at /, 'no stack trace');
  const missing = await call(mcp.client, 'run_select', { statement: "SELECT api_id FROM aws.apigatewayv2.apis WHERE region = '{{ region }}'" });
  assert.match(text(missing), /region/);
  assert.equal(missing.isError, true);
});

test('read_only refuses a DELETE (and every write) with no call; there is no run_delete', async () => {
  const before = proxy.calls.length;
  const del = `DELETE FROM aws.apigatewayv2.integrations WHERE data__Identifier = '${apiId}|${integrations[0].id}' AND region = 'us-east-1'`;
  const r = await call(mcp.client, 'run_select', { statement: del });
  assert.equal(r.isError, true);
  assert.match(text(r), /run_select runs SELECT, SHOW and DESCRIBE only, and this statement is a DELETE: this server runs in read_only mode, which refuses DELETE/);
  const insert = await call(mcp.client, 'run_select', { statement: `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('x', 'HTTP', 'us-east-1')` });
  assert.match(text(insert), /this statement is an INSERT: this server runs in read_only mode/);
  const twoStatements = await call(mcp.client, 'run_select', { statement: `SELECT 1; ${del}` });
  assert.match(text(twoStatements), /one statement per call/);
  const noTool = await call(mcp.client, 'run_delete', { statement: del });
  assert.equal(noTool.isError, true);
  assert.match(text(noTool), /Tool run_delete not found/);
  assert.equal(proxy.calls.length, before, 'no call was made');
  assert.equal(json<{ row_count: number }>(await call(mcp.client, 'run_select', { statement: SEED_LIST })).row_count, 2);
});

test('validate_statement plans reads and writes and makes no call', async () => {
  const before = proxy.calls.length;
  const plan = async (statement: string) => json<{ calls: Record<string, unknown>[]; run_with?: string; reason?: string; notices?: string[] }>(await call(mcp.client, 'validate_statement', { statement }));

  const list = await plan(SEED_LIST);
  // The parents first, then each API's integrations, then a get each (more than identifier columns are selected).
  assert.deepEqual(list.calls.map((c) => [c.operation, c.type_name]), [
    ['ListResources', 'AWS::ApiGatewayV2::Api'],
    ['ListResources', 'AWS::ApiGatewayV2::Integration'],
    ['GetResource', 'AWS::ApiGatewayV2::Integration'],
  ]);
  assert.equal(list.run_with, 'run_select');
  const get = await plan(`SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND data__Identifier = '${apiId}|x'`);
  assert.deepEqual(get.calls.map((c) => [c.operation, c.identifier]), [['GetResource', `${apiId}|x`]]);

  const pinned = await plan(`DELETE FROM aws.apigatewayv2.integrations WHERE data__Identifier = '${apiId}|x' AND region = 'us-east-1'`);
  assert.deepEqual(pinned.calls.map((c) => [c.operation, c.identifier]), [['DeleteResource', `${apiId}|x`]]);
  assert.match(pinned.reason ?? '', /read_only mode, which refuses DELETE/);
  // Unpinned: the engine's own dry run would read; validation shows the reads instead.
  const unpinned = await plan("DELETE FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND timeout_in_millis > 6000");
  assert.deepEqual(unpinned.calls.map((c) => c.operation), ['ListResources', 'ListResources', 'GetResource', 'DeleteResource']);
  assert.match(unpinned.notices?.join(' ') ?? '', /read first/);
  const insert = await plan(`INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType, region) VALUES ('${apiId}', 'HTTP_PROXY', 'us-east-1')`);
  assert.deepEqual(insert.calls.map((c) => [c.operation, c.request]), [['CreateResource', JSON.stringify({ ApiId: apiId, IntegrationType: 'HTTP_PROXY' })]]);

  const unbounded = await call(mcp.client, 'validate_statement', { statement: "DELETE FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'" });
  assert.match(text(unbounded), /^error: DELETE on aws\.apigatewayv2\.integrations names nothing but region/);
  const noRegion = await call(mcp.client, 'validate_statement', { statement: 'SELECT integration_id FROM aws.apigatewayv2.integrations' });
  assert.match(text(noRegion), /needs a region[\s\S]*WHERE region = 'us-east-1'/);
  assert.deepEqual(proxy.calls.slice(before), [], 'validate_statement made calls');
});
