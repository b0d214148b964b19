// Where an MCP HTTP server may listen: loopback, unless every request must carry a token.
import { UsageError } from '../../errors.js';

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Refuses an address beyond loopback unless requests must carry a token. */
export function checkBinding(host: string, authToken: string | undefined): void {
  if (!isLoopback(host) && !authToken) {
    throw new UsageError(`refusing to serve MCP on ${host} without --auth-token: without a token skyql mcp --http listens on loopback (127.0.0.1, ::1, localhost) only`);
  }
}
