import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvFile, parseEnvPairs } from './env-file.js';

test('dotenv lines: comments, export, quotes, escapes in double quotes, inline comments', () => {
  const env = parseEnvFile('# c\nexport A=1\nB="x y\\n#z"\nC=\'a"b\'\nD=plain # note\n\nE=\n__proto__=p', '.env');
  assert.deepEqual({ ...env }, { A: '1', B: 'x y\n#z', C: 'a"b', D: 'plain', E: '', ['__proto__']: 'p' });
  assert.equal(Object.getPrototypeOf(env), Object.prototype);
  assert.throws(() => parseEnvFile('A=1\nnot a pair', '.env'), { message: /^\.env line 2: expected KEY=VALUE, got 'not a pair'$/ });
});

test('-e pairs: the value is everything after the first =', () => {
  assert.deepEqual(parseEnvPairs(['AWS_REGION=us-east-1', 'X=a=b']), { AWS_REGION: 'us-east-1', X: 'a=b' });
  assert.throws(() => parseEnvPairs(['AWS_REGION']), /-e 'AWS_REGION': write -e KEY=VALUE/);
});
