// Runs a statement the server answers itself against a session's settings.
import { runCatalogueSelect } from './catalogue-queries.js';
import type { LocalStatement } from './local-statements.js';
import type { Settings } from './settings.js';
import { SqlStateError } from './sqlstate.js';
import type { WireResult } from './statement-results.js';
import { OID } from './type-oids.js';

export interface LocalContext {
  settings: Settings;
  user: string;
  database: string;
  pid: number;
  /** DEALLOCATE: a name, or every prepared statement. Returns false when there is no such statement. */
  deallocate(name?: string): boolean;
  /** DISCARD ALL: prepared statements and portals go; settings are reset by the caller's RESET ALL. */
  discard(): void;
}

const noRows = (tag: string, warning?: string): WireResult => ({
  tag,
  rows: [],
  notices: warning ? [{ severity: 'WARNING', code: '01000', message: warning }] : [],
});

export function runLocal(stmt: LocalStatement, ctx: LocalContext): WireResult {
  const s = ctx.settings;
  switch (stmt.kind) {
    case 'set':
      if (stmt.local) return noRows('SET', 'SET LOCAL can only be used in transaction blocks, and skyql has none: nothing was changed');
      s.set(stmt.name, stmt.value);
      return noRows('SET');
    case 'reset':
      if (stmt.name === undefined) s.resetAll();
      else s.reset(stmt.name);
      return noRows('RESET');
    case 'show': {
      if (stmt.name === undefined) {
        return {
          columns: [
            { name: 'name', oid: OID.text },
            { name: 'setting', oid: OID.text },
            { name: 'description', oid: OID.text },
          ],
          rows: s.all(),
          tag: 'SHOW',
          notices: [],
        };
      }
      const [name, value] = s.get(stmt.name)!;
      return { columns: [{ name, oid: OID.text }], rows: [[value]], tag: 'SHOW', notices: [] };
    }
    case 'noop':
      return noRows(stmt.tag, stmt.warning);
    case 'discard':
      ctx.discard();
      s.resetAll();
      return noRows('DISCARD ALL');
    case 'deallocate':
      if (!ctx.deallocate(stmt.name)) {
        throw new SqlStateError('26000', `prepared statement "${stmt.name}" does not exist`);
      }
      return noRows(stmt.name === undefined ? 'DEALLOCATE ALL' : 'DEALLOCATE');
    case 'select': {
      const { columns, rows } = runCatalogueSelect(stmt.select, { settings: s, user: ctx.user, database: ctx.database, pid: ctx.pid });
      return { columns, rows, tag: `SELECT ${rows.length}`, notices: [] };
    }
  }
}
