// Each table source on its own: the calls it plans for a reference, the columns it
// decodes, its pushdown answers and its rows. Pure: no call is made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../errors.js';
import { Catalog } from '../providers/catalog.js';
import { parseScript } from '../sql/parse.js';
import type { CallPlan, ReadPlan } from './read-plan.js';
import { sourceFor } from './source-for.js';
import type { PushdownAnswer } from './pushdown.js';

const catalog = new Catalog();

function plans(sql: string): ReadPlan[] {
  const [stmt] = parseScript(sql);
  if (stmt.kind !== 'select') throw new Error('select expected');
  const q = stmt.query;
  return q.tables.map((ref) =>
    sourceFor(catalog, ref.provider, ref.service, ref.resource).plan(ref, { corrected: (id, col, v) => q.withPredicate(id, col, v) }),
  );
}

const INTEGRATION = 'AWS::ApiGatewayV2::Integration';
const API = { property: 'ApiId', typeName: 'AWS::ApiGatewayV2::Api' };

test('resource source: get when the identifier is pinned, else list (per parent), then get when more is needed', () => {
  const cases: { sql: string; regions: string[]; calls: CallPlan; source?: string }[] = [
    {
      sql: "SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'",
      regions: ['us-east-1'],
      calls: { call: 'list', typeName: INTEGRATION, parent: API, thenGet: true },
    },
    {
      sql: "SELECT api_id, integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'",
      regions: ['us-east-1'],
      calls: { call: 'list', typeName: INTEGRATION, parent: API, thenGet: false },
    },
    {
      sql: "SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND data__Identifier = 'a|b'",
      regions: ['us-east-1'],
      calls: { call: 'get', typeName: INTEGRATION, identifiers: ['a|b'] },
    },
    {
      sql: "SELECT * FROM awscc.apigatewayv2.integrations WHERE region = 'us-east-1' AND Identifier = 'a|b'",
      regions: ['us-east-1'],
      calls: { call: 'get', typeName: INTEGRATION, identifiers: ['a|b'] },
    },
    {
      sql: "SELECT * FROM aws.apigatewayv2.integrations WHERE region IN ('us-east-1','eu-west-1') AND api_id = 'a' AND integration_id IN ('b','c')",
      regions: ['us-east-1', 'eu-west-1'],
      calls: { call: 'get', typeName: INTEGRATION, identifiers: ['a|b', 'a|c'] },
    },
    {
      sql: "SELECT description FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id IN ('a', 'b')",
      regions: ['us-east-1'],
      calls: { call: 'list', typeName: INTEGRATION, parent: { ...API, ids: ['a', 'b'] }, thenGet: true },
    },
    {
      sql: "SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND region IN ('us-east-1', 'us-west-2') AND cidr_block = '10.0.0.0/16'",
      regions: ['us-east-1'],
      calls: { call: 'list', typeName: 'AWS::EC2::VPC', thenGet: true },
    },
    {
      sql: "SELECT role_name FROM aws.iam.roles WHERE data__Identifier = 'r'",
      regions: ['us-east-1'],
      calls: { call: 'get', typeName: 'AWS::IAM::Role', identifiers: ['r'] },
    },
  ];
  for (const c of cases) {
    const [p] = plans(c.sql);
    assert.deepEqual({ regions: p.regions, calls: p.calls, source: p.source }, { regions: c.regions, calls: c.calls, source: 'resource' }, c.sql);
  }
});

test('tags source: always a get per resource, rows unnested one per tag', () => {
  const [p] = plans("SELECT tag_key FROM aws.ec2.vpc_tags WHERE region = 'us-east-1'");
  assert.deepEqual(p.calls, { call: 'list', typeName: 'AWS::EC2::VPC', thenGet: true });
  assert.equal(p.source, 'tags');
  assert.deepEqual(p.columns.map((c) => c.name), ['vpc_id']);
  const source = sourceFor(catalog, 'aws', 'ec2', 'vpc_tags');
  const rows = source.rows(p, [
    { identifier: 'vpc-1', region: 'us-east-1', properties: { VpcId: 'vpc-1', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] } },
    { identifier: 'vpc-2', region: 'us-east-1', properties: { VpcId: 'vpc-2' } },
  ]);
  assert.deepEqual(rows, {
    columns: ['vpc_id', 'region', 'tag_key', 'tag_value'],
    rows: [
      ['vpc-1', 'us-east-1', 'a', '1'],
      ['vpc-1', 'us-east-1', 'b', '2'],
    ],
  });
});

test('list-only source: ListResources alone, even with the identifier pinned; its columns are the identifiers', () => {
  const [p] = plans("SELECT bucket_name FROM awscc.s3.buckets_list_only WHERE region = 'us-east-1' AND bucket_name = 'b'");
  assert.equal(p.source, 'list_only');
  assert.deepEqual(p.calls, { call: 'list', typeName: 'AWS::S3::Bucket', thenGet: false });
  const source = sourceFor(catalog, 'awscc', 's3', 'buckets_list_only');
  assert.deepEqual(source.columns.map((c) => c.name), ['bucket_name', 'region']);
  assert.equal(source.classify({ column: 'bucket_name', op: '=', values: ['b'] }), 'unsupported');
  assert.throws(() => sourceFor(catalog, 'aws', 'acmpca', 'certificates_list_only'), /Unknown resource/);
});

test('request history source: status per token, else ListResourceRequests with the filter Cloud Control accepts', () => {
  const [byToken] = plans("SELECT * FROM aws.cloud_control.resource_requests WHERE region = 'r' AND data__RequestToken = 't'");
  assert.deepEqual(byToken.calls, { call: 'request_status', tokens: ['t'] });
  const [listed] = plans("SELECT * FROM aws.cloud_control.resource_requests WHERE region = 'r' AND operation = 'CREATE' AND operation_status IN ('FAILED', 'nope')");
  assert.deepEqual(listed.calls, { call: 'list_requests', filter: { Operations: ['CREATE'], OperationStatuses: ['FAILED'] } });
  assert.equal(listed.source, 'request_history');
});

test('only the columns the query uses are decoded, never a write-only one', () => {
  const [p] = plans("SELECT description, json_extract(tls_config, '$.x') FROM aws.apigatewayv2.integrations WHERE region = 'r'");
  assert.deepEqual(p.columns.map((c) => c.name).sort(), ['api_id', 'description', 'integration_id', 'tls_config']);
  const [f] = plans("SELECT * FROM aws.lambda.functions WHERE region = 'r'");
  assert.ok(!f.columns.some((c) => c.name === 'code'), 'Code is write-only');
});

test('pushdown answers per predicate', () => {
  const source = sourceFor(catalog, 'aws', 'apigatewayv2', 'integrations');
  const cases: [string, PushdownAnswer][] = [
    ['region', 'exact'],
    ['data__identifier', 'exact'],
    ['identifier', 'exact'],
    ['integration_id', 'exact'],
    ['api_id', 'inexact'],
    ['description', 'unsupported'],
  ];
  for (const [column, want] of cases) assert.equal(source.classify({ column, op: '=', values: ['x'] }), want, column);
  assert.equal(source.classify({ column: 'region', op: '=', values: [null] }), 'unsupported');
  // A key column alone narrows nothing when the plan lists: the plan says so.
  const [p] = plans("SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'r' AND integration_id = 'i'");
  assert.deepEqual(p.pushdown, [
    { text: "region = 'r'", answer: 'exact' },
    { text: "integration_id = 'i'", answer: 'unsupported' },
  ]);
});

test('a missing region is a plan error with the corrected query; a global service defaults to us-east-1', () => {
  assert.throws(
    () => plans("SELECT api_id FROM aws.apigatewayv2.integrations WHERE description = 'd'"),
    (e: unknown) => {
      assert.ok(e instanceof PlanError);
      assert.match(e.message, /aws\.apigatewayv2\.integrations needs a region/);
      assert.match(e.message, /SELECT api_id FROM aws\.apigatewayv2\.integrations WHERE description = 'd' AND region = 'us-east-1'/);
      return true;
    },
  );
  assert.throws(
    () => plans("SELECT a.api_id FROM aws.apigatewayv2.apis a JOIN aws.apigatewayv2.integrations i ON a.api_id = i.api_id WHERE a.region = 'x'"),
    /integrations needs a region[\s\S]*i\.region = 'us-east-1'/,
  );
  const [p] = plans('SELECT role_name FROM aws.iam.roles');
  assert.deepEqual(p.regions, ['us-east-1']);
  assert.deepEqual(p.notes, ['iam is a global service: region us-east-1']);
});

test('methods and writes per source: views only read, awscc names the request parameters as Cloud Control does', () => {
  const names = (provider: string, table: string) =>
    sourceFor(catalog, provider, 's3', table)
      .methods()
      .map((m) => `${m.name}(${m.requiredParams.join(',')})`);
  assert.deepEqual(names('awscc', 'buckets_list_only'), ['list_resources(region)']);
  assert.ok(names('awscc', 'buckets').includes('update_resource(Identifier,PatchDocument,region)'));
  assert.ok(names('aws', 'buckets').includes('update_resource(data__Identifier,data__PatchDocument,region)'));
  assert.throws(() => sourceFor(catalog, 'awscc', 's3', 'buckets_list_only').checkWritable('create'), /awscc\.s3\.buckets_list_only lists awscc\.s3\.buckets's identifiers and cannot be written/);
  assert.throws(() => sourceFor(catalog, 'aws', 'cloud_control', 'resource_requests').checkWritable('delete'), /request history and cannot be written/);
  assert.doesNotThrow(() => sourceFor(catalog, 'aws', 's3', 'buckets').checkWritable('create'));
});
