// StackQL's functions and the Postgres forms StackQL users write, each in a real query
// against the local cloud, in-process: split_part, aws_policy_equal (a statecheck as
// stackql-deploy writes one), regexp_like/substr/replace, ILIKE, IS [NOT] DISTINCT FROM,
// = ANY(…), DISTINCT ON, and string literals that must stay strings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { objects, runScript } from '../support/engine-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

let cloud: TestCloud;
const vpcs: Record<string, string> = {};

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] },
    { Sid: 'NoDelete', Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: '*' },
  ],
};

before(async () => {
  cloud = await startTestCloud();
  await cloud.create('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'Skyql-Read', Path: '/team/', PolicyDocument: POLICY, Description: 'reads data' });
  await cloud.create('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'other', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] } });
  await cloud.create('AWS::IAM::Role', {
    RoleName: 'app-role',
    Path: '/svc/',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  });
  const tags = (name: string) => [{ Key: 'Name', Value: name }, { Key: 'env', Value: 'dev' }];
  vpcs.a = (await cloud.create('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', Tags: tags('alpha') })).Identifier!;
  vpcs.b = (await cloud.create('AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16', Tags: tags('Beta') })).Identifier!;
  vpcs.c = (await cloud.create('AWS::EC2::VPC', { CidrBlock: '10.2.0.0/16' })).Identifier!;
  vpcs.eu = (await cloud.create('AWS::EC2::VPC', { CidrBlock: '10.9.0.0/16' }, 'eu-west-1')).Identifier!;
});

after(() => cloud.close());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const r = await runScript(cloud, sql);
  if (r.error) throw r.error;
  assert.equal(r.results.length, 1);
  return objects(r.results[0]);
}

async function failure(sql: string): Promise<string> {
  const r = await runScript(cloud, sql);
  assert.ok(r.error, `${sql} should fail`);
  return r.error.message;
}

test('SPLIT_PART takes ARNs apart as Postgres does (negative fields from the end)', async () => {
  const [policy] = await rows(
    `SELECT SPLIT_PART(policy_arn, '/', 1) AS head, SPLIT_PART(policy_arn, ':', 5) AS account, SPLIT_PART(policy_arn, '/', 9) AS past_the_end
     FROM aws.iam.managed_policies WHERE region = 'us-east-1' AND managed_policy_name = 'Skyql-Read'`,
  );
  assert.match(String(policy.account), /^\d{12}$/);
  assert.equal(policy.head, `arn:aws:iam::${String(policy.account)}:policy`);
  assert.equal(policy.past_the_end, '');
  const [role] = await rows(
    `SELECT SPLIT_PART(arn, '/', -1) AS name, SPLIT_PART(arn, '/', -2) AS path, SPLIT_PART(arn, '/', -9) AS before_the_start
     FROM aws.iam.roles WHERE region = 'us-east-1' AND role_name = 'app-role'`,
  );
  assert.deepEqual(role, { name: 'app-role', path: 'svc', before_the_start: '' });
  assert.match(await failure(`SELECT SPLIT_PART(policy_arn, '/', 0) FROM aws.iam.managed_policies WHERE region = 'us-east-1'`), /split_part: field position must not be zero/);
});

test('a statecheck with AWS_POLICY_EQUAL: tags and policy documents in any order', async () => {
  const reordered = JSON.stringify([{ Key: 'env', Value: 'dev' }, { Value: 'alpha', Key: 'Name' }]);
  const count = async (where: string) =>
    (await rows(`SELECT COUNT(*) as count FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND ${where}`))[0].count;
  assert.equal(await count(`AWS_POLICY_EQUAL(tags, '${reordered}')`), 1);
  assert.equal(await count(`AWS_POLICY_EQUAL(tags, '[{"Key":"Name","Value":"alpha"}]')`), 0);
  // A VPC without tags has NULL there: not equal to anything, not an error.
  assert.equal(await count(`AWS_POLICY_EQUAL(tags, '[]') IS NULL`), 1);
  const desired = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: ['*'] },
      { Resource: ['arn:aws:s3:::data/*', 'arn:aws:s3:::data'], Action: ['s3:ListBucket', 's3:GetObject'], Effect: 'Allow', Sid: 'Read' },
    ],
  });
  const check = await rows(
    `SELECT managed_policy_name, AWS_POLICY_EQUAL(policy_document, '${desired}') AS compliant
     FROM aws.iam.managed_policies WHERE region = 'us-east-1' ORDER BY managed_policy_name`,
  );
  // StackQL's documented example: a role's trust policy, Action written as a list here.
  const trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com"]},"Action":["sts:AssumeRole"]}]}';
  const [role] = await rows(`SELECT AWS_POLICY_EQUAL(assume_role_policy_document, '${trust}') AS compliant FROM aws.iam.roles WHERE region = 'us-east-1' AND role_name = 'app-role'`);
  assert.equal(role.compliant, 1);
  assert.deepEqual(check, [
    { managed_policy_name: 'Skyql-Read', compliant: 1 },
    { managed_policy_name: 'other', compliant: 0 },
  ]);
});

test('regexp_like, regexp_substr and regexp_replace in a real query', async () => {
  const got = await rows(
    `SELECT vpc_id, regexp_substr(cidr_block, '[0-9]+\\.[0-9]+') AS prefix, regexp_replace(cidr_block, '[0-9]', 'N') AS shape,
            regexp_replace(cidr_block, '^(\\d+)\\.(\\d+)', '\\2.\\1') AS swapped
     FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND regexp_like(cidr_block, '^10\\.[01]\\.') ORDER BY cidr_block`,
  );
  assert.deepEqual(got, [
    { vpc_id: vpcs.a, prefix: '10.0', shape: 'NN.N.N.N/NN', swapped: '0.10.0.0/16' },
    { vpc_id: vpcs.b, prefix: '10.1', shape: 'NN.N.N.N/NN', swapped: '1.10.0.0/16' },
  ]);
  assert.match(await failure(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND regexp_like(cidr_block, '(')`), /regexp_like: invalid regular expression '\('/);
});

test('ILIKE folds case as Postgres does; LIKE keeps SQLite meaning', async () => {
  const names = async (where: string) =>
    (await rows(`SELECT managed_policy_name AS n FROM aws.iam.managed_policies WHERE region = 'us-east-1' AND ${where} ORDER BY n`)).map((r) => r.n);
  assert.deepEqual(await names(`managed_policy_name ILIKE 'SKYQL%'`), ['Skyql-Read']);
  assert.deepEqual(await names(`managed_policy_name NOT ILIKE 'skyql\\_%'`), ['Skyql-Read', 'other']);
  assert.deepEqual(await names(`managed_policy_name ILIKE 'skyql!-%' ESCAPE '!'`), ['Skyql-Read']);
  // SQLite's LIKE, as before: ASCII case-insensitive.
  assert.deepEqual(await names(`managed_policy_name LIKE 'skyql%'`), ['Skyql-Read']);
});

test('IS [NOT] DISTINCT FROM treats NULL as a value', async () => {
  const names = async (where: string) =>
    (await rows(`SELECT managed_policy_name AS n FROM aws.iam.managed_policies WHERE region = 'us-east-1' AND ${where} ORDER BY n`)).map((r) => r.n);
  assert.deepEqual(await names(`description <> 'reads data'`), []);
  assert.deepEqual(await names(`description IS DISTINCT FROM 'reads data'`), ['other']);
  assert.deepEqual(await names(`description IS NOT DISTINCT FROM NULL`), ['other']);
  assert.deepEqual(await names(`description IS NOT DISTINCT FROM 'reads data'`), ['Skyql-Read']);
});

test('= ANY(ARRAY[…]) fans out over regions like IN; = ANY(\'{…}\') and <> ALL(…) filter', async () => {
  const got = await rows(`SELECT vpc_id, region FROM aws.ec2.vpcs WHERE region = ANY(ARRAY['us-east-1', 'eu-west-1']) ORDER BY cidr_block`);
  assert.deepEqual(got.map((r) => r.region), ['us-east-1', 'us-east-1', 'us-east-1', 'eu-west-1']);
  const some = await rows(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND cidr_block = ANY('{10.0.0.0/16, "10.2.0.0/16"}') ORDER BY cidr_block`);
  assert.deepEqual(some.map((r) => r.vpc_id), [vpcs.a, vpcs.c]);
  const rest = await rows(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND cidr_block <> ALL(ARRAY['10.0.0.0/16', '10.2.0.0/16'])`);
  assert.deepEqual(rest.map((r) => r.vpc_id), [vpcs.b]);
  assert.match(await failure(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND 'x' = ANY(tags)`), /= ANY\(…\) takes ARRAY\[…\]/);
});

test('DISTINCT ON keeps the first row of each group in ORDER BY order', async () => {
  const got = await rows(
    `SELECT DISTINCT ON (region) region, cidr_block, vpc_id AS id FROM aws.ec2.vpcs WHERE region IN ('us-east-1', 'eu-west-1') ORDER BY region DESC, cidr_block DESC`,
  );
  assert.deepEqual(got, [
    { region: 'us-east-1', cidr_block: '10.2.0.0/16', id: vpcs.c },
    { region: 'eu-west-1', cidr_block: '10.9.0.0/16', id: vpcs.eu },
  ]);
  // Postgres sorts NULLs last ascending: the untagged VPC is not the first of its group.
  const nulls = await rows(`SELECT DISTINCT ON (region) region, vpc_id FROM aws.ec2.vpcs WHERE region = 'us-east-1' ORDER BY region, tags`);
  assert.deepEqual(nulls, [{ region: 'us-east-1', vpc_id: vpcs.b }]);
  assert.match(await failure(`SELECT DISTINCT ON (region) * FROM aws.ec2.vpcs WHERE region = 'us-east-1'`), /DISTINCT ON \(…\) \* cannot be rewritten for SQLite: list the columns/);
});

test('a string literal is never reported as an unknown column', async () => {
  assert.deepEqual(await rows(`SELECT 'abc' AS x, upper('q') AS u FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND cidr_block = '10.0.0.0/16'`), [{ x: 'abc', u: 'Q' }]);
  // StackQL's grammar reads "…" as a string; one that can be no column here is one.
  assert.deepEqual(await rows(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = "us-east-1" AND cidr_block = "10.1.0.0/16"`), [{ vpc_id: vpcs.b }]);
  const tagged = await rows(`SELECT vpc_id, tag_value FROM aws.ec2.vpc_tags WHERE region = 'us-east-1' AND tag_key = 'Name' AND tag_value LIKE "a%"`);
  assert.deepEqual(tagged, [{ vpc_id: vpcs.a, tag_value: 'alpha' }]);
  // A word names a column when the table has one ("tag_key"), otherwise it is a string ("Name").
  const words = await rows(`SELECT "vpc_id", "Name", "us-east-1" FROM aws.ec2.vpc_tags WHERE "region" = 'us-east-1' AND "tag_key" = "Name" AND tag_value = "Beta"`);
  assert.deepEqual(words, [{ vpc_id: vpcs.b, Name: 'Name', 'us-east-1': 'us-east-1' }]);
  // A double-quoted alias is still a name.
  assert.deepEqual(await rows(`SELECT cidr_block AS "the cidr" FROM aws.ec2.vpcs WHERE region = 'us-east-1' ORDER BY "the cidr" DESC LIMIT 1`), [{ 'the cidr': '10.2.0.0/16' }]);
});
