// validate_statement: a statement parsed and planned, its calls shown, none made. The
// engine's own dry run reads an UPDATE/DELETE whose WHERE does not pin identifiers (to
// count what it would touch); here that read is left out: the bounds check that needs no
// read is made first, and the plan shows the reads and one write per match instead.
import { checkBounded, isPinned } from '../../plan/write-plan.js';
import type { Engines } from './engines.js';
import { toolFor } from './kind-check.js';
import { oneStatement, type Vars } from './one-statement.js';
import { READ_KINDS, verbOf, type ServerMode } from './server-mode.js';
import { planCalls } from './tool-results.js';

export async function validateStatement(text: string, vars: Vars | undefined, engines: Engines, mode: ServerMode, signal: AbortSignal): Promise<Record<string, unknown>> {
  const { sql, statement } = oneStatement(text, vars);
  const runs = toolFor(statement.kind, mode);
  const common = {
    valid: true,
    statement: verbOf(statement.kind),
    ...(sql !== text ? { rendered: sql } : {}),
    ...('reason' in runs ? { runnable_here: false, reason: runs.reason } : { run_with: runs.tool }),
  };
  if (READ_KINDS.includes(statement.kind) && statement.kind !== 'select') {
    return { ...common, calls: [], note: 'answered from the catalog: no API calls' };
  }
  let engine = engines.plan();
  const notices: string[] = [];
  if (statement.kind === 'update' || statement.kind === 'delete') {
    const t = statement.table;
    const def = engines.catalog.resource(t.provider, t.service, t.resource);
    if (!isPinned(statement, def)) {
      checkBounded(statement, `${t.provider}.${t.service}.${t.resource}`, statement.kind === 'update' ? 'UPDATE' : 'DELETE');
      engine = engines.readFreePlan();
      notices.push(
        `the WHERE does not pin identifiers, so when run the matching rows are read first (reads only) and it is refused if it would ` +
          `${statement.kind === 'update' ? 'change' : 'delete'} every resource it read; the plan below shows those reads and one ${verbOf(statement.kind)} per match`,
      );
    }
  }
  const rs = await engine.runStatement(statement, signal);
  return { ...common, calls: planCalls(rs), ...(rs.notices?.length || notices.length ? { notices: [...(rs.notices ?? []), ...notices] } : {}) };
}
