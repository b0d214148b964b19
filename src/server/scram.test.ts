import assert from 'node:assert/strict';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ScramExchange, ScramVerifier } from './scram.js';

/** The client's side of SCRAM-SHA-256 (RFC 5802), as libpq and node-postgres compute it. */
function client(password: string) {
  const nonce = randomBytes(18).toString('base64');
  const first = `n,,n=*,r=${nonce}`;
  return {
    first,
    final(serverFirst: string): { message: string; serverSignature: string } {
      const attrs = Object.fromEntries(serverFirst.split(',').map((kv) => [kv[0], kv.slice(2)]));
      assert.ok(attrs.r.startsWith(nonce));
      const salted = pbkdf2Sync(password, Buffer.from(attrs.s, 'base64'), Number(attrs.i), 32, 'sha256');
      const clientKey = createHmac('sha256', salted).update('Client Key').digest();
      const storedKey = createHash('sha256').update(clientKey).digest();
      const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${attrs.r}`;
      const authMessage = `n=*,r=${nonce},${serverFirst},${withoutProof}`;
      const signature = createHmac('sha256', storedKey).update(authMessage).digest();
      const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]));
      const serverKey = createHmac('sha256', salted).update('Server Key').digest();
      return { message: `${withoutProof},p=${proof.toString('base64')}`, serverSignature: createHmac('sha256', serverKey).update(authMessage).digest('base64') };
    },
  };
}

function exchange(verifier: ScramVerifier, password: string) {
  const c = client(password);
  const x = new ScramExchange(verifier);
  const first = x.first(c.first);
  assert.ok('reply' in first);
  const final = c.final(first.reply);
  return { step: x.final(final.message), expected: `v=${final.serverSignature}` };
}

test('the right password is accepted and the server proves it knows the verifier', () => {
  const v = new ScramVerifier('s3cret');
  const { step, expected } = exchange(v, 's3cret');
  assert.deepEqual(step, { reply: expected });
});

test('a wrong password, a changed nonce or channel binding are refused', () => {
  const v = new ScramVerifier('s3cret');
  assert.deepEqual(exchange(v, 'S3cret').step, { fail: 'password does not match' });
  const x = new ScramExchange(v);
  const first = x.first('n,,n=,r=abc');
  assert.ok('reply' in first);
  assert.deepEqual(x.final(`c=biws,r=abcTAMPERED,p=${Buffer.alloc(32).toString('base64')}`), { fail: 'SCRAM nonce mismatch' });
  assert.match(JSON.stringify(new ScramExchange(v).first('p=tls-server-end-point,,n=,r=abc')), /channel binding is not supported/);
});

test('a non-ASCII password matches as typed and as SASLprep (NFKC) normalises it', () => {
  const typed = 'ﬁle-pässwörd'; // U+FB01 normalises to "fi"
  const v = new ScramVerifier(typed);
  assert.ok('reply' in exchange(v, typed).step);
  assert.ok('reply' in exchange(v, typed.normalize('NFKC')).step);
});
