import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planBinding, PlanTokens } from './plan-tokens.js';

test('a token redeems once, for its binding, before it expires', () => {
  let now = 1_000;
  const tokens = new PlanTokens<string>(60_000, () => now);
  const binding = planBinding('run_delete', 'DELETE …', { id: 'a' });

  const t1 = tokens.issue(binding, 'plan 1');
  assert.equal(t1.expiresAt.getTime(), 61_000);
  assert.equal(tokens.redeem(t1.token, binding), 'plan 1');
  assert.throws(() => tokens.redeem(t1.token, binding), /already used/);

  const t2 = tokens.issue(binding, 'plan 2');
  assert.throws(() => tokens.redeem(t2.token, planBinding('run_delete', 'DELETE …', { id: 'b' })), /different statement or different vars/);
  assert.throws(() => tokens.redeem(t2.token, binding), /already used/, 'a wrong presentation spends the token');

  const t3 = tokens.issue(binding, 'plan 3');
  now += 60_000;
  assert.throws(() => tokens.redeem(t3.token, binding), /expired/);
});

test('a binding covers the tool, the exact text and the vars, whatever their key order', () => {
  const b = planBinding('run_update', 'UPDATE x', { a: 1, b: { c: [1, 2] } });
  assert.equal(planBinding('run_update', 'UPDATE x', { b: { c: [1, 2] }, a: 1 }), b);
  assert.notEqual(planBinding('run_delete', 'UPDATE x', { a: 1, b: { c: [1, 2] } }), b);
  assert.notEqual(planBinding('run_update', 'UPDATE x ', { a: 1, b: { c: [1, 2] } }), b);
  assert.notEqual(planBinding('run_update', 'UPDATE x', { a: '1', b: { c: [1, 2] } }), b);
  assert.equal(planBinding('run_update', 'UPDATE x', undefined), planBinding('run_update', 'UPDATE x', {}));
});
