// SHOW INSERT INTO (StackQL's INSERT template), answered from the catalog in-process: its
// shape (one row, one column insert_statement), /*+ REQUIRED */, EXTENDED and a column
// list, the refusals, and the round trip: the printed template, rendered with --iqldata,
// is an INSERT skyql plans without complaint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScript } from '../../src/sql/parse.js';
import { execSql } from '../support/exec-harness.js';

async function template(sql: string): Promise<string> {
  const r = await execSql(undefined, sql, { output: 'json' });
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(rows.length, 1, 'one row');
  assert.deepEqual(Object.keys(rows[0]), ['insert_statement'], 'one column, named as StackQL names it');
  return String(rows[0].insert_statement);
}

async function refusal(sql: string): Promise<string> {
  const r = await execSql(undefined, sql, { output: 'json' });
  assert.notEqual(r.code, 0, `${sql} should be refused`);
  return r.stderr;
}

test('SHOW INSERT /*+ REQUIRED */ INTO: region and the required properties, after a comment line', async () => {
  const text = await template(`-- source: stackql how-to\nSHOW INSERT /*+ REQUIRED */ INTO awscc.dynamodb.tables;`);
  assert.equal(text, `INSERT INTO awscc.dynamodb.tables(\n  region,\n  KeySchema\n)\nSELECT\n  '{{ region }}',\n  '{{ key_schema }}'\n;`);
});

test('SHOW INSERT INTO: every property CreateResource takes, none read-only, region first, then by name', async () => {
  const text = await template('SHOW INSERT INTO awscc.dynamodb.tables');
  const [head, select] = text.split('\n)\nSELECT\n');
  const columns = head.replace('INSERT INTO awscc.dynamodb.tables(\n', '').split(',\n').map((c) => c.trim());
  assert.equal(columns[0], 'region');
  const properties = columns.slice(1);
  assert.deepEqual(properties, [...properties].sort(), 'sorted by name');
  for (const p of ['AttributeDefinitions', 'BillingMode', 'KeySchema', 'TableName', 'Tags']) assert.ok(properties.includes(p), p);
  for (const p of ['Arn', 'StreamArn']) assert.ok(!properties.includes(p), `${p} is read-only`);
  assert.equal(select.split(',\n').length, columns.length, 'one value per column');
  assert.ok(text.endsWith('\n;'));
});

test('numbers and booleans are unquoted, text and JSON quoted; a column list keeps its order and spelling', async () => {
  const text = await template('SHOW INSERT INTO aws.ec2.vpcs (CidrBlock, enable_dns_support, Ipv4NetmaskLength, Tags, data__ClientToken, region)');
  assert.equal(
    text,
    [
      'INSERT INTO aws.ec2.vpcs(',
      '  CidrBlock,',
      '  enable_dns_support,',
      '  Ipv4NetmaskLength,',
      '  Tags,',
      '  data__ClientToken,',
      '  region',
      ')',
      'SELECT',
      "  '{{ cidr_block }}',",
      '   {{ enable_dns_support }},',
      '   {{ ipv4_netmask_length }},',
      "  '{{ tags }}',",
      "  '{{ data__client_token }}',",
      "  '{{ region }}'",
      ';',
    ].join('\n'),
  );
});

test('SHOW EXTENDED INSERT adds the request parameters CreateResource takes besides the properties', async () => {
  const text = await template('SHOW EXTENDED INSERT INTO aws.ec2.vpcs');
  assert.match(text, /^INSERT INTO aws\.ec2\.vpcs\(\n {2}ClientToken,\n {2}RoleArn,\n {2}TypeVersionId,\n {2}region,\n {2}CidrBlock,/);
  const plain = await template('SHOW INSERT INTO aws.ec2.vpcs');
  assert.doesNotMatch(plain, /ClientToken|RoleArn|TypeVersionId/);
});

test('the template, rendered with --iqldata, is an INSERT skyql plans: KeySchema goes as an array', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-show-insert-'));
  try {
    const text = await template('SHOW INSERT /*+ REQUIRED */ INTO awscc.dynamodb.tables');
    const data = join(dir, 'vars.json');
    const keys = [{ AttributeName: 'pk', KeyType: 'HASH' }];
    writeFileSync(data, JSON.stringify({ region: 'us-east-1', key_schema: keys }));
    const r = await execSql(undefined, text, { output: 'json', iqldata: data, dryRun: true });
    assert.equal(r.code, 0, r.stderr);
    const [call] = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(call.operation, 'CreateResource');
    assert.equal(call.region, 'us-east-1');
    assert.deepEqual(JSON.parse(String(call.request)), { KeySchema: keys });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refused with the reason an INSERT would get: a view, an unknown or read-only column, no region', async () => {
  assert.match(await refusal('SHOW INSERT INTO aws.ec2.vpc_tags'), /aws\.ec2\.vpc_tags is a view of aws\.ec2\.vpcs's tags and cannot be inserted into/);
  assert.match(await refusal('SHOW INSERT INTO aws.ec2.vpcs (CidrBlok, region)'), /Unknown column 'CidrBlok' for aws\.ec2\.vpcs\. Did you mean 'CidrBlock'\?/);
  assert.match(await refusal('SHOW INSERT INTO aws.ec2.vpcs (VpcId, region)'), /VpcId is read-only in aws\.ec2\.vpcs/);
  assert.match(await refusal('SHOW INSERT INTO aws.ec2.vpcs (CidrBlock)'), /needs a region: add region to the column list/);
  assert.match(await refusal('SHOW INSERT INTO aws.ec2.vpcs ()'), /expected a column name like BucketName but found '\)'/);
  assert.match(await refusal('SHOW INSERT aws.ec2.vpcs'), /expected INTO but found 'aws'/);
});

test('the parser reads EXTENDED, the REQUIRED hint and the column list', () => {
  const [a, b] = parseScript('SHOW EXTENDED INSERT /*+ REQUIRED */ INTO aws.ec2.vpcs (CidrBlock, region); show insert into awscc.s3.buckets');
  assert.deepEqual({ ...a, source: undefined, hints: undefined }, {
    kind: 'show_insert',
    provider: 'aws',
    service: 'ec2',
    resource: 'vpcs',
    extended: true,
    required: true,
    columns: ['CidrBlock', 'region'],
    source: undefined,
    hints: undefined,
  });
  assert.equal(b.kind === 'show_insert' && !b.required && !b.extended && b.columns === undefined, true);
});
