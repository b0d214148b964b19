// The MCP tests' clients: the official SDK Client talking to a skyql MCP server, either
// in-process over InMemoryTransport, or to `skyql mcp` run in its own Node process.
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Engines } from '../../src/server/mcp/engines.js';
import { createMcpServer } from '../../src/server/mcp/mcp-server.js';
import type { ServerMode } from '../../src/server/mcp/server-mode.js';
import { packageRoot } from '../support/local-harness.js';

export interface Connected {
  client: Client;
  /** Lines the server logged. */
  logs: string[];
  close(): Promise<void>;
}

/** A server in this process, its engines pointed at `endpoint`, and a Client connected to it. */
export async function connectInProcess(endpoint: string, mode: ServerMode = 'read_only'): Promise<Connected> {
  const engines = new Engines({ aws: { endpointUrl: endpoint } });
  const logs: string[] = [];
  const server = createMcpServer({ engines, mode, log: (l) => logs.push(l) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'skyql-test', version: '0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    logs,
    async close() {
      await client.close();
      await server.close();
      engines.close();
    },
  };
}

/** Node arguments that run the `mcp` command object alone (main.ts may not register it yet), erroring as the CLI does. */
export function mcpProcessArgs(args: string[]): string[] {
  const dist = join(packageRoot(), 'dist', 'src', 'cli');
  return [
    '--input-type=module',
    '-e',
    `import { mcpCommand } from ${JSON.stringify(join(dist, 'mcp-command.js'))};
     import { reportError } from ${JSON.stringify(join(dist, 'errors.js'))};
     mcpCommand().exitOverride().parseAsync(process.argv.slice(1), { from: 'user' }).catch((e) => {
       process.exitCode = e.code?.startsWith?.('commander.') ? e.exitCode : reportError(e);
     });`,
    '--',
    ...args,
  ];
}

export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a result's first content item. */
export function text(r: CallToolResult): string {
  const first = r.content[0];
  if (first?.type !== 'text') throw new Error(`expected text content, got ${JSON.stringify(r.content)}`);
  return first.text;
}

/** A successful result's JSON; fails with the error text otherwise. */
export function json<T = Record<string, unknown>>(r: CallToolResult): T {
  if (r.isError) throw new Error(`tool failed: ${text(r)}`);
  return JSON.parse(text(r)) as T;
}
