import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Limiter } from './limiter.js';

test('never runs more than the limit at once, and runs everything', async () => {
  const limiter = new Limiter(3);
  let active = 0;
  let peak = 0;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 2));
        active--;
        return i;
      }),
    ),
  );
  assert.equal(peak, 3);
  assert.deepEqual(results, Array.from({ length: 20 }, (_, i) => i));
});

test('a failing task frees its slot', async () => {
  const limiter = new Limiter(1);
  await assert.rejects(limiter.run(() => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(await limiter.run(async () => 'next'), 'next');
});

test('urgent work jumps the queue', async () => {
  const limiter = new Limiter(1);
  const order: string[] = [];
  let release!: () => void;
  const first = limiter.run(() => new Promise<void>((r) => (release = r)));
  const queued = ['a', 'b'].map((n) => limiter.run(async () => void order.push(n)));
  const urgent = limiter.run(async () => void order.push('urgent'), true);
  release();
  await Promise.all([first, ...queued, urgent]);
  assert.deepEqual(order, ['urgent', 'a', 'b']);
});
