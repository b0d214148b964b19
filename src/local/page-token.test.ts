import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePageToken, encodePageToken } from './page-token.js';

test('a token round-trips within its scope and matches the model pattern', () => {
  const t = encodePageToken('list:us-east-1:AWS::EC2::VPC', 42);
  assert.match(t, /^[-A-Za-z0-9+/=]+$/);
  assert.equal(decodePageToken(t, 'list:us-east-1:AWS::EC2::VPC'), 42);
  assert.equal(decodePageToken(undefined, 'x'), undefined);
});

test('tokens from another list or garbage are InvalidRequestException', () => {
  const t = encodePageToken('a', 1);
  for (const [token, scope] of [
    [t, 'b'],
    ['not-a-token', 'a'],
    [Buffer.from('[1,2]').toString('base64'), 'a'],
  ]) {
    assert.throws(() => decodePageToken(token, scope), (e: Error & { type?: string }) => e.type === 'InvalidRequestException');
  }
});
