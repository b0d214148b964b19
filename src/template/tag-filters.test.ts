import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toAwsTagFilters } from './tag-filters.js';

test('to_aws_tag_filters: [{Key, Value}] → [{Key, Values: [Value]}], from data or JSON text, malformed items left out (as stackql-deploy v2)', () => {
  const tags = [{ Key: 'stackql:stack-name', Value: 'web' }, { Key: 'env', Value: 'dev' }, { Key: 'no-value' }];
  assert.deepEqual(JSON.parse(toAwsTagFilters(tags)), [
    { Key: 'stackql:stack-name', Values: ['web'] },
    { Key: 'env', Values: ['dev'] },
  ]);
  assert.equal(toAwsTagFilters(JSON.stringify(tags)), toAwsTagFilters(tags));
  assert.throws(() => toAwsTagFilters('not json'), /the tags must be a list/);
});
