// validate_statement: a statement parsed and planned, its calls shown, none made. The
// engine's own dry run reads an UPDATE/DELETE whose WHERE does not pin identifiers (to
// count what it would touch); here that read is left out: the bounds check that needs no
// read is made first, and the plan shows the reads and one write per match instead.
import { InternalError } from '../../errors.js';
import type { WriteContext } from '../../exec/write-calls.js';
import { isPinned } from '../../exec/write-bounds.js';
import { checkBounded } from '../../exec/write-targets.js';
import type { Catalog } from '../../providers/catalog.js';
import type { Engines } from './engines.js';
import { toolFor } from './kind-check.js';
import { oneStatement, type Vars } from './one-statement.js';
import { READ_KINDS, verbOf, type ServerMode } from './server-mode.js';
import { planCalls } from './tool-results.js';

/** For checks that need no call: any attempt to make one is a bug. */
function noCalls(catalog: Catalog): WriteContext {
  return {
    catalog,
    cloudControl: () => {
      throw new InternalError('validate_statement tried to make an API call');
    },
    concurrency: 1,
    signal: new AbortController().signal,
    await: false,
    dryRun: true,
    allowUnbounded: false,
  };
}

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
      checkBounded(statement, noCalls(engines.catalog), verbOf(statement.kind));
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
