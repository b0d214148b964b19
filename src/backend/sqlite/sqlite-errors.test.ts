import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translateSqliteError } from './sqlite-errors.js';

test("SQLite's messages become faults naming the whole column, quoted or not", () => {
  const fault = (m: string) => translateSqliteError(new Error(m)).fault;
  assert.deepEqual(fault('no such column: t."us-east-1"'), { kind: 'unknown_column', qualifier: 't', column: 'us-east-1' });
  assert.deepEqual(fault('no such column: regoin'), { kind: 'unknown_column', column: 'regoin' });
  assert.deepEqual(fault('no such column: v.vpc_idd'), { kind: 'unknown_column', qualifier: 'v', column: 'vpc_idd' });
  assert.deepEqual(fault('ambiguous column name: region'), { kind: 'ambiguous_column', column: 'region' });
  assert.deepEqual(fault('no such table: ec2.vpcs'), { kind: 'unknown_table', table: 'ec2.vpcs' });
  assert.deepEqual(fault('Missing named parameters'), { kind: 'parameters' });
  assert.deepEqual(fault('something else'), { kind: 'other', message: 'something else' });
});
