// Columns whose registry schema lets the value be one of several JSON types (problem 1 of
// the StackQL examples report): AWS::DynamoDB::Table's KeySchema is an array of keys or an
// object. Each allowed form is created on the local cloud in-process and read back with
// the SDK; a value of no allowed type is refused before any call.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { objects, runScript } from '../support/engine-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

const TABLE = 'AWS::DynamoDB::Table';
const KEYS = [{ AttributeName: 'pk', KeyType: 'HASH' }];
const ATTRIBUTES = [{ AttributeName: 'pk', AttributeType: 'S' }];

let cloud: TestCloud;

before(async () => {
  cloud = await startTestCloud();
});
after(async () => {
  await cloud.close();
});

async function keySchemaOf(name: string): Promise<unknown> {
  const out = await cloud.client().send(new GetResourceCommand({ TypeName: TABLE, Identifier: name }));
  return (JSON.parse(out.ResourceDescription!.Properties!) as Record<string, unknown>).KeySchema;
}

const insert = (provider: string, name: string, keySchema: string) =>
  `/*+ AWAIT */ INSERT INTO ${provider}.dynamodb.tables (TableName, KeySchema, AttributeDefinitions, BillingMode, region)
   SELECT '${name}', '${keySchema}', '${JSON.stringify(ATTRIBUTES)}', 'PAY_PER_REQUEST', 'us-east-1'`;

test('INSERT a DynamoDB table with KeySchema as an array (awscc and aws), then read it back as JSON', async () => {
  for (const [provider, name] of [
    ['awscc', 'orders'],
    ['aws', 'orders-aws'],
  ]) {
    const r = await runScript(cloud, insert(provider, name, JSON.stringify(KEYS)));
    assert.equal(r.error, undefined, `${provider}: ${r.error?.message}`);
    assert.deepEqual(await keySchemaOf(name), KEYS, provider);
  }
  const read = await runScript(cloud, `SELECT key_schema FROM aws.dynamodb.tables WHERE region = 'us-east-1' AND Identifier = 'orders'`);
  assert.equal(read.error, undefined, `${read.error?.message}`);
  assert.deepEqual(JSON.parse(String(objects(read.results[0])[0].key_schema)), KEYS);
});

test('the schema also allows KeySchema as an object: that form is sent as an object', async () => {
  const key = { AttributeName: 'pk', KeyType: 'HASH' };
  const r = await runScript(cloud, insert('awscc', 'orders-object', JSON.stringify(key)));
  assert.equal(r.error, undefined, `${r.error?.message}`);
  assert.deepEqual(await keySchemaOf('orders-object'), key);
});

test('a KeySchema of neither type is refused before any call, naming both types', async () => {
  const before = await cloud.requests();
  for (const [value, why] of [
    ['5', /key_schema \(KeySchema\) in row 1: expected a JSON array or object, got 5/],
    ['"pk"', /expected a JSON array or object, got "pk"/],
    ['[{', /is not valid JSON .*: the column takes a JSON array or object as JSON text, e\.g\. '\[\]' or '\{\}'/],
  ] as const) {
    const r = await runScript(cloud, insert('awscc', 'orders-bad', value));
    assert.match(r.error?.message ?? '', why, value);
  }
  assert.equal(await cloud.requests(), before, 'no CreateResource was sent');
});

test('DESCRIBE names both types of such a column', async () => {
  const r = await runScript(cloud, 'DESCRIBE awscc.dynamodb.tables');
  assert.equal(r.error, undefined, `${r.error?.message}`);
  const rows = objects(r.results[0]);
  assert.deepEqual(rows.find((c) => c.name === 'key_schema')?.type, 'array|object');
  assert.equal(rows.find((c) => c.name === 'attribute_definitions')?.type, 'array');
});
