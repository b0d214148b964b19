// run_insert, run_update, run_delete: registered only when the server's mode allows them.
// A call without plan_token changes nothing and returns the dry-run plan and a token; the
// write runs only when that token comes back with the same statement and vars, and only
// if a fresh plan (write-plan.ts) is still the same.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { rowObjects } from '../../output/format-json.js';
import type { Statement } from '../../sql/statement.js';
import type { WriteStatement } from '../../sql/write-statements.js';
import type { Engines } from './engines.js';
import { checkKind } from './kind-check.js';
import { parseOne, renderStatement } from './one-statement.js';
import { planBinding, type IssuedToken, type PlanTokens } from './plan-tokens.js';
import { verbOf, writeKinds, writeToolName, type ServerMode, type WriteKind } from './server-mode.js';
import { statementInput, varsInput } from './statement-tools.js';
import { writeDescription } from './tool-guide.js';
import { errorMessage, errorResult, jsonResult } from './tool-results.js';
import { writePlan, type WritePlan } from './write-plan.js';

/** What a token stands for: the statement as rendered when planned, and that plan's digest. */
export interface HeldPlan {
  sql: string;
  plan: string;
}

interface WriteToolContext {
  engines: Engines;
  mode: ServerMode;
  tokens: PlanTokens<HeldPlan>;
  log: (line: string) => void;
}

type WriteStmt = Statement & WriteStatement;

function planPayload(tool: string, statement: WriteStmt, plan: WritePlan, issued: IssuedToken): Record<string, unknown> {
  return {
    status: 'planned',
    changed: false,
    statement: verbOf(statement.kind),
    calls: plan.calls,
    ...(plan.matches ? { matches: plan.matches } : {}),
    ...(plan.notices.length ? { notices: plan.notices } : {}),
    plan_token: issued.token,
    expires_at: issued.expiresAt.toISOString(),
    next:
      `Nothing has been changed. To make exactly these calls, call ${tool} again with the same statement and vars and ` +
      `plan_token "${issued.token}" (once, before ${issued.expiresAt.toISOString()}).`,
  };
}

/** The one statement, checked to be this tool's kind. */
function statementOf(sql: string, tool: string, kind: WriteKind, mode: ServerMode): WriteStmt {
  const { statement } = parseOne(sql);
  checkKind(statement, tool, [kind], mode);
  return statement as WriteStmt;
}

async function writeCall(ctx: WriteToolContext, kind: WriteKind, args: { statement: string; vars?: Record<string, unknown>; plan_token?: string }, signal: AbortSignal): Promise<CallToolResult> {
  const tool = writeToolName(kind);
  const binding = planBinding(tool, args.statement, args.vars);
  if (args.plan_token === undefined) {
    const sql = renderStatement(args.statement, args.vars);
    const statement = statementOf(sql, tool, kind, ctx.mode);
    const plan = await writePlan(ctx.engines, statement, signal);
    const issued = ctx.tokens.issue(binding, { sql, plan: plan.digest });
    ctx.log(`${tool}: planned ${plan.calls.length} call(s), nothing run`);
    return jsonResult(planPayload(tool, statement, plan, issued));
  }
  const held = ctx.tokens.redeem(args.plan_token, binding);
  // The statement as it was rendered for the plan: a template that renders differently
  // each time (uuid()) still runs what was shown.
  const statement = statementOf(held.sql, tool, kind, ctx.mode);
  // What the plan read may have changed since: run only what the user was shown.
  const now = await writePlan(ctx.engines, statement, signal);
  if (now.digest !== held.plan) {
    const issued = ctx.tokens.issue(binding, { sql: held.sql, plan: now.digest });
    ctx.log(`${tool}: refused, the plan changed since its token was issued; new plan issued`);
    return {
      isError: true,
      content: [
        { type: 'text', text: 'error: the plan changed since plan_token was issued (what the statement reads is different now), so nothing was run. This is the new plan, with a new plan_token:' },
        { type: 'text', text: JSON.stringify(planPayload(tool, statement, now, issued)) },
      ],
    };
  }
  const rs = await ctx.engines.write().runStatement(statement, signal);
  ctx.log(`${tool}: ran (${rs.rows.length} row(s))`);
  return jsonResult({ status: 'done', statement: verbOf(statement.kind), results: rowObjects(rs), ...(rs.notices?.length ? { notices: rs.notices } : {}) });
}

export function registerWriteTools(server: McpServer, ctx: WriteToolContext): void {
  for (const kind of writeKinds(ctx.mode)) {
    server.registerTool(
      writeToolName(kind),
      {
        title: `Run ${kind === 'delete' ? 'a' : 'an'} ${kind.toUpperCase()} (plan first)`,
        description: writeDescription(kind),
        inputSchema: {
          statement: statementInput,
          vars: varsInput,
          plan_token: z.string().optional().describe('the plan_token a previous call returned for this very statement and vars; omit it to get the plan'),
        },
        annotations: { readOnlyHint: false, destructiveHint: kind !== 'insert', idempotentHint: false, openWorldHint: true },
      },
      async (args, extra) => {
        try {
          return await writeCall(ctx, kind, args, extra.signal);
        } catch (e) {
          ctx.log(`${writeToolName(kind)}: error: ${errorMessage(e).split('\n')[0]}`);
          return errorResult(e);
        }
      },
    );
  }
}
