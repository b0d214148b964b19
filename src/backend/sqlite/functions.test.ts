import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteBackend } from './sqlite-backend.js';
import { jsonEqual } from './functions.js';

test('jsonEqual ignores key order and whitespace, not array order', () => {
  assert.equal(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }), true);
  assert.equal(jsonEqual([1, 2], [2, 1]), false);
  assert.equal(jsonEqual({ a: null }, {}), false);
});

test("StackQL's helpers work in SQL", () => {
  const b = new SqliteBackend();
  const row = b.query(
    `SELECT json_equal('{"a":1,"b":2}', '{ "b": 2, "a": 1 }') AS eq, json_equal('[1,2]', '[2,1]') AS ne,
            string(42) AS s, skyql_identifier('api', 'int') AS id, skyql_identifier('api', NULL) AS none`,
  ).rows[0];
  assert.deepEqual(row, [1, 0, '42', 'api|int', null]);
  b.close();
});

test('declared column kinds come back as booleans and JSON flags', () => {
  const b = new SqliteBackend();
  b.createTable('t', [
    { name: 'flag', type: 'boolean', description: '' },
    { name: 'conf', type: 'object', description: '' },
  ]);
  b.insert('t', ['flag', 'conf'], [[1, '{"k":1}']]);
  const rs = b.query('SELECT flag, conf, flag + 0 AS n FROM t');
  assert.deepEqual(rs.rows, [[true, '{"k":1}', 1]]);
  assert.deepEqual(rs.columns, [{ name: 'flag' }, { name: 'conf', json: true }, { name: 'n' }]);
  b.close();
});

function one(sql: string): unknown[] {
  const b = new SqliteBackend();
  try {
    return b.query(sql).rows[0];
  } finally {
    b.close();
  }
}

function fails(sql: string, message: RegExp): void {
  const b = new SqliteBackend();
  try {
    assert.throws(() => b.query(sql), message);
  } finally {
    b.close();
  }
}

test("split_part follows Postgres: 1-based, negative from the end, '' past the end, 0 refused", () => {
  const arn = 'arn:aws:iam::123456789012:policy/team/ReadOnly';
  assert.deepEqual(
    one(`SELECT split_part('${arn}', '/', 1), split_part('${arn}', '/', -1), split_part('${arn}', '/', -2),
            split_part('a,b,c', ',', 4), split_part('a,b,c', ',', -4), split_part('a//b', '/', 2),
            split_part('', '/', 1), split_part('abc', '', 1), split_part('abc', '', 2), split_part(NULL, '/', 1),
            split_part('a~@~b', '~@~', 2), split_part(12345, 3, 2)`),
    ['arn:aws:iam::123456789012:policy', 'ReadOnly', 'team', '', '', '', '', 'abc', '', null, 'b', '45'],
  );
  fails(`SELECT split_part('a/b', '/', 0)`, /split_part: field position must not be zero/);
  fails(`SELECT split_part('a/b', '/', 'x')`, /split_part: the field number must be an integer, not x/);
  fails(`SELECT split_part('a/b', '/')`, /wrong number of arguments/);
});

test("regexp functions follow StackQL's tests; flags as Postgres spells them", () => {
  assert.deepEqual(
    one(`SELECT regexp_like('hello world', 'hello'), regexp_like('hello world', '^world'), regexp_like('hello world', 'world$'),
            regexp_like('Hello', 'hello'), regexp_like('Hello', 'hello', 'i'), regexp_like(NULL, 'x'), regexp_like('abc123', '[[:digit:]]+')`),
    [1, 0, 1, 0, 1, null, 1],
  );
  assert.deepEqual(
    one(`SELECT regexp_substr('hello world', 'w.*d'), regexp_substr('hello world', 'abc'), regexp_substr('file.txt', '\\.\\w+$'),
            regexp_substr('a1b22c333', '[0-9]+', 1, 2), regexp_substr('a1b22c333', '([a-z])([0-9]+)', 1, 3, '', 2), regexp_substr('hello', '')`),
    ['world', null, '.txt', '22', '333', ''],
  );
  assert.deepEqual(
    one(`SELECT regexp_replace('123-456-7890', '[0-9]', 'X'), regexp_replace('hello world', 'abc', 'def'),
            regexp_replace('John Smith', '(\\w+) (\\w+)', '\\2, \\1'), regexp_replace('a.b', '\\.', '$'),
            regexp_replace('AbAB', 'ab', '-', 'gi'), regexp_replace('x', 'x', NULL)`),
    ['XXX-XXX-XXXX', 'hello world', 'Smith, John', 'a$b', '--', null],
  );
  fails(`SELECT regexp_like('a', '(')`, /regexp_like: invalid regular expression '\(': /);
  fails(`SELECT regexp_like('a', 'a', 'g')`, /regexp_like: unknown flag 'g' in 'g'/);
  fails(`SELECT regexp_replace('a', 'a', 'b', 1)`, /fourth argument is flags text/);
});

test('skyql_ilike is Postgres ILIKE: wildcards, backslash escape, case folded beyond ASCII', () => {
  assert.deepEqual(
    one(`SELECT skyql_ilike('ProdBucket', 'prod%'), skyql_ilike('ÉTÉ', 'été'), skyql_ilike('a_b', 'a\\_b'), skyql_ilike('axb', 'a\\_b'),
            skyql_ilike('axb', 'a_b'), skyql_ilike('50%', '50!%', '!'), skyql_ilike(NULL, 'x'), skyql_ilike('a.b', 'a.b'), skyql_ilike('aXb', 'a.b')`),
    [1, 1, 1, 0, 1, 1, null, 1, 0],
  );
  fails(`SELECT skyql_ilike('a', 'a\\')`, /ILIKE: the pattern 'a\\' ends with its escape character/);
});

test('aws_policy_equal compares policies as AWS reads them', async () => {
  const { awsPolicyEqual } = await import('./aws-policy-equal.js');
  const doc = (statements: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const s3 = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] };
  const ec2 = { Effect: 'Deny', Action: 'ec2:StopInstances', Resource: '*' };
  const equal: [unknown, unknown][] = [
    [doc([s3]), doc([{ ...s3, Action: ['s3:PutObject', 's3:GetObject'] }])],
    [doc([{ ...s3, Action: ['s3:GetObject'] }]), doc([{ ...s3, Action: 's3:GetObject' }])],
    [doc([{ ...s3, Action: 's3:getobject' }]), doc([{ ...s3, Action: 'S3:GetObject' }])],
    [doc([s3, ec2]), doc([ec2, s3])],
    [doc(ec2), doc([ec2])],
    [doc([{ ...ec2, Resource: 'arn:aws:s3:::bucket' }]), doc([{ ...ec2, Resource: 'arn:aws:S3:::bucket' }])],
    [doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:role/r' }, Action: 'sts:AssumeRole' }]), doc([{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::1:role/r'] }, Action: 'sts:AssumeRole' }])],
    [doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }]), doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject' }])],
    [doc([{ ...ec2, Condition: { StringEquals: { 'aws:username': 'jo' }, Bool: { 'aws:SecureTransport': 'true' } } }]), doc([{ ...ec2, Condition: { Bool: { 'aws:SecureTransport': ['true'] }, StringEquals: { 'aws:username': 'jo' } } }])],
    ['[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]', '[{"Value":"2","Key":"b"},{"Key":"a","Value":"1"}]'],
    ['{"Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]}', '{"Tags":[{"Key":"b","Value":"2"},{"Key":"a","Value":"1"}]}'],
    ['not json', 'not json'],
    [JSON.stringify(doc([s3])), doc([s3])],
  ];
  for (const [a, b] of equal) assert.equal(awsPolicyEqual(a, b), 1, `${String(a)} = ${String(b)}`);
  const different: [unknown, unknown][] = [
    [doc([s3]), doc([{ ...s3, Effect: 'Deny' }])],
    [doc([s3]), doc([{ ...s3, Action: ['s3:GetObject'] }])],
    [doc([{ ...ec2, Resource: 'arn:aws:s3:::Bucket' }]), doc([{ ...ec2, Resource: 'arn:aws:s3:::bucket' }])],
    [doc([{ ...ec2, Sid: 'One' }]), doc([{ ...ec2, sid: 'One' }])],
    [doc([s3, ec2]), doc([s3])],
    ['{"Data":[1,2]}', '{"Data":[2,1]}'],
    ['[{"Key":"a","Value":"1"}]', '{"Key":"a","Value":"1"}'],
    ['{"a":1}', 'not json'],
  ];
  for (const [a, b] of different) assert.equal(awsPolicyEqual(a, b), 0, `${String(a)} ≠ ${String(b)}`);
  assert.equal(awsPolicyEqual(null, '{}'), null);
  assert.deepEqual(one(`SELECT aws_policy_equal('["s3:A","s3:B"]', '["s3:B","s3:A"]'), aws_policy_equal(NULL, '[]')`), [1, null]);
});
