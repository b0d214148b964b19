// `skyql mcp`: skyql as tools for AI agents over the Model Context Protocol, on stdio
// (the default; stdout is then the protocol, so every log line goes to stderr) or on
// Streamable HTTP with --http.
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_CONCURRENCY } from '../exec/engine.js';
import { cacheTtlOption, DEFAULT_SERVER_CACHE_TTL, localCloudFor, localOption } from './engine-options.js';
import { endpointOption } from './output-options.js';
import { checkBinding } from '../server/mcp/http-binding.js';
import { SERVER_MODES, writeKinds, writeToolName, type ServerMode } from '../server/mcp/server-mode.js';

export const DEFAULT_MCP_PORT = 5445;

interface McpFlags {
  mode: ServerMode;
  http?: boolean;
  port?: number;
  host?: string;
  authToken?: string;
  endpointUrl?: string;
  profile?: string;
  concurrency: number;
  local?: boolean;
  cacheTtl: number;
}


function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535 || v.trim() === '') throw new InvalidArgumentError('--port must be an integer from 0 to 65535.');
  return n;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--concurrency takes a whole number of at least 1.');
  return n;
}

/** Resolves on Ctrl-C, SIGTERM, or (stdio) the client closing our stdin. */
function stopped(watchStdin: boolean): Promise<string> {
  return new Promise((resolve) => {
    const stop = (why: string) => () => resolve(why);
    process.once('SIGINT', stop('SIGINT'));
    process.once('SIGTERM', stop('SIGTERM'));
    if (watchStdin) {
      process.stdin.once('end', stop('the client closed stdin'));
      process.stdin.once('close', stop('the client closed stdin'));
    }
  });
}

export function mcpCommand(): Command {
  return new Command('mcp')
    .description('Serve skyql to AI agents over the Model Context Protocol: stdio by default, Streamable HTTP with --http')
    .addOption(
      new Option('--mode <mode>', 'what agents may run: read_only (no writes), safe (INSERT and UPDATE), full (DELETE too); writes always return a plan first')
        .choices(SERVER_MODES)
        .default('read_only'),
    )
    .option('--http', 'serve Streamable HTTP on /mcp instead of stdio')
    .option('--port <port>', `port for --http (default ${DEFAULT_MCP_PORT}; 0 picks a free one)`, port)
    .option('--host <host>', 'address for --http (default 127.0.0.1; beyond loopback only with --auth-token)')
    .addOption(new Option('--auth-token <token>', 'with --http, require "Authorization: Bearer <token>" on every request').env('SKYQL_MCP_AUTH_TOKEN'))
    .addOption(endpointOption())
    .option('--profile <name>', 'AWS shared config/credentials profile')
    .addOption(new Option('--concurrency <n>', 'API calls in flight at once, per statement').default(DEFAULT_CONCURRENCY).argParser(positiveInt))
    .addOption(localOption())
    .addOption(cacheTtlOption(DEFAULT_SERVER_CACHE_TTL))
    .action(async (flags: McpFlags, cmd: Command) => {
      if (!flags.http && (flags.port !== undefined || flags.host !== undefined)) {
        throw new UsageError('--port and --host are for --http; without it skyql mcp serves on stdio');
      }
      if (!flags.http && cmd.getOptionValueSource('authToken') === 'cli') {
        throw new UsageError('--auth-token is for --http; a stdio server is reached only by the process that started it');
      }
      const host = flags.host ?? '127.0.0.1';
      // Checked before anything loads or listens: a refused address is one line, nothing else.
      if (flags.http) checkBinding(host, flags.authToken);
      // The server (the SDK, the engine) loads only when the command runs.
      const { createMcpServer, stderrLog: log } = await import('../server/mcp/mcp-server.js');
      const { Engines } = await import('../server/mcp/engines.js');
      const { ResultCache } = await import('../exec/result-cache.js');
      const local = await localCloudFor(flags);
      const engines = new Engines({
        aws: { endpointUrl: local?.endpointUrl ?? flags.endpointUrl, profile: flags.profile },
        concurrency: flags.concurrency,
        cache: flags.cacheTtl > 0 ? new ResultCache(flags.cacheTtl * 1000) : undefined,
      });
      const newServer = () => createMcpServer({ engines, mode: flags.mode, log });
      const tools = writeKinds(flags.mode).map(writeToolName);
      const writes = tools.length ? `writes through ${tools.join(', ')}, plan first` : 'no writes';
      try {
        if (flags.http) {
          const { serveHttp } = await import('../server/mcp/http-server.js');
          const serving = await serveHttp({ host, port: flags.port ?? DEFAULT_MCP_PORT, authToken: flags.authToken, newServer });
          const done = stopped(false);
          log(`listening on ${serving.url} (mode ${flags.mode}: ${writes}${flags.authToken ? '; bearer token required' : '; loopback only'})`);
          log(`stopping: ${await done}`);
          await serving.close();
        } else {
          const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
          const server = newServer();
          const done = stopped(true);
          await server.connect(new StdioServerTransport());
          log(`serving on stdio (mode ${flags.mode}: ${writes})`);
          log(`stopping: ${await done}`);
          await server.close();
        }
      } finally {
        engines.close();
        await local?.close();
      }
    });
}
