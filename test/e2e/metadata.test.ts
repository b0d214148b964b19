import { test } from 'node:test';
import assert from 'node:assert/strict';
// SHOW, DESCRIBE and docs answer from the catalog: run in-process (execSql runs what
// `skyql exec` runs); the CLI's own part of docs is in cli-docs-out.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docsCommand } from '../../src/cli/docs-command.js';
import { renderResourcePage } from '../../src/docs/resource-page.js';
import { defaultCatalog } from '../../src/providers/catalog.js';
import { repoRoot } from '../support/cli.js';
import { execSql } from '../support/exec-harness.js';

const seedFields = [
  'api_id', 'connection_id', 'connection_type', 'content_handling_strategy', 'credentials_arn', 'description',
  'integration_method', 'integration_subtype', 'integration_id', 'integration_type', 'integration_uri',
  'passthrough_behavior', 'payload_format_version', 'request_parameters', 'request_templates', 'response_parameters',
  'template_selection_expression', 'timeout_in_millis', 'tls_config', 'region',
];

async function json(sql: string): Promise<Record<string, unknown>[]> {
  const r = await execSql(undefined, sql, { output: 'json' });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('DESCRIBE integrations lists exactly the seed fields with their datatypes', async () => {
  const rows = await json('DESCRIBE EXTENDED aws.apigatewayv2.integrations');
  assert.deepEqual(rows.map((r) => r.name).sort(), [...seedFields].sort());
  const types = Object.fromEntries(rows.map((r) => [r.name, r.type]));
  assert.equal(types.request_parameters, 'object');
  assert.equal(types.tls_config, 'object');
  assert.equal(types.timeout_in_millis, 'integer');
  assert.equal(types.api_id, 'string');
  for (const r of rows) assert.ok(String(r.description).length > 5, `${r.name} has a description`);
});

test('SHOW METHODS matches the seed', async () => {
  const rows = await json('SHOW METHODS IN aws.apigatewayv2.integrations');
  assert.deepEqual(
    rows.map((r) => [r.name, r.sql_verb, r.required_params]),
    [
      ['create_resource', 'INSERT', 'ApiId, IntegrationType, region'],
      ['delete_resource', 'DELETE', 'data__Identifier, region'],
      ['update_resource', 'UPDATE', 'data__Identifier, data__PatchDocument, region'],
      ['list_resources', 'SELECT', 'region'],
      ['get_resource', 'SELECT', 'data__Identifier, region'],
    ],
  );
});

test('SHOW SERVICES lists more than 250 services and filters with LIKE', async () => {
  assert.ok((await json('SHOW SERVICES IN aws')).length > 250);
  const api = await json("SHOW SERVICES IN aws LIKE '%api%'");
  assert.ok(api.some((r) => r.name === 'apigatewayv2'));
  assert.ok(api.every((r) => String(r.name).includes('api')));
  const providers = await json('SHOW PROVIDERS');
  assert.deepEqual(providers.map((r) => r.name), ['aws', 'awscc']);
});

test('SHOW RESOURCES with LIKE, and spot checks across services', async () => {
  const res = await json("SHOW RESOURCES IN aws.apigatewayv2 LIKE 'integration%'");
  assert.deepEqual(res.map((r) => r.name), ['integration_responses', 'integration_responses_list_only', 'integrations', 'integrations_list_only']);
  // awscc names the same tables (StackQL's Cloud Control provider).
  const cc = await json("SHOW RESOURCES IN awscc.s3 LIKE 'buckets%'");
  assert.deepEqual(cc.map((r) => r.id), ['awscc.s3.buckets', 'awscc.s3.buckets_list_only']);
  const listOnly = await json('DESCRIBE awscc.s3.buckets_list_only');
  assert.deepEqual(listOnly.map((r) => r.name), ['bucket_name', 'region']);
  const cases: [string, string[], Record<string, string>][] = [
    ['aws.ec2.vpcs', ['vpc_id', 'cidr_block', 'enable_dns_support', 'tags', 'region'], { tags: 'array', enable_dns_support: 'boolean' }],
    ['aws.ec2.vpc_gateway_attachments', ['vpc_id', 'internet_gateway_id', 'attachment_type'], {}],
    ['aws.ec2.subnet_route_table_associations', ['id', 'route_table_id', 'subnet_id'], {}],
    ['aws.s3.buckets', ['bucket_name', 'arn', 'versioning_configuration'], { versioning_configuration: 'object' }],
    // The registry lets a policy be a JSON object or JSON text (type: [object, string]): DESCRIBE names both.
    ['aws.iam.roles', ['role_name', 'assume_role_policy_document', 'arn'], { assume_role_policy_document: 'object|string' }],
    ['aws.lambda.functions', ['function_name', 'role', 'runtime', 'memory_size'], { memory_size: 'integer' }],
    ['aws.ec2.vpc_tags', ['tag_key', 'tag_value', 'vpc_id', 'cidr_block', 'region'], {}],
  ];
  for (const [table, cols, types] of cases) {
    const rows = await json(`DESCRIBE ${table}`);
    const got = Object.fromEntries(rows.map((r) => [r.name, r.type]));
    for (const c of cols) assert.ok(c in got, `${table} has ${c}`);
    for (const [c, t] of Object.entries(types)) assert.equal(got[c], t, `${table}.${c}`);
  }
  const viewMethods = await json('SHOW METHODS IN aws.ec2.vpc_tags');
  assert.deepEqual(viewMethods.map((r) => r.name), ['list_resources', 'get_resource']);
});

test('misspelt names fail with one line naming the closest real name', async () => {
  const a = await execSql(undefined, 'DESCRIBE aws.apigatewayv2.integraton');
  assert.equal(a.code, 1);
  assert.equal(a.stderr.trim().split('\n').length, 1);
  assert.match(a.stderr, /Unknown resource 'aws\.apigatewayv2\.integraton'\. Did you mean 'aws\.apigatewayv2\.integrations'\?/);
  const b = await execSql(undefined, 'SHOW RESOURCES IN aws.apigatwayv2');
  assert.equal(b.code, 1);
  assert.match(b.stderr, /Unknown service 'aws\.apigatwayv2'\. Did you mean 'aws\.apigatewayv2'\?/);
  const c = await execSql(undefined, 'SHOW RESOURCES IN aws.nosuchservice');
  assert.equal(c.code, 1);
  assert.match(c.stderr, /^error: Unknown service 'aws\.nosuchservice'\. Run SHOW SERVICES IN aws to list them\.\n$/);
  assert.doesNotMatch(a.stderr + b.stderr + c.stderr, /at .*\.js:\d+/);
});

test('a syntax error names line and column and exits non-zero', async () => {
  const r = await execSql(undefined, "SHOW SERVICES IN aws;\nSHOW RESOURCES aws.ec2");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /line 2, column 16: expected IN or FROM but found 'aws'/);
  assert.equal(r.stdout, '', 'nothing runs when any statement fails to parse');
});

test('output formats: csv is RFC 4180, text is tab-separated', async () => {
  const csv = await execSql(undefined, 'SHOW METHODS IN aws.apigatewayv2.integrations', { output: 'csv' });
  assert.ok(csv.stdout.startsWith('name,sql_verb,required_params\r\ncreate_resource,INSERT,"ApiId, IntegrationType, region"\r\n'));
  const text = await execSql(undefined, 'SHOW METHODS IN aws.apigatewayv2.integrations', { output: 'text' });
  assert.equal(text.stdout.split('\n')[1], 'create_resource\tINSERT\tApiId, IntegrationType, region');
});

test('the integrations page matches its golden file', () => {
  // What `skyql docs aws.apigatewayv2.integrations` prints (cli-docs-out.test.ts runs that).
  const page = renderResourcePage(defaultCatalog().resolve('aws.apigatewayv2.integrations'), 'aws');
  const golden = join(repoRoot, 'test', 'golden', 'aws.apigatewayv2.integrations.md');
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden, page);
  assert.equal(page, readFileSync(golden, 'utf8'));
});

test('docs --out writes a page per resource and an index per service', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'skyql-docs-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  // The docs command in-process: it says on stderr what it wrote.
  t.mock.method(process.stderr, 'write', () => true);
  await docsCommand().parseAsync(['aws', '--out', out], { from: 'user' });
  t.mock.restoreAll();
  const services = readdirSync(out);
  assert.ok(services.length > 250);
  const pages = readdirSync(join(out, 'apigatewayv2'));
  assert.ok(pages.includes('index.md') && pages.includes('integrations.md'));
  assert.match(readFileSync(join(out, 'apigatewayv2', 'index.md'), 'utf8'), /\[integrations\]\(integrations\.md\)/);
});
