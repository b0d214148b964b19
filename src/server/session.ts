// One client connection after authentication: its settings and template variables, its
// engines, and the simple query protocol (the extended one is extended-protocol.ts). Messages are handled one at a time, in order, as Postgres does; while a
// statement runs, its calls can be cancelled by a statement timeout, a CancelRequest or
// the client going away.
import { setMaxListeners } from 'node:events';
import type { Engine, EngineOptions, StatementOutcome } from '../exec/engine.js';
import { splitStatements } from '../sql/split-statements.js';
import { hasTemplateSyntax, renderSql } from '../template/index.js';
import { StatementCancelled, type CancelCause } from './cancellation.js';
import { catalogueTableRef } from './catalogue-queries.js';
import { EnginePool } from './engine-pool.js';
import { runLocal } from './local-answers.js';
import { parseLocalStatement, type LocalStatement } from './local-statements.js';
import { ExtendedProtocol } from './extended-protocol.js';
import { splitPieces, substituteParameters } from './query-text.js';
import { startupOptions } from './startup-options.js';
import { Settings, type ServerDefaults } from './settings.js';
import { SqlStateError, toWireError, type ErrorContext } from './sqlstate.js';
import { dataRows, fromResultSet, rowDescription, type WireResult } from './statement-results.js';
import { readFrontendMessage, ProtocolViolation, type FrontendMessage } from './wire-reader.js';
import { wire, type WireError } from './wire-writer.js';

/** Where a session's replies go. */
export interface Outbox {
  push(message: Buffer): void;
  /** Pending bytes not yet written. */
  readonly pending: number;
  /** Writes what is pending; waits while the socket is backed up. */
  flush(): Promise<void>;
  /** Ends the connection after what is pending. */
  end(): void;
}

export interface SessionContext {
  /** The server's engine options (endpoint, profile); each session varies the rest. */
  engineOptions: EngineOptions;
  defaults: ServerDefaults;
  logInternal(e: unknown): void;
}

export interface SessionIdentity {
  user: string;
  database: string;
  pid: number;
  secret: number;
}

/** An error already turned into its ErrorResponse (the run knew why it failed). */
class Reported extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
  }
}

const FLUSH_BYTES = 64 * 1024;

export class Session {
  private settings: Settings;
  private readonly queue: Buffer[] = [];
  /** Bytes received and not yet handled. */
  queuedBytes = 0;
  private draining = false;
  private closed = false;
  private running?: AbortController;
  /** After an error in the extended protocol, messages up to Sync are skipped. */
  private skipping = false;
  private readonly extended: ExtendedProtocol;
  private lastReported = new Map<string, string>();
  private readonly engines: EnginePool;

  constructor(
    private readonly ctx: SessionContext,
    readonly id: SessionIdentity,
    private readonly out: Outbox,
  ) {
    this.settings = new Settings(ctx.defaults, id.user);
    this.engines = new EnginePool(ctx.engineOptions);
    this.extended = new ExtendedProtocol({
      out,
      classify: (text) => this.classify(text),
      runLocal: (stmt) => {
        const working = this.settings.clone();
        const result = runLocal(stmt, this.localContext(working));
        this.settings = working;
        return result;
      },
      previewLocal: (stmt) => runLocal(stmt, this.localContext(this.settings.clone())),
      runEngineStatement: (sql, literals) => this.runEngineStatement(sql, literals),
    });
  }

  /** Startup parameters (application_name, client_encoding, options=-c name=value, …); throws SqlStateError. */
  applyStartupParameters(params: Record<string, string>): void {
    for (const [name, value] of Object.entries(params)) {
      if (['user', 'database', 'replication', 'options'].includes(name) || name.startsWith('_pq_.')) continue;
      if (name === 'client_encoding' && !/^(utf-?8|unicode|sql_ascii)$/i.test(value)) continue; // psql may send its locale's; answer UTF8
      this.settings.set(name, value);
    }
    for (const [name, value] of startupOptions(params.options ?? '')) this.settings.set(name, value);
  }

  /** ParameterStatus for every reported parameter, BackendKeyData and the first ReadyForQuery. */
  greet(): void {
    this.reportParameters();
    this.out.push(wire.backendKeyData(this.id.pid, this.id.secret));
    this.out.push(wire.readyForQuery());
    void this.out.flush();
  }

  enqueue(message: Buffer): void {
    if (this.closed) return;
    this.queue.push(message);
    this.queuedBytes += message.length;
    if (!this.draining) void this.drain();
  }

  /** Aborts the running statement's calls. */
  cancel(why: CancelCause): void {
    this.running?.abort(new StatementCancelled(why));
  }

  /** The client went away: what runs is cancelled, nothing more is read or sent. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.cancel('disconnected');
    this.closeEngines();
  }

  /** Once no statement runs: a running one still needs its engine to end (runEngine closes them then). */
  private closeEngines(): void {
    if (!this.running) this.engines.close();
  }

  /** Server shutdown: the running statement is cancelled and the client told why. */
  shutdown(): void {
    if (this.closed) return;
    this.cancel('shutdown');
    this.out.push(wire.error(toWireError(new StatementCancelled('shutdown'))));
    this.closed = true;
    this.queue.length = 0;
    this.out.end();
    this.closeEngines();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length && !this.closed) {
        const raw = this.queue.shift()!;
        this.queuedBytes -= raw.length;
        let msg: FrontendMessage;
        try {
          msg = readFrontendMessage(raw);
        } catch (e) {
          this.fatal(e instanceof ProtocolViolation ? { severity: 'FATAL', code: '08P01', message: e.message } : toWireError(e, this.errorContext()));
          return;
        }
        await this.handle(msg);
        if (!this.queue.length || this.out.pending > FLUSH_BYTES) await this.out.flush();
      }
    } catch (e) {
      this.fatal(toWireError(e, this.errorContext()));
    } finally {
      this.draining = false;
    }
  }

  private fatal(err: WireError): void {
    if (this.closed) return;
    this.out.push(wire.error({ ...err, severity: 'FATAL' }));
    this.closed = true;
    this.out.end();
  }

  private errorContext(extra: Partial<ErrorContext> = {}): ErrorContext {
    return { logInternal: (e) => this.ctx.logInternal(e), ...extra };
  }

  private wireError(e: unknown): WireError {
    return e instanceof Reported ? e.wire : toWireError(e, this.errorContext());
  }

  private async handle(msg: FrontendMessage): Promise<void> {
    if (this.skipping && msg.type !== 'sync' && msg.type !== 'terminate') return;
    switch (msg.type) {
      case 'query':
        try {
          await this.simpleQuery(msg.sql);
        } catch (e) {
          this.out.push(wire.error(this.wireError(e)));
        }
        this.extended.endPortals();
        this.readyForQuery();
        return;
      case 'sync':
        this.skipping = false;
        this.extended.endPortals();
        this.readyForQuery();
        await this.out.flush();
        return;
      case 'flush':
        await this.out.flush();
        return;
      case 'terminate':
        this.closed = true;
        this.out.end();
        return;
      case 'password':
        this.fatal({ severity: 'FATAL', code: '08P01', message: 'unexpected password message after authentication' });
        return;
      case 'unsupported':
        if (msg.code === 'F') return this.extendedError(new SqlStateError('0A000', 'the function call protocol is not supported'));
        if (['d', 'c', 'f'].includes(msg.code)) return this.extendedError(new SqlStateError('0A000', 'COPY is not supported'));
        this.fatal({ severity: 'FATAL', code: '08P01', message: `invalid frontend message type ${msg.code.charCodeAt(0)}` });
        return;
      default:
        try {
          await this.extended.handle(msg);
        } catch (e) {
          this.extendedError(e);
        }
    }
  }

  private extendedError(e: unknown): void {
    this.out.push(wire.error(this.wireError(e)));
    this.skipping = true;
  }

  private readyForQuery(): void {
    this.reportParameters();
    this.out.push(wire.readyForQuery());
  }

  /** ParameterStatus for each reported parameter whose value changed since last said. */
  private reportParameters(): void {
    for (const [name, value] of this.settings.reported()) {
      if (this.lastReported.get(name) === value) continue;
      this.lastReported.set(name, value);
      this.out.push(wire.parameterStatus(name, value));
    }
  }

  private localContext(settings: Settings) {
    return {
      settings,
      user: this.id.user,
      database: this.id.database,
      pid: this.id.pid,
      deallocate: (name?: string) => this.extended.deallocate(name),
      discard: () => this.extended.discard(),
    };
  }

  /** Our own statement, or undefined for the engine's; a catalogue table is refused here. */
  private classify(text: string): LocalStatement | undefined {
    const local = parseLocalStatement(text);
    // A SELECT with {{ }} is rendered and run by the engine; SET values are data, not templates.
    if (local && !(local.kind === 'select' && hasTemplateSyntax(text))) return local;
    const table = catalogueTableRef(text);
    if (table) {
      throw new SqlStateError('42P01', `relation "${table}" does not exist`, {
        hint: 'skyql srv has no Postgres catalogue tables. List what it serves with SHOW SERVICES IN aws, SHOW RESOURCES IN aws.<service> and DESCRIBE aws.<service>.<resource>.',
      });
    }
    return undefined;
  }

  private render(text: string, settings: Settings): string {
    if (!hasTemplateSyntax(text)) return text;
    return renderSql(text, settings.templateVars(), {
      missingVariableHint: (name) => `SET skyql.var.${name} = '…' in this session, or start skyql srv with --var ${name}=…`,
    });
  }

  /** A statement's whole answer in the simple protocol. */
  private sendResult(r: WireResult): void {
    for (const n of r.notices) this.out.push(wire.notice(n));
    if (r.columns) {
      this.out.push(rowDescription(r));
      for (const row of dataRows(r, 0, r.rows.length)) this.out.push(row);
    }
    this.out.push(wire.commandComplete(r.tag));
  }

  /**
   * A Query message. Its statements are one script: the engine checks all of them before
   * running any. Statements the server answers itself (SET, SHOW, …) take effect in order
   * and only if the whole message succeeds, as in Postgres' implicit transaction.
   */
  private async simpleQuery(sql: string): Promise<void> {
    const pieces = splitPieces(sql);
    if (!pieces.length) {
      this.out.push(wire.emptyQueryResponse());
      return;
    }
    const kinds = pieces.map((p) => this.classify(p.text));
    if (kinds.every((k) => k === undefined)) {
      // All the engine's: rendered whole, as exec renders a file, so a template may span statements.
      const script = this.render(sql, this.settings);
      await this.runEngine(script, this.settings, (o) => this.sendResult(fromResultSet(o.statement, o.result)), script === sql ? positionIn(sql) : undefined);
      return;
    }
    const working = this.settings.clone();
    const ctx = this.localContext(working);
    const items: ({ local: WireResult } | { engine: number })[] = [];
    const scripts: string[] = [];
    for (const [i, p] of pieces.entries()) {
      const local = kinds[i];
      if (local) {
        items.push({ local: runLocal(local, ctx) });
        continue;
      }
      const rendered = this.render(p.text, working);
      const count = splitStatements(rendered).length;
      if (count) {
        items.push({ engine: count });
        scripts.push(rendered);
      }
    }
    let next = 0;
    const sendLocals = () => {
      while (next < items.length && 'local' in items[next]) this.sendResult((items[next++] as { local: WireResult }).local);
    };
    if (scripts.length) {
      await this.runEngine(scripts.join(';\n'), working, (o) => {
        sendLocals();
        this.sendResult(fromResultSet(o.statement, o.result));
        const item = items[next] as { engine: number };
        if (--item.engine === 0) next++;
      });
    }
    sendLocals();
    this.settings = working;
  }

  /**
   * Runs a script through the engine with the session's engine options, under its
   * statement timeout (restarted for each statement) and cancellable; `onOutcome` sends
   * each statement's result as it comes.
   */
  private async runEngine(
    script: string,
    settings: Settings,
    onOutcome: (o: StatementOutcome) => void,
    position?: ErrorContext['position'],
  ): Promise<void> {
    const engine: Engine = this.engines.get(settings.engine());
    const timeoutMs = settings.statementTimeoutMs();
    const abort = new AbortController();
    setMaxListeners(0, abort.signal); // one listener per call in flight
    this.running = abort;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (timeoutMs <= 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(new StatementCancelled('statement_timeout')), timeoutMs);
    };
    arm();
    try {
      for await (const outcome of engine.run(script, abort.signal)) {
        if (abort.signal.aborted) throw abort.signal.reason;
        onOutcome(outcome);
        arm();
        await this.out.flush();
      }
    } catch (e) {
      const reason: unknown = abort.signal.aborted ? abort.signal.reason : undefined;
      const cancelled = reason instanceof StatementCancelled ? reason : undefined;
      throw new Reported(toWireError(e, this.errorContext({ cancelled, position })));
    } finally {
      clearTimeout(timer);
      if (this.running === abort) this.running = undefined;
      if (this.closed) this.closeEngines();
    }
  }

  /** One statement of the extended protocol: templates rendered first, so a parameter's value is never read as one. */
  private async runEngineStatement(sql: string, literals: string[]): Promise<WireResult> {
    const statement = substituteParameters(this.render(sql, this.settings), literals);
    if (splitStatements(statement).length > 1) throw new SqlStateError('42601', 'a prepared statement must render to one statement');
    let result: WireResult | undefined;
    await this.runEngine(statement, this.settings, (o) => {
      result = fromResultSet(o.statement, o.result);
    });
    return result ?? { rows: [], tag: 'SELECT 0', notices: [] };
  }
}

/** Maps a ParseError's line/column in `sql` to Postgres' 1-based character position. */
function positionIn(sql: string): ErrorContext['position'] {
  return (line, column) => {
    let offset = 0;
    for (let l = 1; l < line; l++) {
      const nl = sql.indexOf('\n', offset);
      if (nl < 0) return undefined;
      offset = nl + 1;
    }
    return offset + column <= sql.length + 1 ? offset + column : undefined;
  };
}
