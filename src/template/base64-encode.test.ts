import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base64Encode } from './base64-encode.js';

test('base64_encode encodes UTF-8 text, and data as its JSON', () => {
  assert.equal(base64Encode('#!/bin/bash\necho hi'), 'IyEvYmluL2Jhc2gKZWNobyBoaQ==');
  assert.equal(Buffer.from(base64Encode('héllo'), 'base64').toString('utf8'), 'héllo');
  assert.equal(base64Encode({ a: 1 }), Buffer.from('{"a":1}').toString('base64'));
  assert.equal(base64Encode(42), 'NDI=');
});
