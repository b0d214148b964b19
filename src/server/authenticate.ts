// One connection's authentication, after the startup message: none (loopback without a
// password), SCRAM-SHA-256, or a cleartext password over TLS only.
import { createHash, timingSafeEqual } from 'node:crypto';
import { SCRAM_MECHANISM, ScramExchange, type ScramVerifier } from './scram.js';
import { decodeUtf8 } from './wire-reader.js';
import { wire, type WireError } from './wire-writer.js';

export type AuthPolicy =
  | { method: 'trust' }
  | { method: 'scram-sha-256'; verifier: ScramVerifier }
  | { method: 'password'; password: string };

export type AuthStep = { send: Buffer[]; done: boolean } | { fatal: WireError };

function failed(user: string): AuthStep {
  return { fatal: { severity: 'FATAL', code: '28P01', message: `password authentication failed for user "${user}"` } };
}

function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(h(a), h(b));
}

export class Authenticator {
  private scram?: ScramExchange;
  private sawInitial = false;

  constructor(
    private readonly policy: AuthPolicy,
    /** The user the client named in its startup message. */
    private readonly user: string,
    /** --user: the only user name accepted; any when unset. */
    private readonly allowedUser: string | undefined,
    private readonly overTls: boolean,
  ) {}

  /** Whether the user name is right. With a password it is checked after the password, so a wrong name reveals nothing. */
  private userOk(): boolean {
    return this.allowedUser === undefined || this.allowedUser === this.user;
  }

  start(): AuthStep {
    switch (this.policy.method) {
      case 'trust':
        if (!this.userOk()) {
          return { fatal: { severity: 'FATAL', code: '28000', message: `role "${this.user}" does not exist`, hint: `This server serves user "${this.allowedUser}".` } };
        }
        return { send: [], done: true };
      case 'scram-sha-256':
        this.scram = new ScramExchange(this.policy.verifier);
        return { send: [wire.authenticationSasl([SCRAM_MECHANISM])], done: false };
      case 'password':
        if (!this.overTls) {
          return {
            fatal: {
              severity: 'FATAL',
              code: '28000',
              message: 'this server takes cleartext passwords over TLS only',
              hint: 'Connect with sslmode=require.',
            },
          };
        }
        return { send: [wire.authenticationCleartextPassword()], done: false };
    }
  }

  /** A 'p' message from the client. */
  step(body: Buffer): AuthStep {
    try {
      if (this.policy.method === 'password') {
        const end = body.indexOf(0);
        const given = decodeUtf8(body.subarray(0, end < 0 ? body.length : end));
        return sameSecret(given, this.policy.password) && this.userOk() ? { send: [], done: true } : failed(this.user);
      }
      if (!this.scram) return failed(this.user);
      const exchange = this.scram;
      // The first 'p' is SASLInitialResponse (mechanism, length, client-first), the next SASLResponse (client-final).
      if (!this.sawInitial) {
        this.sawInitial = true;
        const nul = body.indexOf(0);
        if (nul < 0 || body.subarray(0, nul).toString('utf8') !== SCRAM_MECHANISM || body.length < nul + 5) {
          return { fatal: { severity: 'FATAL', code: '08P01', message: `the only SASL mechanism offered is ${SCRAM_MECHANISM}` } };
        }
        const len = body.readInt32BE(nul + 1);
        const step = exchange.first(decodeUtf8(body.subarray(nul + 5, nul + 5 + Math.max(0, len))));
        if ('fail' in step) return { fatal: { severity: 'FATAL', code: '08P01', message: step.fail } };
        return { send: [wire.authenticationSaslContinue(step.reply)], done: false };
      }
      const step = exchange.final(decodeUtf8(body));
      if ('fail' in step || !this.userOk()) return failed(this.user);
      return { send: [wire.authenticationSaslFinal(step.reply)], done: true };
    } catch {
      return failed(this.user);
    }
  }
}
