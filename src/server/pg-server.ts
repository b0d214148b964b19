// `startPgServer`: the Postgres wire-protocol server over the Engine. `skyql srv` and the
// tests start it the same way.
import { randomInt } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { createSecureContext } from 'node:tls';
import { UsageError } from '../errors.js';
import type { EngineOptions } from '../exec/engine.js';
import { DEFAULT_CONCURRENCY } from '../exec/engine.js';
import type { AuthPolicy } from './authenticate.js';
import { acceptConnection } from './connection.js';
import { checkListenPolicy, serverUrl, type AuthMethod } from './listen-policy.js';
import { ScramVerifier } from './scram.js';
import type { Session } from './session.js';

export const SERVER_VERSION = '16.0 (skyql 0.1.0)';

export interface PgServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. Default 5444. */
  port?: number;
  /** The only user name accepted; any when unset. */
  user?: string;
  password?: string;
  /** How a password is checked: SCRAM-SHA-256 (default), or cleartext over TLS. */
  authMethod?: AuthMethod;
  tls?: { cert: Buffer; key: Buffer };
  /** Cancels a statement's calls after this long; 0 or unset: never. Sessions may lower it. */
  statementTimeoutMs?: number;
  /** The server's engine options: endpoint, profile, and the defaults and limits of sessions. */
  engine?: EngineOptions;
  /** Template variables every session starts with (--var, --iqldata). */
  vars?: Record<string, unknown>;
  /** Notes for the operator (internal errors); default stderr. */
  log?: (line: string) => void;
}

export interface PgServerHandle {
  host: string;
  port: number;
  /** postgresql://host:port */
  url: string;
  /** Sessions connected now. */
  sessions(): number;
  close(): Promise<void>;
}

export async function startPgServer(opts: PgServerOptions = {}): Promise<PgServerHandle> {
  const host = opts.host ?? '127.0.0.1';
  const authMethod = opts.authMethod ?? 'scram-sha-256';
  checkListenPolicy({ host, password: opts.password, authMethod, tls: Boolean(opts.tls) });
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let secureContext;
  if (opts.tls) {
    try {
      secureContext = createSecureContext({ cert: opts.tls.cert, key: opts.tls.key });
    } catch (e) {
      throw new UsageError(`the TLS certificate and key cannot be used: ${(e as Error).message}`);
    }
  }
  const auth: AuthPolicy = !opts.password
    ? { method: 'trust' }
    : authMethod === 'password'
      ? { method: 'password', password: opts.password }
      : { method: 'scram-sha-256', verifier: new ScramVerifier(opts.password) };
  const engineOptions = opts.engine ?? {};
  // Loaded now, not by the first statement: a statement timeout or a disconnect during
  // that load would otherwise land before the engine listens for it.
  await import('../providers/aws/cloud-control.js');
  const sessions = new Map<number, Session>();
  const connections = new Set<{ shutdown(): void }>();
  const sockets = new Set<Socket>();
  let nextPid = randomInt(1000, 30000);

  const hostCtx = {
    session: {
      engineOptions,
      defaults: {
        serverVersion: SERVER_VERSION,
        await: engineOptions.await ?? false,
        dryRun: engineOptions.dryRun ?? false,
        allowUnbounded: engineOptions.allowUnbounded ?? false,
        concurrency: engineOptions.concurrency ?? DEFAULT_CONCURRENCY,
        statementTimeoutMs: opts.statementTimeoutMs ?? 0,
        vars: opts.vars ?? {},
      },
      logInternal(e: unknown) {
        const err = e instanceof Error ? e : new Error(String(e));
        log(`skyql srv: internal error (a bug in skyql, please report it): ${err.message}`);
        if (process.env.SKYQL_DEBUG) log(String(err.stack));
      },
    },
    auth,
    user: opts.user,
    secureContext,
    register: (s: Session) => sessions.set(s.id.pid, s),
    forget: (s: Session) => {
      if (sessions.get(s.id.pid) === s) sessions.delete(s.id.pid);
    },
    newIdentity: () => ({ pid: nextPid++, secret: randomInt(0, 2 ** 31 - 1) }),
    cancel(pid: number, secret: number) {
      const s = sessions.get(pid);
      if (s && s.id.secret === secret) s.cancel('cancel_request');
    },
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    const c = acceptConnection(socket, hostCtx);
    connections.add(c);
    socket.on('close', () => {
      sockets.delete(socket);
      connections.delete(c);
    });
  });

  const port = opts.port ?? 5444;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`cannot listen on ${host}:${port}: the port is in use. Use --port to pick another, or --port 0 for any free one.`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${host}: no such local address.`);
    if (code === 'EACCES') throw new UsageError(`cannot listen on ${host}:${port}: permission denied (ports below 1024 need privileges).`);
    throw e;
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;

  let closing: Promise<void> | undefined;
  return {
    host,
    port: actualPort,
    url: serverUrl(host, actualPort),
    sessions: () => sessions.size,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of connections) c.shutdown();
        // A client that does not close its end after the FATAL message is cut off.
        const force = setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 2000);
        force.unref();
      });
      return closing;
    },
  };
}
