// One TCP connection, from the first byte to the Session. pg-gateway runs the startup
// phase: SSLRequest (with the TLS upgrade below, whose handshake errors must not end the
// process) and the startup message. Then the connection detaches from it and frames
// messages itself (message-framer.ts): SCRAM-SHA-256 or a password (authenticate.ts),
// then every message goes to the session at once, so the socket keeps being read while
// a statement runs and a client that goes away is noticed. GSSENCRequest and
// CancelRequest, which pg-gateway 0.2.4 does not know, are answered before startup.
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { PostgresConnection, type State } from 'pg-gateway';
import { Authenticator, type AuthPolicy } from './authenticate.js';
import { MessageFramer } from './message-framer.js';
import { Session, type Outbox, type SessionContext } from './session.js';
import { toWireError } from './sqlstate.js';
import { ProtocolViolation } from './wire-reader.js';
import { wire, type WireError } from './wire-writer.js';

const CANCEL_REQUEST = 80877102;
const GSSENC_REQUEST = 80877104;
/** As Postgres' authentication_timeout. */
const AUTH_TIMEOUT_MS = 60_000;
/** Bytes of messages a client may have sent ahead of the server; beyond, it is cut off. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
/** Postgres' own limit on a message is 1 GB; a query that large is a mistake here. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface ConnectionHost {
  session: SessionContext;
  auth: AuthPolicy;
  /** --user: the only user name accepted. */
  user?: string;
  secureContext?: SecureContext;
  /** A new session's pid and secret key (for CancelRequest), registered until `forget`. */
  register(session: Session): void;
  forget(session: Session): void;
  newIdentity(): { pid: number; secret: number };
  cancel(pid: number, secret: number): void;
}

class SocketOutbox implements Outbox {
  private chunks: Buffer[] = [];
  pending = 0;

  constructor(private readonly socket: () => Socket) {}

  push(message: Buffer): void {
    this.chunks.push(message);
    this.pending += message.length;
  }

  async flush(): Promise<void> {
    if (!this.chunks.length) return;
    const s = this.socket();
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [];
    this.pending = 0;
    if (s.destroyed || !s.writable) return;
    if (!s.write(data)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          s.off('drain', done);
          s.off('close', done);
          resolve();
        };
        s.on('drain', done);
        s.on('close', done);
      });
    }
  }

  end(): void {
    const s = this.socket();
    void this.flush().then(() => s.end());
  }
}

export function acceptConnection(raw: Socket, host: ConnectionHost): { shutdown(): void } {
  raw.setNoDelay(true);
  let session: Session | undefined;
  let auth: Authenticator | undefined;
  let authenticated = false;
  /** A FATAL error was sent: nothing more is read. */
  let ending = false;
  let closed = false;

  const authTimer = setTimeout(() => raw.destroy(), AUTH_TIMEOUT_MS);
  authTimer.unref();
  const onClose = () => {
    if (closed) return;
    closed = true;
    clearTimeout(authTimer);
    if (session) {
      session.close();
      host.forget(session);
    }
  };
  // Errors (a reset, a failed handshake) end in 'close'; unhandled they would end the process.
  raw.on('error', () => raw.destroy());
  raw.on('close', onClose);

  // pg-gateway sets hasStarted after any pre-startup message its hook answered; after
  // GSSENCRequest the startup message is still to come, so that one write is ignored.
  let started = false;
  let stillUnstarted = false;

  const conn: PostgresConnection = new PostgresConnection(raw, {
    authMode: 'none',
    // Only so that pg-gateway answers SSLRequest with 'S'; upgradeToTls below does the rest.
    tls: host.secureContext ? { key: Buffer.alloc(0), cert: Buffer.alloc(0) } : undefined,
    onStartup: (state) => startup(state),
    onMessage: (data, state) => {
      try {
        return message(data, state);
      } catch (e) {
        host.session.logInternal(e);
        raw.destroy();
        return true;
      }
    },
  });
  Object.defineProperty(conn, 'hasStarted', {
    get: () => started,
    set: (v: boolean) => {
      started = stillUnstarted ? false : v;
      stillUnstarted = false;
    },
  });
  conn.upgradeToTls = async () => upgradeToTls();

  const current = (): Socket => conn.socket;
  const outbox = new SocketOutbox(current);
  const fatal = (err: WireError) => {
    if (ending || closed) return;
    ending = true;
    outbox.push(wire.error({ ...err, severity: 'FATAL' }));
    outbox.end();
    session?.close();
  };

  async function upgradeToTls(): Promise<void> {
    const plain = conn.socket;
    plain.pause();
    conn.removeSocketHandlers(plain);
    const secure = new TLSSocket(plain, { isServer: true, secureContext: host.secureContext });
    secure.on('error', () => secure.destroy());
    secure.on('close', () => {
      plain.destroy();
      onClose();
    });
    secure.pause();
    const ok = await new Promise<boolean>((resolve) => {
      secure.once('secure', () => resolve(true));
      secure.once('close', () => resolve(false));
    });
    if (!ok) return;
    conn.secureSocket = secure;
    conn.socket = secure;
    conn.createSocketHandlers(secure);
    secure.resume();
    plain.resume();
  }

  function message(data: Uint8Array, state: State): boolean {
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (!state.hasStarted) {
      const code = buf.length >= 8 ? buf.readInt32BE(4) : 0;
      if (buf.length === 16 && code === CANCEL_REQUEST) {
        host.cancel(buf.readInt32BE(8), buf.readInt32BE(12));
        raw.destroy();
        return true;
      }
      if (buf.length === 8 && code === GSSENC_REQUEST) {
        stillUnstarted = true;
        conn.socket.write(wire.refuseEncryption());
        return true;
      }
      return false; // SSLRequest and the startup message: pg-gateway's
    }
    return true; // after startup the connection is detached: nothing more reaches here
  }

  const framer = new MessageFramer(MAX_MESSAGE_BYTES);
  function data(chunk: Buffer): void {
    let messages: Buffer[];
    try {
      messages = framer.push(chunk);
    } catch (e) {
      fatal({ severity: 'FATAL', code: '08P01', message: e instanceof ProtocolViolation ? e.message : String(e) });
      return;
    }
    for (const m of messages) {
      if (ending || closed) return;
      if (!authenticated) {
        if (!auth || m[0] !== 0x70 /* p */) {
          fatal({ severity: 'FATAL', code: '08P01', message: 'expected a password response' });
          return;
        }
        applyAuthStep(auth.step(m.subarray(5)));
        continue;
      }
      if (!session) return;
      if (session.queuedBytes > MAX_QUEUED_BYTES) {
        fatal({ severity: 'FATAL', code: '54000', message: 'too many messages sent ahead: wait for results before sending more' });
        return;
      }
      session.enqueue(m);
    }
  }

  function startup(state: State): boolean {
    const params = state.clientInfo!.parameters;
    if (params.replication && params.replication !== 'false') {
      fatal({ severity: 'FATAL', code: '08P01', message: 'skyql srv does not serve replication connections' });
      return true;
    }
    auth = new Authenticator(host.auth, params.user, host.user, Boolean(conn.secureSocket));
    // From here the connection reads its own messages (see message-framer.ts).
    conn.detach().on('data', data);
    applyAuthStep(auth.start());
    return true;
  }

  function applyAuthStep(step: ReturnType<Authenticator['start']>): void {
    if ('fatal' in step) {
      fatal(step.fatal);
      return;
    }
    for (const m of step.send) outbox.push(m);
    if (!step.done) {
      void outbox.flush();
      return;
    }
    authenticated = true;
    clearTimeout(authTimer);
    const params = conn.clientInfo!.parameters;
    const s = new Session(host.session, { user: params.user, database: params.database ?? params.user, ...host.newIdentity() }, outbox);
    try {
      s.applyStartupParameters(params);
    } catch (e) {
      fatal(toWireError(e));
      return;
    }
    session = s;
    host.register(s);
    outbox.push(wire.authenticationOk());
    s.greet();
  }

  return {
    shutdown() {
      if (session) session.shutdown();
      else raw.destroy();
    },
  };
}
