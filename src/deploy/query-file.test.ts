import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQueryFile } from './query-file.js';

const FILE = `/* a comment before the first anchor
   is not a query */

/*+ exists */
SELECT COUNT(*) as count FROM t
WHERE id = '{{ id }}'

/*+ statecheck, retries=5, retry_delay=5 */
SELECT 1;
/*+ preflight_not_an_alias */
SELECT 2
   /*+ delete, postdelete_retries=3, postdelete_retry_delay=2 */
DELETE FROM t WHERE id = '{{ id }}';`;

test('anchors split the file without semicolons; options parsed; lines kept as the file\'s', () => {
  const qf = parseQueryFile(FILE, 'resources/t.iql');
  assert.deepEqual([...qf.anchors.keys()], ['exists', 'statecheck', 'preflight_not_an_alias', 'delete']);
  const exists = qf.anchors.get('exists')!;
  assert.equal(exists.line, 4);
  assert.equal(exists.template.trim(), "SELECT COUNT(*) as count FROM t\nWHERE id = '{{ id }}'");
  assert.equal(exists.template.split('\n')[4], 'SELECT COUNT(*) as count FROM t', 'the query starts on its file line (5)');
  assert.deepEqual(qf.anchors.get('statecheck')!.options, { retries: 5, retry_delay: 5 });
  assert.deepEqual(qf.anchors.get('delete')!.options, { postdelete_retries: 3, postdelete_retry_delay: 2 });
  assert.deepEqual(qf.unknown, ['preflight_not_an_alias']);
});

test('preflight and postdeploy are the old names of exists and statecheck', () => {
  const qf = parseQueryFile('/*+ preflight */\nSELECT 1\n/*+ postdeploy, retries=2 */\nSELECT 2\n', 'f.iql');
  assert.deepEqual([...qf.anchors.keys()], ['exists', 'statecheck']);
  assert.equal(qf.anchors.get('statecheck')!.options.retries, 2);
});

test('bad anchors are refused naming file and line', () => {
  assert.throws(() => parseQueryFile('/*+ exists */\nSELECT 1\n/*+ exists */\nSELECT 2', 'f.iql'), { message: /^f\.iql line 3: anchor 'exists' appears twice \(first at line 1\); keep one$/ });
  assert.throws(() => parseQueryFile('\n/*+ statecheck, retries=five */\nSELECT 1', 'f.iql'), /f\.iql line 2: retries in anchor 'statecheck' takes a whole number, got 'five'/);
  assert.throws(() => parseQueryFile('/*+ create, nonsense */\nSELECT 1', 'f.iql'), /'nonsense' in anchor 'create' is not key=value/);
  assert.throws(() => parseQueryFile('/*+ statecheck, retries */\nSELECT 1', 'f.iql'), /f\.iql line 1: retries in anchor 'statecheck' needs a value: write retries=N/);
});

test('an anchor with no query under it is left out, so a missing-anchor error names it', () => {
  const qf = parseQueryFile('/*+ create */\n\n/*+ delete */\nDELETE FROM t', 'f.iql');
  assert.deepEqual([...qf.anchors.keys()], ['delete']);
});
