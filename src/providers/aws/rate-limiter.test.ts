import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveRateLimiter } from './rate-limiter.js';

test('unlimited until throttled, then just under what got through, then probing up', () => {
  let t = 0;
  const l = new AdaptiveRateLimiter(() => t);
  assert.equal(l.reserve(), 0);
  for (let i = 0; i < 50; i++) {
    t += 20; // 50 requests per second succeed
    l.onSuccess();
  }
  l.onThrottle();
  assert.ok(l.currentRate > 40 && l.currentRate < 50, `rate ${l.currentRate}`);
  const first = l.reserve();
  const second = l.reserve();
  assert.equal(first, 0);
  assert.ok(Math.abs(second - 1000 / l.currentRate) < 1e-9, 'slots are spaced by the rate');
  const before = l.currentRate;
  t += 600;
  l.onSuccess();
  assert.ok(l.currentRate > before, 'no throttle for a while: the rate probes upward');
});

test('a burst of throttles lowers the rate once; throttles that persist keep lowering it, not below 1/s', () => {
  let t = 0;
  const l = new AdaptiveRateLimiter(() => t);
  for (let i = 0; i < 30; i++) {
    t += 10;
    l.onSuccess();
  }
  l.onThrottle();
  const once = l.currentRate;
  for (let i = 0; i < 10; i++) {
    t += 1;
    l.onThrottle();
  }
  assert.equal(l.currentRate, once, 'the rest of the burst does not count again');
  for (let i = 0; i < 40; i++) {
    t += 600;
    l.onThrottle();
  }
  assert.equal(l.currentRate, 1);
});
