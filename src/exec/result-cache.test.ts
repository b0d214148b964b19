import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResultCache } from './result-cache.js';

test('an answer is served from the cache until its TTL passes (injected clock)', async () => {
  let now = 1_000;
  const cache = new ResultCache(5_000, () => now);
  let loads = 0;
  const load = () => Promise.resolve(++loads);
  assert.equal(await cache.through('us-east-1|AWS::S3::Bucket|get|b', load), 1);
  now += 4_999;
  assert.equal(await cache.through('us-east-1|AWS::S3::Bucket|get|b', load), 1);
  assert.equal(cache.hits, 1);
  now += 1;
  assert.equal(await cache.through('us-east-1|AWS::S3::Bucket|get|b', load), 2);
});

test('a failed load is not kept', async () => {
  const cache = new ResultCache(60_000);
  await assert.rejects(cache.through('k|AWS::S3::Bucket|get|x', () => Promise.reject(new Error('boom'))));
  assert.equal(await cache.through('k|AWS::S3::Bucket|get|x', () => Promise.resolve('ok')), 'ok');
});

test('a write to a service drops that service’s entries only', async () => {
  const cache = new ResultCache(60_000);
  await cache.through('us-east-1|AWS::ApiGatewayV2::Api|list|null|', () => Promise.resolve(1));
  await cache.through('us-east-1|AWS::ApiGatewayV2::Integration|get|a|b', () => Promise.resolve(2));
  await cache.through('us-east-1|AWS::S3::Bucket|get|b', () => Promise.resolve(3));
  cache.invalidate('AWS::ApiGatewayV2');
  assert.equal(cache.size, 1);
  cache.clear();
  assert.equal(cache.size, 0);
});
