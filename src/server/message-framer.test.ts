import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageFramer } from './message-framer.js';

const msg = (code: string, body: string) => {
  const b = Buffer.alloc(5 + body.length);
  b.write(code, 0, 'latin1');
  b.writeInt32BE(4 + body.length, 1);
  b.write(body, 5, 'latin1');
  return b;
};

test('several messages in one chunk, and one message over several chunks', () => {
  const f = new MessageFramer(1000);
  const batch = Buffer.concat([msg('P', 'parse'), msg('B', 'bind'), msg('S', '')]);
  assert.deepEqual(f.push(batch).map((m) => m.toString('latin1', 5)), ['parse', 'bind', '']);
  const long = msg('Q', 'SELECT 1');
  assert.deepEqual(f.push(long.subarray(0, 3)), []);
  assert.deepEqual(f.push(long.subarray(3, 9)), []);
  assert.deepEqual(f.push(Buffer.concat([long.subarray(9), msg('X', '')])).map((m) => m[0]), [0x51, 0x58]);
});

test('a bad or oversized length is a protocol violation', () => {
  assert.throws(() => new MessageFramer(1000).push(Buffer.from([0x51, 0, 0, 0, 2])), /invalid message length/);
  assert.throws(() => new MessageFramer(10).push(msg('Q', 'SELECT 1 FROM t')), /larger than the 10 allowed/);
});
