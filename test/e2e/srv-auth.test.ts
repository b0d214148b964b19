// Who may connect to `skyql srv`: SCRAM-SHA-256 with a password (node-postgres and
// libpq's psql), a wrong password or user refused alike, cleartext passwords over TLS
// only, and no listening beyond loopback without a password.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { startPgServer } from '../../src/server/pg-server.js';
import { psql, startSrv, type SrvFixture } from './srv-harness.js';

// Non-ASCII, so both a SASLprep'd form (libpq) and the raw one (node-postgres) must work.
const PASSWORD = 'pässwörd with spaces';

async function refusal(f: SrvFixture, config: Parameters<SrvFixture['client']>[0]): Promise<{ code?: string; message: string }> {
  try {
    await f.client(config);
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('the connection was accepted');
}

describe('skyql srv with a password (SCRAM-SHA-256)', () => {
  let f: SrvFixture;
  before(async () => {
    f = await startSrv({ server: { password: PASSWORD, user: 'tester' } });
  });
  after(() => f.close());

  test('node-postgres with the password connects; a wrong password or user is refused the same way', async () => {
    const c = await f.client({ password: PASSWORD });
    assert.equal((await c.query('SELECT current_user')).rows[0].current_user, 'tester');
    const wrong = await refusal(f, { password: 'not it' });
    assert.equal(wrong.code, '28P01');
    assert.match(wrong.message, /password authentication failed for user "tester"/);
    const stranger = await refusal(f, { password: PASSWORD, user: 'someone' });
    assert.equal(stranger.code, '28P01', 'a wrong user name is not told apart from a wrong password');
  });

  test('psql (libpq) authenticates with SCRAM; a wrong password is refused', { skip: existsSync('/usr/bin/psql') ? false : '/usr/bin/psql is not installed' }, async () => {
    const ok = await psql(f, 'SELECT 1 AS one', { PGPASSWORD: PASSWORD });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^one\n1\n/);
    const bad = await psql(f, 'SELECT 1', { PGPASSWORD: 'nope' });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /password authentication failed for user "tester"/);
  });
});

describe('listening beyond loopback', () => {
  test('is refused without a password, with a one-line reason', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.1', 'example.com']) {
      await assert.rejects(startPgServer({ host, port: 0 }), (e: Error) => e instanceof UsageError && /^refusing to listen on .* without a password/.test(e.message) && !e.message.includes('\n'));
    }
  });

  test('cleartext password authentication is refused without TLS', async () => {
    await assert.rejects(startPgServer({ port: 0, password: 'x', authMethod: 'password' }), /needs TLS/);
  });
});

function selfSignedCertificate(): { cert: Buffer; key: Buffer } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-srv-tls-'));
  try {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    if (r.status !== 0) return undefined;
    return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSignedCertificate();

describe('skyql srv with TLS and a cleartext password', { skip: tls ? false : 'openssl cannot make a test certificate here' }, () => {
  let f: SrvFixture;
  before(async () => {
    f = await startSrv({ server: { password: PASSWORD, authMethod: 'password', tls } });
  });
  after(() => f.close());

  test('over TLS the password is accepted; without TLS it is never asked for', async () => {
    const c = await f.client({ password: PASSWORD, ssl: { rejectUnauthorized: false } });
    assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1);
    const plain = await refusal(f, { password: PASSWORD, ssl: false });
    assert.equal(plain.code, '28000');
    assert.match(plain.message, /cleartext passwords over TLS only/);
  });

  test('psql with sslmode=require', { skip: existsSync('/usr/bin/psql') ? false : '/usr/bin/psql is not installed' }, async () => {
    const r = await psql(f, 'SELECT 1 AS one', { PGPASSWORD: PASSWORD, PGSSLMODE: 'require' });
    assert.equal(r.code, 0, r.stderr);
  });

  test('a client that is not speaking TLS after asking for it does not take the server down', async () => {
    const { connect } = await import('node:net');
    const s = connect(f.server.port, f.server.host);
    const sslRequest = Buffer.alloc(8);
    sslRequest.writeInt32BE(8, 0);
    sslRequest.writeInt32BE(80877103, 4);
    s.write(sslRequest);
    await new Promise((r) => s.once('data', r)); // 'S'
    s.end(Buffer.from('this is not a TLS handshake\n'));
    await new Promise((r) => s.on('close', r));
    const c = await f.client({ password: PASSWORD, ssl: { rejectUnauthorized: false } });
    assert.equal((await c.query('SELECT 2 AS two')).rows[0].two, 2);
  });
});
