// SCRAM-SHA-256 (RFC 5802, RFC 7677) as Postgres speaks it: the server keeps only a
// salted verifier, the password never crosses the wire, and the client checks the
// server's signature too. pg-gateway 0.2.4 has no SASL support, so the exchange is here.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
const ITERATIONS = 4096; // Postgres' default scram_iterations

interface Keys {
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

/** What the server stores for one password: salt, iteration count and the two keys. */
export class ScramVerifier {
  readonly salt = randomBytes(16);
  readonly iterations = ITERATIONS;
  /**
   * libpq normalises the password with SASLprep, node-postgres sends it as typed; for a
   * non-ASCII password the two differ, so a proof from either form is accepted.
   */
  readonly candidates: Keys[];

  constructor(password: string) {
    const forms = [...new Set([password, password.normalize('NFKC')])];
    this.candidates = forms.map((p) => {
      const salted = pbkdf2Sync(Buffer.from(p, 'utf8'), this.salt, this.iterations, 32, 'sha256');
      return { storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
    });
  }
}

export type ScramStep = { reply: string } | { fail: string };

/** One client's exchange: client-first → server-first, client-final → server-final. */
export class ScramExchange {
  private clientFirstBare?: string;
  private serverFirst?: string;
  private gs2Header?: string;
  private nonce?: string;

  constructor(private readonly verifier: ScramVerifier) {}

  first(clientFirst: string): ScramStep {
    // gs2-header: "n,," (no channel binding) or "y,," (client could, server offers none).
    const m = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(clientFirst);
    if (!m) {
      return { fail: clientFirst.startsWith('p=') ? 'channel binding is not supported: connect with channel_binding=disable' : 'malformed SCRAM client-first-message' };
    }
    if (m[2]) return { fail: 'SCRAM authorization identities are not supported' };
    const bare = m[3];
    // The user name comes from the startup message, as in Postgres; n= is ignored.
    const attrs = /^n=[^,]*,r=([\x21-\x2b\x2d-\x7e]+)(,.*)?$/s.exec(bare);
    if (!attrs) return { fail: 'malformed SCRAM client-first-message' };
    this.gs2Header = `${m[1]},${m[2] ?? ''},`;
    this.clientFirstBare = bare;
    this.nonce = attrs[1] + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return { reply: this.serverFirst };
  }

  final(clientFinal: string): ScramStep {
    if (!this.serverFirst || !this.gs2Header || !this.clientFirstBare) return { fail: 'SCRAM client-final-message before client-first-message' };
    const m = /^(c=([^,]*),r=([^,]*)(?:,[^,]*)*?),p=([A-Za-z0-9+/=]+)$/s.exec(clientFinal);
    if (!m) return { fail: 'malformed SCRAM client-final-message' };
    const [, withoutProof, binding, nonce, proofText] = m;
    if (binding !== Buffer.from(this.gs2Header, 'utf8').toString('base64')) return { fail: 'SCRAM channel binding check failed' };
    if (nonce !== this.nonce) return { fail: 'SCRAM nonce mismatch' };
    const proof = Buffer.from(proofText, 'base64');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    for (const keys of this.verifier.candidates) {
      const signature = hmac(keys.storedKey, authMessage);
      if (proof.length !== signature.length) break;
      const clientKey = Buffer.alloc(proof.length);
      for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ signature[i];
      if (timingSafeEqual(sha256(clientKey), keys.storedKey)) {
        return { reply: `v=${hmac(keys.serverKey, authMessage).toString('base64')}` };
      }
    }
    return { fail: 'password does not match' };
  }
}
