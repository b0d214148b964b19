// The SQL database where fetched rows land and the residual query runs. SQLite is the one
// implementation today (sqlite/); a PostgreSQL backend implements the same interface and
// runs the same tests. A backend translates its own errors into BackendError, so the
// engine explains them without knowing the database's wording.
import type { ResultSet } from '../contracts/result-set.js';
import type { ColumnDef } from '../providers/catalog-types.js';
import type { SelectQuery, TableBinding } from '../sql/select-query.js';

export type BackendFault =
  | { kind: 'unknown_column'; qualifier?: string; column: string }
  | { kind: 'ambiguous_column'; column: string }
  | { kind: 'unknown_table'; table: string }
  | { kind: 'parameters' }
  | { kind: 'other'; message: string };

export class BackendError extends Error {
  constructor(
    readonly fault: BackendFault,
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export interface Backend {
  /** The query as this database's SQL, each provider reference bound to its table. */
  render(query: SelectQuery, bindings: Map<number, TableBinding>): string;
  createTable(name: string, columns: ColumnDef[]): void;
  insert(name: string, columns: string[], rows: unknown[][]): void;
  /** Compiles without running: unknown columns surface before any API call. Throws BackendError. */
  check(sql: string): void;
  /** Throws BackendError. */
  query(sql: string): ResultSet;
  close(): void;
}
