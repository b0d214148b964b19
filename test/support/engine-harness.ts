// The engine in-process against a local cloud, as the CLI drives it: the script rendered
// with renderSql, then Engine.run. For tests of engine behaviour that need no child process.
import { Engine, type EngineOptions } from '../../src/exec/engine.js';
import type { ResultSet } from '../../src/contracts/result-set.js';
import { renderSql } from '../../src/template/render-template.js';
import type { TestCloud } from './local-cloud.js';

// The SDK's standard credential chain reads these; the local cloud accepts any.
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

export interface ScriptRun {
  results: ResultSet[];
  /** The error that ended the script, if any. */
  error?: Error;
}

export async function runScript(
  endpoint: string | TestCloud,
  script: string,
  opts: EngineOptions & { vars?: Record<string, unknown> } = {},
): Promise<ScriptRun> {
  const { vars, ...engineOpts } = opts;
  const url = typeof endpoint === 'string' ? endpoint : endpoint.endpoint;
  const engine = new Engine({ ...engineOpts, aws: { endpointUrl: url, ...engineOpts.aws } });
  const results: ResultSet[] = [];
  try {
    const sql = vars ? renderSql(script, vars) : script;
    for await (const { result } of engine.run(sql)) results.push(result);
    return { results };
  } catch (e) {
    return { results, error: e as Error };
  } finally {
    engine.close();
  }
}

/** Rows as objects, for assertions. */
export function objects(rs: ResultSet): Record<string, unknown>[] {
  return rs.rows.map((r) => Object.fromEntries(rs.columns.map((c, i) => [c.name, r[i]])));
}
