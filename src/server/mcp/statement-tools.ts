// validate_statement and run_select: the tools that take SQL but never write.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Engines } from './engines.js';
import { checkKind } from './kind-check.js';
import { oneStatement } from './one-statement.js';
import { READ_KINDS, type ServerMode } from './server-mode.js';
import { DESCRIPTIONS } from './tool-guide.js';
import { DEFAULT_MAX_ROWS, errorResult, jsonResult, MAX_ROWS_LIMIT, rowsPayload } from './tool-results.js';
import { validateStatement } from './validate-statement.js';

export const statementInput = z.string().min(1).describe("one SQL statement, e.g. SELECT api_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'");
export const varsInput = z
  .record(z.string(), z.unknown())
  .optional()
  .describe('values for {{ name }} placeholders in the statement, e.g. {"region": "us-east-1"}; each is escaped for where it lands');

export function registerStatementTools(server: McpServer, engines: Engines, mode: ServerMode): void {
  server.registerTool(
    'validate_statement',
    {
      title: 'Validate a statement (no API calls)',
      description: DESCRIPTIONS.validate_statement,
      inputSchema: { statement: statementInput, vars: varsInput },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ statement, vars }, extra) => {
      try {
        return jsonResult(await validateStatement(statement, vars, engines, mode, extra.signal));
      } catch (e) {
        return errorResult(e);
      }
    },
  );
  server.registerTool(
    'run_select',
    {
      title: 'Run a SELECT, SHOW or DESCRIBE',
      description: DESCRIPTIONS.run_select,
      inputSchema: {
        statement: statementInput,
        vars: varsInput,
        max_rows: z.number().int().min(1).max(MAX_ROWS_LIMIT).default(DEFAULT_MAX_ROWS).describe(`rows to return at most (default ${DEFAULT_MAX_ROWS}, up to ${MAX_ROWS_LIMIT})`),
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async ({ statement, vars, max_rows }, extra) => {
      try {
        const one = oneStatement(statement, vars);
        checkKind(one.statement, 'run_select', READ_KINDS, mode);
        return jsonResult(rowsPayload(await engines.read().runStatement(one.statement, extra.signal), max_rows));
      } catch (e) {
        return errorResult(e);
      }
    },
  );
}
