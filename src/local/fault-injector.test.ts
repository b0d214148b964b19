import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultInjector } from './fault-injector.js';

test('no faults by default', () => {
  const f = new FaultInjector();
  assert.equal(f.latency(), 0);
  for (let i = 0; i < 10_000; i++) f.admit();
  assert.equal(f.failure(), undefined);
});

test('latency is N ± J and never negative', () => {
  const seq = [0, 0.5, 0.999];
  let i = 0;
  const f = new FaultInjector({ latencyMs: 10, latencyJitterMs: 4, random: () => seq[i++ % seq.length] });
  assert.equal(f.latency(), 6);
  assert.equal(f.latency(), 10);
  assert.ok(Math.abs(f.latency() - 13.992) < 1e-9);
  assert.equal(new FaultInjector({ latencyMs: 1, latencyJitterMs: 5, random: () => 0 }).latency(), 0);
});

test('throttling admits one second of burst, then refills at the rate', () => {
  let now = 1_000_000;
  const f = new FaultInjector({ throttleRps: 5, now: () => now });
  for (let i = 0; i < 5; i++) f.admit();
  assert.throws(() => f.admit(), (e: Error & { type?: string; status?: number }) => e.type === 'ThrottlingException' && e.status === 429);
  now += 200; // one token back
  f.admit();
  assert.throws(() => f.admit());
  now += 10_000; // refills to the cap, not beyond
  for (let i = 0; i < 5; i++) f.admit();
  assert.throws(() => f.admit());
});

test('fail rate decides a share of operations and names a handler error code', () => {
  assert.equal(new FaultInjector({ failRate: 1 }).failure()?.code !== undefined, true);
  assert.equal(new FaultInjector({ failRate: 0.3, random: () => 0.5 }).failure(), undefined);
  const f = new FaultInjector({ failRate: 0.5 });
  let failed = 0;
  for (let i = 0; i < 4000; i++) if (f.failure()) failed++;
  assert.ok(failed > 1700 && failed < 2300, `about half failed: ${failed}`);
  const codes = new Set<string>();
  for (let i = 0; i < 200; i++) codes.add(new FaultInjector({ failRate: 1 }).failure()!.code);
  assert.ok([...codes].every((c) => ['ServiceInternalError', 'NetworkFailure', 'InternalFailure', 'Throttling'].includes(c)));
});
