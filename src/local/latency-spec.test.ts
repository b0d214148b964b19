import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLatencySpec } from './latency-spec.js';

test('latency specs: N, N±J and ASCII spellings', () => {
  assert.deepEqual(parseLatencySpec('20'), { latencyMs: 20, latencyJitterMs: 0 });
  assert.deepEqual(parseLatencySpec('20±5'), { latencyMs: 20, latencyJitterMs: 5 });
  assert.deepEqual(parseLatencySpec('20+-5'), { latencyMs: 20, latencyJitterMs: 5 });
  assert.deepEqual(parseLatencySpec('2.5:1'), { latencyMs: 2.5, latencyJitterMs: 1 });
  assert.throws(() => parseLatencySpec('fast'), /N or N±J/);
  assert.throws(() => parseLatencySpec('-3'), /N or N±J/);
});
