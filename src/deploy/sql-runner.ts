// How deploy runs SQL: each rendered query is a script for the Engine, which checks it
// whole before its first call. Behind an interface so the runner never holds the engine.
import type { Engine } from '../exec/engine.js';
import type { ResultSet } from '../contracts/result-set.js';

export interface QueryRunner {
  /** Every statement's result, in order. */
  run(sql: string, signal?: AbortSignal): Promise<ResultSet[]>;
}

export function engineRunner(engine: Engine): QueryRunner {
  return {
    async run(sql, signal) {
      const results: ResultSet[] = [];
      for await (const { result } of engine.run(sql, signal)) results.push(result);
      return results;
    },
  };
}

export type Row = Record<string, unknown>;

export function rowsOf(rs: ResultSet | undefined): Row[] {
  if (!rs) return [];
  return rs.rows.map((r) => Object.fromEntries(rs.columns.map((c, i) => [c.name, r[i]])));
}
