import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../errors.js';
import { Catalog } from '../providers/catalog.js';
import { parseScript } from '../sql/parse.js';
import { classifyPredicate, type PushdownAnswer } from './pushdown.js';
import { planTable, type Access } from './table-plan.js';

const catalog = new Catalog();

function plan(sql: string) {
  const [stmt] = parseScript(sql);
  if (stmt.kind !== 'select') throw new Error('select expected');
  const q = stmt.query;
  return q.tables.map((ref) =>
    planTable(catalog.resource(ref.provider, ref.service, ref.resource), ref, {
      corrected: (id, col, v) => q.withPredicate(id, col, v),
    }),
  );
}

test('get-or-list decision', () => {
  const cases: { sql: string; regions: string[]; access: Access; needsProperties: boolean }[] = [
    {
      sql: "SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'",
      regions: ['us-east-1'],
      access: { kind: 'list' },
      needsProperties: true,
    },
    {
      sql: "SELECT api_id, integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'",
      regions: ['us-east-1'],
      access: { kind: 'list' },
      needsProperties: false,
    },
    {
      sql: "SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND data__Identifier = 'a|b'",
      regions: ['us-east-1'],
      access: { kind: 'get', identifiers: ['a|b'] },
      needsProperties: true,
    },
    {
      sql: "SELECT * FROM aws.apigatewayv2.integrations WHERE region IN ('us-east-1','eu-west-1') AND api_id = 'a' AND integration_id IN ('b','c')",
      regions: ['us-east-1', 'eu-west-1'],
      access: { kind: 'get', identifiers: ['a|b', 'a|c'] },
      needsProperties: true,
    },
    {
      sql: "SELECT description FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id IN ('a', 'b')",
      regions: ['us-east-1'],
      access: { kind: 'list', parentIds: ['a', 'b'] },
      needsProperties: true,
    },
    {
      sql: "SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND region IN ('us-east-1', 'us-west-2') AND cidr_block = '10.0.0.0/16'",
      regions: ['us-east-1'],
      access: { kind: 'list' },
      needsProperties: true,
    },
    {
      sql: "SELECT tag_key FROM aws.ec2.vpc_tags WHERE region = 'us-east-1'",
      regions: ['us-east-1'],
      access: { kind: 'list' },
      needsProperties: true,
    },
  ];
  for (const c of cases) {
    const [p] = plan(c.sql);
    assert.deepEqual(
      { regions: p.regions, access: p.access, needsProperties: p.needsProperties },
      { regions: c.regions, access: c.access, needsProperties: c.needsProperties },
      c.sql,
    );
  }
});

test('only the columns the query uses are decoded', () => {
  const [p] = plan("SELECT description, json_extract(tls_config, '$.x') FROM aws.apigatewayv2.integrations WHERE region = 'r'");
  assert.deepEqual(p.columns.map((c) => c.name).sort(), ['api_id', 'description', 'integration_id', 'tls_config']);
  const [v] = plan("SELECT tag_key FROM aws.ec2.vpc_tags WHERE region = 'r'");
  assert.deepEqual(v.columns.map((c) => c.name), ['vpc_id']);
});

test('pushdown classification', () => {
  const def = catalog.resolve('aws.apigatewayv2.integrations');
  const cases: [string, PushdownAnswer][] = [
    ['region', 'exact'],
    ['data__identifier', 'exact'],
    ['integration_id', 'exact'],
    ['api_id', 'inexact'],
    ['description', 'unsupported'],
  ];
  for (const [column, want] of cases) {
    assert.equal(classifyPredicate(def, { column, op: '=', values: ['x'] }), want, column);
  }
  assert.equal(classifyPredicate(def, { column: 'region', op: '=', values: [null] }), 'unsupported');
});

test('a missing region is a plan error with the corrected query', () => {
  assert.throws(
    () => plan("SELECT api_id FROM aws.apigatewayv2.integrations WHERE description = 'd'"),
    (e: unknown) => {
      assert.ok(e instanceof PlanError);
      assert.match(e.message, /aws\.apigatewayv2\.integrations needs a region/);
      assert.match(e.message, /SELECT api_id FROM aws\.apigatewayv2\.integrations WHERE description = 'd' AND region = 'us-east-1'/);
      return true;
    },
  );
  assert.throws(
    () => plan("SELECT a.api_id FROM aws.apigatewayv2.apis a JOIN aws.apigatewayv2.integrations i ON a.api_id = i.api_id WHERE a.region = 'x'"),
    /integrations needs a region[\s\S]*i\.region = 'us-east-1'/,
  );
});
