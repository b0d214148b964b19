// The write forms of issue 6 against the local cloud: multi-row VALUES, INSERT … SELECT
// from another table, RETURNING on every verb, columns named as CloudFormation properties
// or as snake_case, and UPDATE/DELETE whose WHERE searches by other columns. What skyql
// reports is checked against what the cloud holds, read with the SDK.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { execArgs } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

const INTEGRATION = 'AWS::ApiGatewayV2::Integration';
const TABLE = 'aws.apigatewayv2.integrations';

let cloud: TestCloud;
let apiA: string;
let apiB: string;
let dir: string;

before(async () => {
  cloud = await startTestCloud();
  dir = mkdtempSync(join(tmpdir(), 'skyql-write-forms-'));
  apiA = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'a', ProtocolType: 'HTTP' })).Identifier!;
  apiB = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'b', ProtocolType: 'HTTP' })).Identifier!;
});

after(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

async function json(args: string[]): Promise<Record<string, unknown>[]> {
  // exec's action in-process, its arguments parsed as the CLI parses them.
  const r = await execArgs(cloud, [...args, '-o', 'json']);
  assert.equal(r.code, 0, `skyql ${args.join(' ')}\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

/** An API's integrations as the cloud holds them, ordered by Description. */
async function integrationsOf(apiId: string): Promise<Record<string, unknown>[]> {
  const c = cloud.client();
  const listed = await c.send(new ListResourcesCommand({ TypeName: INTEGRATION, ResourceModel: JSON.stringify({ ApiId: apiId }) }));
  const out: Record<string, unknown>[] = [];
  for (const d of listed.ResourceDescriptions ?? []) {
    const got = await c.send(new GetResourceCommand({ TypeName: INTEGRATION, Identifier: d.Identifier }));
    out.push(JSON.parse(got.ResourceDescription!.Properties!) as Record<string, unknown>);
  }
  return out.sort((x, y) => String(x.Description).localeCompare(String(y.Description)));
}

function without(o: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
}

test('multi-row INSERT … VALUES with snake_case columns: one create per row, values typed for their columns', async () => {
  const rows = await json([
    'exec',
    `/*+ AWAIT */ INSERT INTO ${TABLE} (api_id, integration_type, description, timeout_in_millis, request_parameters, region) VALUES
       ('${apiA}', 'HTTP_PROXY', 'm1', '3000', '{"append:header.a":"1"}', 'us-east-1'),
       ('${apiA}', 'HTTP_PROXY', 'm2', 4000, NULL, 'us-east-1'),
       ('${apiA}', 'HTTP_PROXY', 'other', 1000, NULL, 'us-east-1')`,
  ]);
  assert.deepEqual(
    rows.map((r) => [r.operation, r.operation_status, String(r.identifier).split('|')[0]]),
    [
      ['CREATE', 'SUCCESS', apiA],
      ['CREATE', 'SUCCESS', apiA],
      ['CREATE', 'SUCCESS', apiA],
    ],
  );
  const held = await integrationsOf(apiA);
  assert.deepEqual(
    held.map((p) => without(p, 'IntegrationId')),
    [
      { ApiId: apiA, IntegrationType: 'HTTP_PROXY', Description: 'm1', TimeoutInMillis: 3000, RequestParameters: { 'append:header.a': '1' } },
      { ApiId: apiA, IntegrationType: 'HTTP_PROXY', Description: 'm2', TimeoutInMillis: 4000 },
      { ApiId: apiA, IntegrationType: 'HTTP_PROXY', Description: 'other', TimeoutInMillis: 1000 },
    ],
  );
  assert.deepEqual(rows.map((r) => String(r.identifier).split('|')[1]).sort(), held.map((p) => p.IntegrationId).sort());
});

test('INSERT … SELECT from another provider table, CloudFormation names, RETURNING col, …: copies A\'s integrations to B', async () => {
  const rows = await json([
    'exec',
    `INSERT INTO ${TABLE} (ApiId, IntegrationType, Description, TimeoutInMillis, RequestParameters, region)
     SELECT '${apiB}', integration_type, description, timeout_in_millis, request_parameters, region
     FROM ${TABLE} WHERE region = 'us-east-1' AND api_id = '${apiA}' AND description LIKE 'm%'
     RETURNING api_id, description, timeout_in_millis, request_parameters`,
  ]);
  assert.deepEqual(
    rows.sort((x, y) => String(x.description).localeCompare(String(y.description))),
    [
      { api_id: apiB, description: 'm1', timeout_in_millis: 3000, request_parameters: { 'append:header.a': '1' } },
      { api_id: apiB, description: 'm2', timeout_in_millis: 4000, request_parameters: null },
    ],
  );
  const a = (await integrationsOf(apiA)).filter((p) => String(p.Description).startsWith('m'));
  const b = await integrationsOf(apiB);
  assert.deepEqual(
    b.map((p) => without(without(p, 'IntegrationId'), 'ApiId')),
    a.map((p) => without(without(p, 'IntegrationId'), 'ApiId')),
  );
  assert.equal((await integrationsOf(apiA)).length, 3);
});

test('INSERT … RETURNING * returns every column of the created resource, region included', async () => {
  const [row] = await json([
    'exec',
    `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, Description, region) VALUES ('c', 'HTTP', 'third', 'eu-west-1') RETURNING *`,
  ]);
  assert.equal(row.name, 'c');
  assert.equal(row.description, 'third');
  assert.equal(row.protocol_type, 'HTTP');
  assert.equal(row.region, 'eu-west-1');
  assert.match(String(row.api_id), /^[a-z0-9]{10}$/);
  assert.equal(row.api_endpoint, `https://${row.api_id}.execute-api.eu-west-1.amazonaws.com`);
  const described = await json(['exec', 'DESCRIBE aws.apigatewayv2.apis']);
  assert.equal(Object.keys(row).length, described.length);
  const held = await cloud.client('eu-west-1').send(new GetResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Api', Identifier: String(row.api_id) }));
  assert.equal((JSON.parse(held.ResourceDescription!.Properties!) as { Name: string }).Name, 'c');
});

test('UPDATE whose WHERE searches a non-identifier column patches each match and leaves the others; RETURNING shows the result', async () => {
  const before = { a: await integrationsOf(apiA), b: await integrationsOf(apiB) };
  const rows = await json([
    'exec',
    `UPDATE ${TABLE} SET timeout_in_millis = 9999, description = 'm1 changed' WHERE region = 'us-east-1' AND description = 'm1' RETURNING api_id, description, timeout_in_millis, request_parameters`,
  ]);
  assert.deepEqual(
    rows.map((r) => r.api_id).sort(),
    [apiA, apiB].sort(),
  );
  for (const r of rows) assert.deepEqual(without(r, 'api_id'), { description: 'm1 changed', timeout_in_millis: 9999, request_parameters: { 'append:header.a': '1' } });
  for (const [api, was] of [
    [apiA, before.a],
    [apiB, before.b],
  ] as const) {
    const now = await integrationsOf(api);
    assert.deepEqual(
      now.filter((p) => p.Description !== 'm1 changed'),
      was.filter((p) => p.Description !== 'm1'),
      'the integrations that did not match are untouched',
    );
    assert.equal(now.length, was.length);
  }
});

test('UPDATE … SET by CloudFormation name, with a value computed from the row, RETURNING *', async () => {
  const rows = await json([
    'exec',
    `UPDATE ${TABLE} SET TimeoutInMillis = timeout_in_millis + 1 WHERE region = 'us-east-1' AND api_id = '${apiB}' RETURNING *`,
  ]);
  assert.deepEqual(rows.map((r) => [r.description, r.timeout_in_millis]).sort(), [
    ['m1 changed', 10000],
    ['m2', 4001],
  ]);
  assert.equal(Object.keys(rows[0]).length, 20);
  assert.deepEqual(
    (await integrationsOf(apiB)).map((p) => p.TimeoutInMillis),
    [10000, 4001],
  );
});

test('DELETE whose WHERE searches a non-identifier column deletes each match and leaves the others; RETURNING shows what was deleted', async () => {
  const rows = await json(['exec', `DELETE FROM ${TABLE} WHERE region = 'us-east-1' AND description = 'm2' RETURNING api_id, integration_id, description`]);
  assert.deepEqual(rows.map((r) => [r.api_id, r.description]).sort(), [
    [apiA, 'm2'],
    [apiB, 'm2'],
  ].sort());
  assert.deepEqual((await integrationsOf(apiA)).map((p) => p.Description), ['m1 changed', 'other']);
  assert.deepEqual((await integrationsOf(apiB)).map((p) => p.Description), ['m1 changed']);
});

test('DELETE by the identifier columns (api_id, integration_id), RETURNING *', async () => {
  const [target] = (await integrationsOf(apiB)).filter((p) => p.Description === 'm1 changed');
  const rows = await json([
    'exec',
    `DELETE FROM ${TABLE} WHERE api_id = '${apiB}' AND integration_id = '${target.IntegrationId}' AND region = 'us-east-1' RETURNING *`,
  ]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].integration_id, target.IntegrationId);
  assert.equal(rows[0].description, 'm1 changed');
  assert.equal(rows[0].region, 'us-east-1');
  assert.deepEqual(await integrationsOf(apiB), []);
  assert.equal((await integrationsOf(apiA)).length, 2);
});

test('values from --iqldata (JSON), with a --var winning over it', async () => {
  const data = join(dir, 'vars.json');
  writeFileSync(data, JSON.stringify({ ApiId: apiB, IntegrationType: 'HTTP_PROXY', region: 'us-east-1', Description: 'from iqldata' }));
  const file = join(dir, 'insert.iql');
  writeFileSync(file, `INSERT INTO ${TABLE} (ApiId, IntegrationType, Description, region) SELECT '{{ ApiId }}', '{{ IntegrationType }}', '{{ Description }}', '{{ region }}';`);
  const rows = await json(['exec', '-i', file, '--iqldata', data, '--var', 'IntegrationType=HTTP', '--await']);
  assert.deepEqual(rows.map((r) => r.operation_status), ['SUCCESS']);
  assert.deepEqual(
    (await integrationsOf(apiB)).map((p) => [p.IntegrationType, p.Description]),
    [['HTTP', 'from iqldata']],
  );
});

test(
  "RETURNING after the seed's INSERT form (a SELECT of literals, no FROM)",
  async () => {
    const sql = `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) SELECT 'r', 'HTTP', 'us-east-1' RETURNING api_id`;
    const r = await execArgs(cloud, ['exec', sql, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
  },
);
