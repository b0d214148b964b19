// A write's plan, as a write tool shows it and its token stands for: the engine's dry
// run, and — where that run can only say "one write per match" — the matches themselves,
// read now (reads only), so the user approves named resources, not a pattern.
import { createHash } from 'node:crypto';
import { rowObjects } from '../../output/format-json.js';
import type { Statement } from '../../sql/statement.js';
import type { WriteStatement } from '../../sql/write-statements.js';
import type { Engines } from './engines.js';

export interface WritePlan {
  calls: Record<string, unknown>[];
  /** The resources an UPDATE/DELETE would touch, or the rows an INSERT … SELECT would create, as read now. */
  matches?: Record<string, unknown>[];
  notices: string[];
  /** Equal for equal plans: what a token is checked against before its write runs. */
  digest: string;
}

const WRITE_OPERATIONS = /^(Create|Update|Delete)Resource$/;

/** The read that finds what the write would touch, as a SELECT statement of its own. */
function matchesQuery(statement: Statement & WriteStatement): Statement {
  const query = statement.kind === 'insert' ? statement.rows : statement.targets;
  return { source: statement.source, hints: [], kind: 'select', query };
}

async function readMatches(engines: Engines, statement: Statement & WriteStatement, signal: AbortSignal): Promise<Record<string, unknown>[]> {
  const rs = await engines.read().runStatement(matchesQuery(statement), signal);
  // An INSERT's rows under its column names; an UPDATE/DELETE's targets are (data__Identifier, region, SET values…).
  if (statement.kind === 'insert') return rowObjects({ columns: statement.columns.map((name) => ({ name })), rows: rs.rows });
  return rowObjects({ columns: rs.columns.slice(0, 2), rows: rs.rows.map((r) => r.slice(0, 2)) });
}

export async function writePlan(engines: Engines, statement: Statement & WriteStatement, signal: AbortSignal): Promise<WritePlan> {
  const rs = await engines.plan().runStatement(statement, signal);
  const calls = rowObjects(rs);
  // The engine's dry run names a write it cannot place yet by a region of "(each match)" or "(each row)".
  const open = calls.some((c) => WRITE_OPERATIONS.test(String(c.operation)) && String(c.region).startsWith('('));
  const matches = open ? await readMatches(engines, statement, signal) : undefined;
  const notices = [...(rs.notices ?? [])];
  if (matches) {
    notices.push(
      statement.kind === 'insert'
        ? `read now: it would create ${matches.length} resource(s), one per row in matches`
        : `read now: it would ${statement.kind} the ${matches.length} resource(s) in matches; with the token it runs only if the same resources still match`,
    );
  }
  // Order-free: a list that comes back in another order is the same plan.
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  const digest = createHash('sha256').update(JSON.stringify([sorted(rs.rows), matches ? sorted(matches) : null])).digest('hex');
  return { calls, ...(matches ? { matches } : {}), notices, digest };
}
