import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, editDistance } from './closest.js';

test('editDistance counts single-character edits', () => {
  assert.equal(editDistance('integraton', 'integrations'), 2);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});

test('closest picks the nearest plausible name and nothing for noise', () => {
  assert.equal(closest('integraton', ['apis', 'integrations', 'integration_responses']), 'integrations');
  assert.equal(closest('timeout_in_milis', ['timeout_in_millis', 'api_id']), 'timeout_in_millis');
  assert.equal(closest('apigatwayv2', ['apigateway', 'apigatewayv2', 's3']), 'apigatewayv2');
  assert.equal(closest('zzzzzzzz', ['apis', 'integrations']), undefined);
});
