// The default backend: an in-memory SQLite database where fetched rows land and the
// residual query runs.
import Database from 'better-sqlite3';
import type { ColumnDef, ColumnType } from '../../providers/catalog-types.js';
import type { ResultSet } from '../../contracts/result-set.js';
import type { SelectQuery, TableBinding } from '../../sql/select-query.js';
import type { Backend } from '../backend.js';
import { registerFunctions } from './functions.js';
import { translateSqliteError } from './sqlite-errors.js';

// Declared types carry the column kind to the result (better-sqlite3 reports them per
// output column); each still gets the intended affinity (…TEXT → TEXT, …INT → INTEGER).
const DECLARED: Record<ColumnType, string> = {
  string: 'TEXT',
  integer: 'INTEGER',
  number: 'REAL',
  boolean: 'BOOLEAN_INT',
  object: 'JSON_TEXT',
  array: 'JSON_TEXT',
};

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class SqliteBackend implements Backend {
  readonly db: Database.Database;

  constructor() {
    this.db = new Database(':memory:');
    registerFunctions(this.db);
  }

  render(query: SelectQuery, bindings: Map<number, TableBinding>): string {
    return query.toSqlite(bindings);
  }

  createTable(name: string, columns: ColumnDef[]): void {
    const cols = columns.map((c) => `${quote(c.name)} ${DECLARED[c.type]}`).join(', ');
    this.db.exec(`CREATE TABLE ${quote(name)} (${cols})`);
  }

  insert(name: string, columns: string[], rows: unknown[][]): void {
    if (rows.length === 0) return;
    const stmt = this.db.prepare(
      `INSERT INTO ${quote(name)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    this.db.transaction(() => {
      for (const r of rows) stmt.run(r);
    })();
  }

  /** Compiles the query without running it: unknown columns surface before any API call. */
  check(sql: string): void {
    try {
      this.db.prepare(sql);
    } catch (e) {
      throw translateSqliteError(e);
    }
  }

  query(sql: string): ResultSet {
    try {
      return this.run(sql);
    } catch (e) {
      throw translateSqliteError(e);
    }
  }

  private run(sql: string): ResultSet {
    const stmt = this.db.prepare(sql);
    if (!stmt.reader) {
      stmt.run();
      return { columns: [], rows: [] };
    }
    const meta = stmt.columns();
    const booleans = meta.map((m) => m.type === 'BOOLEAN_INT');
    const rows = (stmt.raw(true).all() as unknown[][]).map((row) =>
      booleans.some(Boolean) ? row.map((v, i) => (booleans[i] && (v === 0 || v === 1) ? v === 1 : v)) : row,
    );
    return { columns: meta.map((m) => ({ name: m.name, ...(m.type === 'JSON_TEXT' ? { json: true } : {}) })), rows };
  }

  close(): void {
    this.db.close();
  }
}
