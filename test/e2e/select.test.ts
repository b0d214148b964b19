import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execArgs } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { SEED } from '../support/seed-page.js';


let cloud: TestCloud;
let apiA: string;
let apiB: string;
const integrationIds: string[] = [];

before(async () => {
  cloud = await startTestCloud();
  apiA = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'alpha', ProtocolType: 'HTTP' })).Identifier!;
  apiB = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'beta', ProtocolType: 'HTTP' })).Identifier!;
  for (const [api, n] of [[apiA, 3], [apiB, 2]] as const) {
    for (let i = 0; i < n; i++) {
      const ev = await cloud.create('AWS::ApiGatewayV2::Integration', {
        ApiId: api,
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: `https://example.com/${api}/${i}`,
        IntegrationMethod: 'GET',
        PayloadFormatVersion: '1.0',
        TimeoutInMillis: 1000 + i,
        RequestParameters: { 'append:header.x-n': String(i) },
      });
      integrationIds.push(ev.Identifier!);
    }
  }
  await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'gamma', ProtocolType: 'HTTP' }, 'eu-west-1');
});

after(() => cloud.close());

async function output(sql: string, format: string): Promise<string> {
  const r = await execArgs(cloud, ['exec', sql, '-o', format]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function query(sql: string): Promise<Record<string, unknown>[]> {
  return JSON.parse(await output(sql, 'json'));
}

test("the seed's list example returns every integration of every API in the region", async () => {
  const rows = await query(SEED.list);
  assert.equal(rows.length, 5);
  assert.deepEqual(Object.keys(rows[0]), SEED.columns);
  assert.equal(SEED.columns.length, 20);
  assert.deepEqual(rows.map((r) => `${r.api_id}|${r.integration_id}`).sort(), [...integrationIds].sort());
  const one = rows.find((r) => r.timeout_in_millis === 1002)!;
  assert.equal(one.integration_type, 'HTTP_PROXY');
  assert.equal(one.region, 'us-east-1');
  assert.deepEqual(one.request_parameters, { 'append:header.x-n': '2' });
  assert.equal(one.tls_config, null);
});

test("the seed's get example returns the one integration", async () => {
  const id = integrationIds[1];
  const rows = await query(SEED.get.replace('<ApiId>|<IntegrationId>', id));
  assert.equal(rows.length, 1);
  assert.equal(Object.keys(rows[0]).length, 20);
  assert.equal(`${rows[0].api_id}|${rows[0].integration_id}`, id);
  assert.equal(rows[0].integration_uri, `https://example.com/${apiA}/1`);
});

test('a get of an identifier that does not exist returns no rows', async () => {
  const rows = await query(`SELECT api_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND data__Identifier = '${apiA}|nope123'`);
  assert.deepEqual(rows, []);
});

test('JOIN with COUNT and GROUP BY', async () => {
  const rows = await query(
    `SELECT a.name, COUNT(*) AS n FROM aws.apigatewayv2.apis a
     JOIN aws.apigatewayv2.integrations i ON a.api_id = i.api_id
     WHERE a.region = 'us-east-1' AND i.region = 'us-east-1'
     GROUP BY a.name ORDER BY a.name`,
  );
  assert.deepEqual(rows, [
    { name: 'alpha', n: 3 },
    { name: 'beta', n: 2 },
  ]);
});

test('json_extract on an object column, and a parent id pushed down', async () => {
  const rows = await query(
    `SELECT integration_id, json_extract(request_parameters, '$."append:header.x-n"') AS n
     FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = '${apiB}' ORDER BY n`,
  );
  assert.deepEqual(rows.map((r) => r.n), ['0', '1']);
});

test('region IN fans out over both regions', async () => {
  const rows = await query(
    `SELECT region, name FROM aws.apigatewayv2.apis WHERE region IN ('us-east-1','eu-west-1') ORDER BY name`,
  );
  assert.deepEqual(rows, [
    { region: 'us-east-1', name: 'alpha' },
    { region: 'us-east-1', name: 'beta' },
    { region: 'eu-west-1', name: 'gamma' },
  ]);
});

test('LIMIT, subqueries, CTEs and UNION run in the backend', async () => {
  const limited = await query(`SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' LIMIT 2`);
  assert.equal(limited.length, 2);
  const cte = await query(
    `WITH t AS (SELECT api_id, timeout_in_millis FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1')
     SELECT COUNT(*) AS n, MAX(timeout_in_millis) AS m FROM t WHERE api_id IN (SELECT api_id FROM aws.apigatewayv2.apis WHERE region = 'us-east-1' AND name = 'alpha')
     UNION ALL SELECT 0, 0`,
  );
  assert.deepEqual(cte, [
    { n: 3, m: 1002 },
    { n: 0, m: 0 },
  ]);
});

test('-o csv and -o json parse with standard parsers', async () => {
  const csv = await output(`SELECT name, api_id FROM aws.apigatewayv2.apis WHERE region = 'us-east-1' ORDER BY name`, 'csv');
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'name,api_id');
  assert.equal(lines[1], `alpha,${apiA}`);
  assert.equal(lines.at(-1), '');
  const json = await query(`SELECT * FROM aws.apigatewayv2.apis WHERE region = 'us-east-1'`);
  assert.equal(json.length, 2);
});

test('errors: missing region, unknown column, unknown table', async () => {
  const noRegion = await execArgs(cloud, ['exec', 'SELECT api_id FROM aws.apigatewayv2.integrations']);
  assert.equal(noRegion.code, 1);
  assert.match(noRegion.stderr, /needs a region[\s\S]*WHERE region = 'us-east-1'/);
  const badColumn = await execArgs(cloud, ['exec', "SELECT timeout_in_milis FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'"]);
  assert.equal(badColumn.code, 1);
  assert.match(badColumn.stderr, /Unknown column 'timeout_in_milis'\. Did you mean 'timeout_in_millis'\?/);
  const badTable = await execArgs(cloud, ['exec', "SELECT 1 FROM aws.apigatewayv2.integraton WHERE region = 'us-east-1'"]);
  assert.equal(badTable.code, 1);
  assert.match(badTable.stderr, /Did you mean 'aws\.apigatewayv2\.integrations'\?/);
});

test('aliases are case-insensitive, alias.* and USING fetch what they name', async () => {
  const star = await query(`SELECT A.* FROM aws.apigatewayv2.apis a WHERE A.region = 'us-east-1' ORDER BY a.name`);
  assert.deepEqual(star.map((r) => r.name), ['alpha', 'beta']);
  assert.equal(star[0].protocol_type, 'HTTP');
  const using = await query(
    `SELECT COUNT(*) AS n FROM aws.apigatewayv2.apis a JOIN aws.apigatewayv2.apis b USING (name) WHERE a.region = 'us-east-1' AND b.region = 'us-east-1'`,
  );
  assert.deepEqual(using, [{ n: 2 }]);
});

test('data__Identifier in a subquery belongs to the subquery', async () => {
  const rows = await query(
    `SELECT name FROM aws.apigatewayv2.apis WHERE region = 'us-east-1' AND api_id IN
       (SELECT api_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND data__Identifier = '${integrationIds[3]}')`,
  );
  assert.deepEqual(rows, [{ name: 'beta' }]);
});

test('a LEFT JOIN takes the nullable side\'s region from its ON clause', async () => {
  const rows = await query(
    `SELECT a.name, COUNT(i.integration_id) AS n FROM aws.apigatewayv2.apis a
     LEFT JOIN aws.apigatewayv2.integrations i ON i.api_id = a.api_id AND i.region = 'us-east-1'
     WHERE a.region IN ('us-east-1', 'eu-west-1') GROUP BY a.name ORDER BY a.name`,
  );
  assert.deepEqual(rows, [
    { name: 'alpha', n: 3 },
    { name: 'beta', n: 2 },
    { name: 'gamma', n: 0 },
  ]);
});

test('string literals keep their backslashes, as standard SQL has them', async () => {
  const rows = await query(String.raw`SELECT 'C:\temp' AS path, length('a\nb') AS n`);
  assert.deepEqual(rows, [{ path: String.raw`C:\temp`, n: 4 }]);
});
