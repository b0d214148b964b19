// The extended query protocol: Parse (a statement with $1 parameters), Bind (values →
// a portal), Describe, Execute (with a row limit), Close. A portal's statement runs once,
// at its first Describe or Execute; both read that one result. Postgres' rules apply:
// one statement per Parse, named statements and portals are not silently replaced, and
// portals end at Sync (skyql has no transactions to keep them open).
import { parameterLiterals } from './parameters.js';
import type { LocalStatement } from './local-statements.js';
import { parameterCount, splitPieces, substituteParameters } from './query-text.js';
import type { Outbox } from './session.js';
import { SqlStateError } from './sqlstate.js';
import { dataRows, rowDescription, type WireResult } from './statement-results.js';
import { OID } from './type-oids.js';
import type { FrontendMessage } from './wire-reader.js';
import { wire } from './wire-writer.js';

/** What the extended protocol needs from its session. */
export interface StatementHost {
  readonly out: Outbox;
  /** The server's own statement, or undefined for the engine's. */
  classify(text: string): LocalStatement | undefined;
  /** Runs a statement the server answers itself; its settings changes take effect. */
  runLocal(stmt: LocalStatement): WireResult;
  /** The same on a copy of the settings, for Describe: nothing changes. */
  previewLocal(stmt: LocalStatement): WireResult;
  /** Renders the statement's templates, then puts the literals in for $1…, and runs it. */
  runEngineStatement(sql: string, literals: string[]): Promise<WireResult>;
}

interface Prepared {
  sql: string;
  paramTypes: number[];
  paramCount: number;
  empty: boolean;
}

interface Portal {
  prepared: Prepared;
  literals: string[];
  resultFormats: number[];
  result?: WireResult;
  /** Rows already sent by Execute. */
  sent: number;
}

export type ExtendedMessage = Extract<FrontendMessage, { type: 'parse' | 'bind' | 'describe' | 'execute' | 'close' }>;

export class ExtendedProtocol {
  private readonly prepared = new Map<string, Prepared>();
  private readonly portals = new Map<string, Portal>();

  constructor(private readonly host: StatementHost) {}

  async handle(msg: ExtendedMessage): Promise<void> {
    const out = this.host.out;
    switch (msg.type) {
      case 'parse': {
        const pieces = splitPieces(msg.sql);
        if (pieces.length > 1) throw new SqlStateError('42601', 'cannot insert multiple commands into a prepared statement');
        if (msg.name && this.prepared.has(msg.name)) throw new SqlStateError('42P05', `prepared statement "${msg.name}" already exists`);
        const sql = pieces[0]?.text ?? '';
        this.prepared.set(msg.name, {
          sql,
          paramTypes: msg.paramTypes,
          paramCount: Math.max(parameterCount(sql), msg.paramTypes.length),
          empty: pieces.length === 0,
        });
        out.push(wire.parseComplete());
        return;
      }
      case 'bind': {
        const prepared = this.prepared.get(msg.statement);
        if (!prepared) throw new SqlStateError('26000', `prepared statement "${msg.statement}" does not exist`);
        if (msg.params.length !== prepared.paramCount) {
          throw new SqlStateError('08P01', `bind message supplies ${msg.params.length} parameters, but prepared statement "${msg.statement}" requires ${prepared.paramCount}`);
        }
        if (msg.portal && this.portals.has(msg.portal)) throw new SqlStateError('42P03', `portal "${msg.portal}" already exists`);
        const literals = parameterLiterals(msg.params, prepared.paramTypes, msg.paramFormats);
        this.portals.set(msg.portal, { prepared, literals, resultFormats: msg.resultFormats, sent: 0 });
        out.push(wire.bindComplete());
        return;
      }
      case 'describe': {
        if (msg.target === 'S') return this.describeStatement(msg.name);
        const portal = this.portal(msg.name);
        const result = await this.materialize(portal);
        out.push(result.columns ? rowDescription(result, portal.resultFormats) : wire.noData());
        return;
      }
      case 'execute': {
        const portal = this.portal(msg.portal);
        if (portal.prepared.empty) {
          out.push(wire.emptyQueryResponse());
          return;
        }
        const result = await this.materialize(portal);
        if (portal.sent === 0) for (const n of result.notices) out.push(wire.notice(n));
        const end = msg.maxRows > 0 ? Math.min(result.rows.length, portal.sent + msg.maxRows) : result.rows.length;
        if (result.columns) for (const row of dataRows(result, portal.sent, end, portal.resultFormats)) out.push(row);
        portal.sent = end;
        out.push(end < result.rows.length ? wire.portalSuspended() : wire.commandComplete(result.tag));
        return;
      }
      case 'close':
        if (msg.target === 'S') this.prepared.delete(msg.name);
        else this.portals.delete(msg.name);
        out.push(wire.closeComplete());
        return;
    }
  }

  /** Sync, or a simple Query: the portals end. */
  endPortals(): void {
    this.portals.clear();
  }

  /** DEALLOCATE name (false if there is none), or DEALLOCATE ALL. */
  deallocate(name?: string): boolean {
    if (name !== undefined) return this.prepared.delete(name);
    this.prepared.clear();
    return true;
  }

  /** DISCARD ALL. */
  discard(): void {
    this.prepared.clear();
    this.portals.clear();
  }

  private portal(name: string): Portal {
    const p = this.portals.get(name);
    if (!p) throw new SqlStateError('34000', `portal "${name}" does not exist`);
    return p;
  }

  /** Its parameters, and its columns when they are known without running it. */
  private describeStatement(name: string): void {
    const prepared = this.prepared.get(name);
    if (!prepared) throw new SqlStateError('26000', `prepared statement "${name}" does not exist`);
    const oids = Array.from({ length: prepared.paramCount }, (_, i) => prepared.paramTypes[i] || OID.text);
    let columns: Buffer = wire.noData();
    if (!prepared.empty) {
      const local = this.host.classify(substituteParameters(prepared.sql, oids.map(() => 'NULL')));
      if (!local) {
        throw new SqlStateError('0A000', "skyql cannot describe a statement's result columns before it runs: they come from the cloud", {
          hint: 'Bind it and describe the portal instead (node-postgres, psycopg and psql do).',
        });
      }
      const result = local.kind === 'show' || local.kind === 'select' ? this.host.previewLocal(local) : undefined;
      if (result?.columns) columns = rowDescription(result);
    }
    this.host.out.push(wire.parameterDescription(oids));
    this.host.out.push(columns);
  }

  /** Runs the portal's statement, once. */
  private async materialize(portal: Portal): Promise<WireResult> {
    if (portal.result) return portal.result;
    const { prepared, literals } = portal;
    if (prepared.empty) return (portal.result = { rows: [], tag: '', notices: [] });
    const local = this.host.classify(substituteParameters(prepared.sql, literals));
    portal.result = local ? this.host.runLocal(local) : await this.host.runEngineStatement(prepared.sql, literals);
    return portal.result;
  }
}
