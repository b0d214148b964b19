// Streamable HTTP on /mcp, one MCP server and transport per session. Without an auth
// token it listens on loopback only, and then accepts only loopback Host and Origin
// headers (so a web page cannot reach it by DNS rebinding); with one, every request must
// carry it as a bearer token.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { UsageError } from '../../errors.js';
import { checkBinding, isLoopback } from './http-binding.js';

export const MCP_PATH = '/mcp';
const MAX_SESSIONS = 64;
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpServeOptions {
  host: string;
  port: number;
  authToken?: string;
  /** A fresh MCP server for each new session. */
  newServer: () => McpServer;
}

export interface HttpServing {
  url: string;
  close(): Promise<void>;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function send(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

function hostnameOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname;
  } catch {
    return undefined;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new UsageError('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function serveHttp(options: HttpServeOptions): Promise<HttpServing> {
  checkBinding(options.host, options.authToken);
  const expected = options.authToken ? digest(options.authToken) : undefined;
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  const authorized = (req: IncomingMessage): boolean => {
    if (!expected) return true;
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    return Boolean(m) && timingSafeEqual(digest(m![1].trim()), expected);
  };
  // With no token the only guard is that the caller is on this machine: a browser page
  // that rebinds a name to 127.0.0.1 still sends its own Host, and its Origin.
  const localOnly = (req: IncomingMessage): boolean => {
    if (expected) return true;
    const host = hostnameOf(req.headers.host);
    const origin = req.headers.origin;
    return host !== undefined && isLoopback(host) && (origin === undefined || isLoopback(hostnameOf(origin) ?? ''));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== MCP_PATH) return send(res, 404, `not found: the MCP endpoint is ${MCP_PATH}`);
    if (!localOnly(req)) return send(res, 403, 'forbidden: this server answers loopback hosts and origins only');
    if (!authorized(req)) return send(res, 401, 'unauthorized: send Authorization: Bearer <token>', { 'www-authenticate': 'Bearer realm="skyql"' });
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const transport = sessions.get(sessionId);
      if (!transport) return send(res, 404, 'unknown or closed session: initialize a new one');
      return transport.handleRequest(req, res);
    }
    if (req.method !== 'POST') return send(res, 400, 'no session: POST an initialize request first');
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (e) {
      return send(res, 400, `bad request: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!isInitializeRequest(body)) return send(res, 400, 'no session: POST an initialize request first');
    if (sessions.size >= MAX_SESSIONS) return send(res, 503, `too many sessions (${MAX_SESSIONS}): close one first`);
    const server = options.newServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
      void server.close();
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, `internal error: ${e instanceof Error ? e.message : String(e)}`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new UsageError(`port ${options.port} on ${options.host} is in use: pick another with --port (0 picks a free one)`) : e),
    );
    http.listen(options.port, options.host, () => resolve());
  });
  const { address, port } = http.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${shown}:${port}${MCP_PATH}`,
    async close() {
      for (const transport of [...sessions.values()]) await transport.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
