// One MCP server (one per session over HTTP): the catalog tools, validate_statement and
// run_select always; the write tools the mode allows, with this session's plan tokens.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerCatalogTools } from './catalog-tools.js';
import type { Engines } from './engines.js';
import { PlanTokens, PLAN_TOKEN_TTL_MS } from './plan-tokens.js';
import type { ServerMode } from './server-mode.js';
import { registerStatementTools } from './statement-tools.js';
import { serverInstructions } from './tool-guide.js';
import { registerWriteTools, type HeldPlan } from './write-tools.js';

export const SERVER_VERSION = '0.1.0';

export interface SkyqlMcpOptions {
  engines: Engines;
  mode: ServerMode;
  /** One line per write-tool outcome; by default to stderr (stdout may be the protocol). */
  log?: (line: string) => void;
  planTokenTtlMs?: number;
  now?: () => number;
}

export function stderrLog(line: string): void {
  process.stderr.write(`skyql mcp: ${line}\n`);
}

export function createMcpServer(options: SkyqlMcpOptions): McpServer {
  const server = new McpServer({ name: 'skyql', version: SERVER_VERSION }, { instructions: serverInstructions(options.mode) });
  registerCatalogTools(server, options.engines.catalog);
  registerStatementTools(server, options.engines, options.mode);
  registerWriteTools(server, {
    engines: options.engines,
    mode: options.mode,
    tokens: new PlanTokens<HeldPlan>(options.planTokenTtlMs ?? PLAN_TOKEN_TTL_MS, options.now),
    log: options.log ?? stderrLog,
  });
  return server;
}
