// Who may connect decides how they must prove it: without a password the server listens
// on loopback only (anyone who reaches the port runs statements with its AWS
// credentials), and a cleartext password needs TLS.
import { isIP } from 'node:net';
import { UsageError } from '../errors.js';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || /^(0:){7}1$/.test(h);
  return false;
}

export type AuthMethod = 'scram-sha-256' | 'password';

export function checkListenPolicy(opts: { host: string; password?: string; authMethod: AuthMethod; tls: boolean }): void {
  if (!opts.password && !isLoopback(opts.host)) {
    throw new UsageError(
      `refusing to listen on ${opts.host} without a password: anyone who reaches the port could run statements with this server's AWS credentials. ` +
        'Set --password (or SKYQL_SRV_PASSWORD), or listen on 127.0.0.1.',
    );
  }
  if (opts.authMethod === 'password' && !opts.tls) {
    throw new UsageError('--auth-method password sends the password in cleartext: it needs TLS (--tls-cert and --tls-key), or use scram-sha-256.');
  }
  if (opts.authMethod === 'password' && !opts.password) {
    throw new UsageError('--auth-method password needs a password (--password or SKYQL_SRV_PASSWORD).');
  }
}

/** `postgresql://host:port`, with an IPv6 address in brackets. */
export function serverUrl(host: string, port: number): string {
  return `postgresql://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
