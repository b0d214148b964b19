import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePatchDocument } from './patch-document.js';

test('one add operation per property, values as data', () => {
  const doc = generatePatchDocument({ TimeoutInMillis: 5000, Tags: [{ Key: 'a', Value: 'b' }], Description: 'x' });
  assert.deepEqual(JSON.parse(doc), [
    { op: 'add', path: '/TimeoutInMillis', value: 5000 },
    { op: 'add', path: '/Tags', value: [{ Key: 'a', Value: 'b' }] },
    { op: 'add', path: '/Description', value: 'x' },
  ]);
});

test('strings that are JSON text are sent as their value, as stackql-deploy v1 and v2 parse them; other strings stay strings', () => {
  const doc = generatePatchDocument({ Policy: '{"Version": "2012-10-17"}', Names: '["a"]', DelaySeconds: '5', Flag: 'true', Name: 'my-queue', Quoted: '"x"' });
  assert.deepEqual(JSON.parse(doc), [
    { op: 'add', path: '/Policy', value: { Version: '2012-10-17' } },
    { op: 'add', path: '/Names', value: ['a'] },
    { op: 'add', path: '/DelaySeconds', value: 5 },
    { op: 'add', path: '/Flag', value: true },
    { op: 'add', path: '/Name', value: 'my-queue' },
    { op: 'add', path: '/Quoted', value: 'x' },
  ]);
});

test('the properties may be JSON text; replace may be asked for; keys are escaped as JSON pointers', () => {
  assert.deepEqual(JSON.parse(generatePatchDocument('{"a/b~c": 1}', 'replace')), [{ op: 'replace', path: '/a~1b~0c', value: 1 }]);
  assert.throws(() => generatePatchDocument({ a: 1 }, 'remove'), /must be 'add' or 'replace'/);
  assert.throws(() => generatePatchDocument([1]), /must be an object/);
  assert.equal(generatePatchDocument({}), '[]');
});
