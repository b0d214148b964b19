// The wire: AWS JSON 1.0 over HTTP. `POST /` with `X-Amz-Target: CloudApiService.<Op>`,
// a SigV4 Authorization header whose credential scope picks the region, a JSON body;
// answers are JSON, errors `{"__type", "message"}` with the model's HTTP status.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudError } from './cloud-error.js';
import type { LocalCloud } from './cloud-operations.js';
import type { FaultInjector } from './fault-injector.js';
import { isOperation } from './input-shapes.js';
import { MAX_JSON_DEPTH, textDepth } from './json-depth.js';
import { regionOf } from './sigv4-scope.js';

const TARGET_PREFIX = 'CloudApiService.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Above the service model's largest member (262,144-character properties), with room for JSON escaping. */
const MAX_BODY = 2 * 1024 * 1024;

export interface HandlerOptions {
  cloud: LocalCloud;
  faults: FaultInjector;
  regions?: ReadonlySet<string>;
}

export function createRequestHandler(opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { cloud, faults, regions } = opts;

  function send(res: ServerResponse, status: number, body: string, errorType?: string): void {
    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPE,
      'Content-Length': Buffer.byteLength(body),
      'x-amzn-RequestId': randomUUID(),
    };
    if (errorType) headers['x-amzn-ErrorType'] = errorType;
    const write = () => {
      res.writeHead(status, headers);
      res.end(body);
    };
    if (faults.hasLatency) setTimeout(write, faults.latency());
    else write();
  }

  function fail(res: ServerResponse, e: unknown): void {
    if (e instanceof CloudError) return send(res, e.status, e.body(), e.type);
    console.error('skyql local: internal error:', e);
    const err = new CloudError('InternalFailure', 'The local cloud failed to process the request (see its log).');
    send(res, err.status, err.body(), err.type);
  }

  function respond(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    try {
      const target = req.headers['x-amz-target'];
      const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      if (req.method !== 'POST' || !isOperation(operation)) {
        throw new CloudError('UnknownOperationException', `Unknown operation: ${target ?? '(no X-Amz-Target header)'}`);
      }
      const region = regionOf(req.headers.authorization, regions);
      faults.admit();
      const text = body.toString('utf8');
      // Every input shape nests three levels at most; deeper bodies would only feed recursion.
      if (textDepth(text) > MAX_JSON_DEPTH) {
        throw new CloudError('SerializationException', `The request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays.`);
      }
      let input: unknown;
      try {
        input = text.length ? JSON.parse(text) : {};
      } catch {
        throw new CloudError('SerializationException', 'The request body is not valid JSON.');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new CloudError('SerializationException', 'The request body must be a JSON object.');
      }
      send(res, 200, cloud.handle(operation, region, input as Record<string, unknown>));
    } catch (e) {
      fail(res, e);
    }
  }

  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        const e = new CloudError('SerializationException', `The request body exceeds ${MAX_BODY} bytes.`);
        return send(res, 413, e.body(), e.type);
      }
      respond(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.on('error', () => res.destroy());
  };
}
