// skyql's statement model: what the rest of the engine sees, never a parser library's AST.
import type { Hint } from './split-statements.js';
import type { SelectQuery } from './select-query.js';
import type { WriteStatement } from './write-statements.js';

export interface Located {
  /** The statement text (hints blanked) and its place in the script, for error messages. */
  source: { text: string; line: number; column: number };
  hints: Hint[];
}

export type MetadataStatement =
  | { kind: 'show_providers'; like?: string }
  | { kind: 'show_services'; provider: string; like?: string; extended: boolean }
  | { kind: 'show_resources'; provider: string; service: string; like?: string; extended: boolean }
  | { kind: 'show_methods'; provider: string; service: string; resource: string }
  | { kind: 'describe'; provider: string; service: string; resource: string; extended: boolean }
  /**
   * SHOW [EXTENDED] INSERT [/*+ REQUIRED *\/] INTO provider.service.resource [(columns)]: an
   * INSERT template. `required` comes from the hint; `columns` as the user listed them.
   */
  | { kind: 'show_insert'; provider: string; service: string; resource: string; extended: boolean; required: boolean; columns?: string[] };

/** EXEC provider.service.resource.method @arg = value, … */
export interface ExecStatement {
  kind: 'exec';
  provider: string;
  service: string;
  resource: string;
  method: string;
  args: Record<string, string>;
}

export type Statement = Located & (MetadataStatement | ExecStatement | { kind: 'select'; query: SelectQuery } | WriteStatement);
