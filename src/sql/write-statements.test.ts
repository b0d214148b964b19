import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript } from './parse.js';

test("ClientToken = '…' in an UPDATE's or DELETE's WHERE is lifted out of the filter", () => {
  const [d] = parseScript(`DELETE FROM aws.ec2.eips WHERE data__Identifier = 'a|b' AND ClientToken = 'del-1' AND region = 'us-east-1'`);
  if (d.kind !== 'delete') throw new Error('delete expected');
  assert.deepEqual(d.request, { ClientToken: 'del-1' });
  assert.deepEqual(d.whereColumns.sort(), ['data__identifier', 'region']);
  assert.deepEqual(d.predicates.map((p) => p.column), ['data__identifier', 'region']);
  assert.doesNotMatch(d.targets.text(), /ClientToken/i);

  const [u] = parseScript(`UPDATE aws.ec2.eips SET Tags = '[]', data__ClientToken = 'u-1' WHERE data__RoleArn = 'r' AND (x = 1 OR ClientToken = 'kept')`);
  if (u.kind !== 'update') throw new Error('update expected');
  assert.deepEqual(u.request, { data__RoleArn: 'r' });
  // Only top-level conjuncts are parameters: inside an OR it is a (failing) filter, as written.
  assert.match(u.targets.text(), /x = 1 OR ClientToken = 'kept'/);
  assert.deepEqual(u.sets.map((s) => [s.column, s.literal]), [['Tags', '[]'], ['data__ClientToken', 'u-1']]);

  const [only] = parseScript(`DELETE FROM aws.ec2.eips WHERE ClientToken = 'x'`);
  if (only.kind !== 'delete') throw new Error('delete expected');
  assert.deepEqual(only.whereColumns, []);
});
