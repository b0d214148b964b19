// Issue 6's first "must show": the seed page's INSERT, get SELECT and DELETE run verbatim
// against the local cloud, around an API made by skyql itself and the two UPDATE forms.
// Every step is checked twice: through skyql, and through the SDK straight at the cloud,
// so the engine cannot confirm its own mistakes. The seed's INSERT runs through the CLI
// (a file and --var flags, as the page says); the other steps run exec's action in-process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetResourceCommand, ListResourceRequestsCommand } from '@aws-sdk/client-cloudcontrol';
import { runCli } from '../support/cli.js';
import { execSql, type ExecOptions } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { SEED } from '../support/seed-page.js';

const SEED_INSERT = SEED.insert;
const SEED_GET = SEED.get;
const SEED_DELETE = SEED.delete;

const INTEGRATION = 'AWS::ApiGatewayV2::Integration';

let cloud: TestCloud;
let dir: string;
let apiId: string;
let integrationId: string;

before(async () => {
  cloud = await startTestCloud();
  dir = mkdtempSync(join(tmpdir(), 'skyql-write-seed-'));
});

after(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

async function json(sql: string, opts: ExecOptions = {}): Promise<Record<string, unknown>[]> {
  const r = await execSql(cloud, sql, { ...opts, output: 'json' });
  assert.equal(r.code, 0, `${sql}\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

async function cliJson(args: string[]): Promise<Record<string, unknown>[]> {
  const r = await runCli([...args, '-o', 'json'], { env: cloud.env });
  assert.equal(r.code, 0, `skyql ${args.join(' ')}\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

/** The integration's properties as the cloud holds them, or undefined once it is gone. */
async function cloudProperties(): Promise<Record<string, unknown> | undefined> {
  try {
    const out = await cloud.client().send(new GetResourceCommand({ TypeName: INTEGRATION, Identifier: `${apiId}|${integrationId}` }));
    return JSON.parse(out.ResourceDescription!.Properties!) as Record<string, unknown>;
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

function seedGet(): string {
  return SEED_GET.replace('<ApiId>|<IntegrationId>', `${apiId}|${integrationId}`);
}

test('skyql creates the API: INSERT … RETURNING api_id', async () => {
  const rows = await json("INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('seed-flow', 'HTTP', 'us-east-1') RETURNING api_id");
  assert.equal(rows.length, 1);
  apiId = String(rows[0].api_id);
  assert.match(apiId, /^[a-z0-9]{10}$/);
  const api = await cloud.client().send(new GetResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Api', Identifier: apiId }));
  assert.deepEqual(
    { Name: 'seed-flow', ProtocolType: 'HTTP' },
    (({ Name, ProtocolType }) => ({ Name, ProtocolType }))(JSON.parse(api.ResourceDescription!.Properties!) as Record<string, unknown>),
  );
});

test("the seed's INSERT runs verbatim from a file with --var ApiId, IntegrationType and region", async () => {
  const file = join(dir, 'create-integration.iql');
  writeFileSync(file, SEED_INSERT);
  const rows = await cliJson(['exec', '-i', file, '--var', `ApiId=${apiId}`, '--var', 'IntegrationType=HTTP_PROXY', '--var', 'region=us-east-1', '--await']);
  assert.equal(rows.length, 1);
  const ev = rows[0];
  assert.equal(ev.operation, 'CREATE');
  assert.equal(ev.operation_status, 'SUCCESS');
  assert.equal(ev.type_name, INTEGRATION);
  assert.equal(ev.region, 'us-east-1');
  const [api, id] = String(ev.identifier).split('|');
  assert.equal(api, apiId);
  integrationId = id;
  assert.match(integrationId, /^[a-z0-9]{7}$/);
  const props = await cloudProperties();
  // TimeoutInMillis: an HTTP API integration's default, as its read handler returns it (src/local/service-defaults.ts).
  assert.deepEqual(props, { ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationId: integrationId, TimeoutInMillis: 30000 });
});

test("the seed's get SELECT, with <ApiId>|<IntegrationId> filled in, sees the new integration", async () => {
  const rows = await json(seedGet());
  assert.equal(rows.length, 1);
  assert.equal(Object.keys(rows[0]).length, 20);
  assert.equal(rows[0].region, 'us-east-1');
  assert.equal(rows[0].api_id, apiId);
  assert.equal(rows[0].integration_id, integrationId);
  assert.equal(rows[0].integration_type, 'HTTP_PROXY');
  assert.equal(rows[0].description, null);
  assert.equal(rows[0].timeout_in_millis, 30000);
});

test('UPDATE … SET description, timeout_in_millis WHERE data__Identifier AND region: the engine builds the patch', async () => {
  const ev = await json(
    `/*+ AWAIT */ UPDATE aws.apigatewayv2.integrations SET description = 'x', timeout_in_millis = 5000 WHERE data__Identifier = '${apiId}|${integrationId}' AND region = 'us-east-1'`,
  );
  assert.deepEqual(
    ev.map((e) => [e.operation, e.operation_status, e.identifier]),
    [['UPDATE', 'SUCCESS', `${apiId}|${integrationId}`]],
  );
  const [row] = await json(seedGet());
  assert.equal(row.description, 'x');
  assert.equal(row.timeout_in_millis, 5000);
  // A number, not the text '5000'; untouched properties kept.
  assert.deepEqual(await cloudProperties(), {
    ApiId: apiId,
    IntegrationType: 'HTTP_PROXY',
    IntegrationId: integrationId,
    Description: 'x',
    TimeoutInMillis: 5000,
  });
});

test("UPDATE … SET data__PatchDocument = string('[…]'): the given RFC 6902 document is sent", async () => {
  const patch = JSON.stringify([
    { op: 'replace', path: '/Description', value: 'patched' },
    { op: 'replace', path: '/TimeoutInMillis', value: 7000 },
  ]);
  const ev = await json(
    `UPDATE aws.apigatewayv2.integrations SET data__PatchDocument = string('${patch}') WHERE data__Identifier = '${apiId}|${integrationId}' AND region = 'us-east-1'`,
    { await: true },
  );
  assert.equal(ev[0].operation_status, 'SUCCESS');
  const [row] = await json(seedGet());
  assert.equal(row.description, 'patched');
  assert.equal(row.timeout_in_millis, 7000);
  assert.equal((await cloudProperties())?.TimeoutInMillis, 7000);
});

test("the seed's DELETE form removes it, and SELECTs no longer find it", async () => {
  const file = join(dir, 'delete-integration.iql');
  writeFileSync(file, SEED_DELETE.replace('<ApiId|IntegrationId>', `${apiId}|${integrationId}`));
  const ev = await json(readFileSync(file, 'utf8'), { await: true });
  assert.deepEqual(
    ev.map((e) => [e.operation, e.operation_status, e.identifier]),
    [['DELETE', 'SUCCESS', `${apiId}|${integrationId}`]],
  );
  assert.deepEqual(await json(seedGet()), []);
  assert.deepEqual(await json(`SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = '${apiId}'`), []);
  assert.equal(await cloudProperties(), undefined);
  // The API is untouched.
  assert.deepEqual(await json(`SELECT name FROM aws.apigatewayv2.apis WHERE region = 'us-east-1'`), [{ name: 'seed-flow' }]);
});

test('the whole flow made exactly the five write requests it asked for', async () => {
  const out = await cloud.client().send(new ListResourceRequestsCommand({ MaxResults: 100 }));
  const seen = (out.ResourceRequestStatusSummaries ?? []).map((e) => `${e.Operation} ${e.TypeName} ${e.OperationStatus}`).reverse();
  assert.deepEqual(seen, [
    'CREATE AWS::ApiGatewayV2::Api SUCCESS',
    `CREATE ${INTEGRATION} SUCCESS`,
    `UPDATE ${INTEGRATION} SUCCESS`,
    `UPDATE ${INTEGRATION} SUCCESS`,
    `DELETE ${INTEGRATION} SUCCESS`,
  ]);
});
