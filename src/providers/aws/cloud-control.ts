// The AWS SDK v3 Cloud Control client, one per region, with the standard credential
// chain and endpoint settings, so the same binary talks to real AWS or the local cloud.
import {
  CancelResourceRequestCommand,
  CloudControlClient,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
  type CloudControlClientConfig,
  type ProgressEvent,
  type ResourceRequestStatusFilter,
} from '@aws-sdk/client-cloudcontrol';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { ProviderError } from '../../errors.js';
import { AdaptiveRateLimiter } from './rate-limiter.js';

export { providerError } from './provider-error.js';
import { markNeverReceived } from './never-received.js';

// The SDK warns on Node 20 about its own future releases; pinned in package-lock, that
// notice is for us, not for every user's stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface AwsSettings {
  /** --endpoint-url; otherwise the SDK reads AWS_ENDPOINT_URL_CLOUDCONTROL / AWS_ENDPOINT_URL. */
  endpointUrl?: string;
  profile?: string;
  /** Attempts per call, retries included (throttling, 5xx, network). */
  maxAttempts?: number;
}

export interface ListedResource {
  identifier: string;
  properties: Record<string, unknown>;
}

function configuredEndpoint(settings: AwsSettings): string | undefined {
  return settings.endpointUrl ?? process.env.AWS_ENDPOINT_URL_CLOUDCONTROL ?? process.env.AWS_ENDPOINT_URL;
}

function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
  } catch {
    return false;
  }
}

/** The standard chain; against the local cloud on loopback, any credentials will do. */
function credentials(settings: AwsSettings): CloudControlClientConfig['credentials'] {
  const chain = defaultProvider(settings.profile ? { profile: settings.profile } : {});
  const local = isLoopback(configuredEndpoint(settings));
  return async () => {
    try {
      return await chain();
    } catch (e) {
      if (local) return { accessKeyId: 'skyql-local', secretAccessKey: 'skyql-local' };
      throw new ProviderError(
        'no AWS credentials found: set AWS_PROFILE (or --profile), AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run against the local cloud with AWS_ENDPOINT_URL_CLOUDCONTROL',
        'CredentialsProviderError',
        { cause: e },
      );
    }
  };
}


/** What the calls of one engine cost: HTTP attempts, and how many were retries. */
export interface CallStats {
  calls: number;
  attempts: number;
  retries: number;
}

function isThrottle(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  return err.name === 'ThrottlingException' || err.$metadata?.httpStatusCode === 429 || Boolean(err.$retryable?.throttling);
}

/** The connection was never made: the request cannot have been received. */
function isConnectFailure(e: unknown): boolean {
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes((e as { code?: string }).code ?? '');
}

/** Cloud Control's optional write parameters a statement may give (request-parameters.ts). */
export interface WriteParameters {
  /** The role Cloud Control assumes for the handler's calls. */
  RoleArn?: string;
  /** The type version to use instead of the default. */
  TypeVersionId?: string;
}

export class CloudControl {
  private readonly clients = new Map<string, CloudControlClient>();
  /** Inputs of calls at least one attempt of which may have reached the service. */
  private readonly maybeReceived = new WeakSet<object>();
  /** Each call's cancellation signal, by its input: once aborted, no further attempt is made. */
  private readonly callSignals = new WeakMap<object, AbortSignal>();
  readonly stats: CallStats = { calls: 0, attempts: 0, retries: 0 };

  constructor(private readonly settings: AwsSettings = {}) {}

  client(region: string): CloudControlClient {
    let c = this.clients.get(region);
    if (!c) {
      c = new CloudControlClient({
        region,
        credentials: credentials(this.settings),
        // standard: retries with jittered backoff; the rate limiter below paces the
        // attempts themselves (the SDK's own adaptive mode settled ~25% under the limit).
        retryMode: 'standard',
        // Resolve the middleware stack once per command type, not per call: a third of the
        // client's CPU per request. The SDK caches only for sends without options, so
        // cancellation destroys the clients instead of passing an abortSignal per call.
        cacheMiddleware: true,
        maxAttempts: this.settings.maxAttempts ?? 10,
        ...(this.settings.endpointUrl ? { endpoint: this.settings.endpointUrl } : {}),
        ...(this.settings.profile ? { profile: this.settings.profile } : {}),
      });
      // Every attempt, retries included, waits for the region's rate limiter and tells
      // it when the service throttled.
      const limiter = new AdaptiveRateLimiter();
      const pace = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        const input = (args as { input?: object }).input;
        // destroy() cuts the attempt in flight; the SDK would retry it on a new socket.
        if (input) this.callSignals.get(input)?.throwIfAborted();
        const wait = limiter.reserve();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          const out = await next(args);
          limiter.onSuccess();
          if (input) this.maybeReceived.add(input);
          return out;
        } catch (e) {
          if (isThrottle(e)) limiter.onThrottle();
          if (input && !isConnectFailure(e)) this.maybeReceived.add(input);
          throw e;
        }
      };
      c.middlewareStack.addRelativeTo(pace as unknown as Parameters<typeof c.middlewareStack.addRelativeTo>[0], {
        relation: 'after',
        toMiddleware: 'retryMiddleware',
        name: 'skyqlRateLimit',
      });
      // Count attempts as the SDK reports them, retries (throttling, 5xx) included.
      c.middlewareStack.add(
        (next) => async (args) => {
          try {
            const out = await next(args);
            this.count((out.output as { $metadata?: { attempts?: number } }).$metadata?.attempts);
            return out;
          } catch (e) {
            this.count((e as { $metadata?: { attempts?: number } }).$metadata?.attempts);
            throw e;
          }
        },
        { step: 'initialize', name: 'skyqlCallStats' },
      );
      this.clients.set(region, c);
    }
    return c;
  }

  private readonly watched = new WeakSet<AbortSignal>();

  /**
   * The region's client; an abort of `signal` destroys every client, failing calls in
   * flight, and no call sent through it is attempted again.
   */
  private clientFor(region: string, signal: AbortSignal | undefined): Pick<CloudControlClient, 'send'> {
    const client = this.client(region);
    if (!signal) return client;
    signal.throwIfAborted();
    if (!this.watched.has(signal)) {
      this.watched.add(signal);
      signal.addEventListener('abort', () => this.destroy(), { once: true });
    }
    const send = (command: { input: object }) => {
      this.callSignals.set(command.input, signal);
      return client.send(command as Parameters<CloudControlClient['send']>[0]);
    };
    return { send: send as CloudControlClient['send'] };
  }

  private count(attempts: number | undefined): void {
    const n = attempts ?? 1;
    this.stats.calls++;
    this.stats.attempts += n;
    this.stats.retries += n - 1;
  }

  async listPage(
    region: string,
    typeName: string,
    resourceModel: Record<string, string> | undefined,
    nextToken: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ resources: ListedResource[]; nextToken?: string }> {
    const out = await this.clientFor(region, signal).send(
      new ListResourcesCommand({
        TypeName: typeName,
        MaxResults: 100,
        NextToken: nextToken,
        ...(resourceModel ? { ResourceModel: JSON.stringify(resourceModel) } : {}),
      }));
    return {
      resources: (out.ResourceDescriptions ?? []).map((d) => ({
        identifier: d.Identifier ?? '',
        properties: d.Properties ? (JSON.parse(d.Properties) as Record<string, unknown>) : {},
      })),
      nextToken: out.NextToken,
    };
  }

  /** The resource's properties, or undefined when it does not exist. */
  async get(region: string, typeName: string, identifier: string, signal?: AbortSignal): Promise<ListedResource | undefined> {
    try {
      const out = await this.clientFor(region, signal).send(new GetResourceCommand({ TypeName: typeName, Identifier: identifier }));
      const d = out.ResourceDescription;
      return {
        identifier: d?.Identifier ?? identifier,
        properties: d?.Properties ? (JSON.parse(d.Properties) as Record<string, unknown>) : {},
      };
    } catch (e) {
      if ((e as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw e;
    }
  }

  // Writes carry a ClientToken: the SDK resends the same input on every retry, so a retry
  // after a lost response never creates (or deletes) twice.
  async create(region: string, typeName: string, desiredState: Record<string, unknown>, clientToken: string, signal?: AbortSignal, extra: WriteParameters = {}): Promise<ProgressEvent> {
    return this.write(region, new CreateResourceCommand({ TypeName: typeName, DesiredState: JSON.stringify(desiredState), ClientToken: clientToken, ...extra }), signal);
  }

  async update(region: string, typeName: string, identifier: string, patch: string, clientToken: string, signal?: AbortSignal, extra: WriteParameters = {}): Promise<ProgressEvent> {
    return this.write(region, new UpdateResourceCommand({ TypeName: typeName, Identifier: identifier, PatchDocument: patch, ClientToken: clientToken, ...extra }), signal);
  }

  async delete(region: string, typeName: string, identifier: string, clientToken: string, signal?: AbortSignal, extra: WriteParameters = {}): Promise<ProgressEvent> {
    return this.write(region, new DeleteResourceCommand({ TypeName: typeName, Identifier: identifier, ClientToken: clientToken, ...extra }), signal);
  }

  /** A write's progress event; an error says whether the request can have been received. */
  private async write(
    region: string,
    command: CreateResourceCommand | UpdateResourceCommand | DeleteResourceCommand,
    signal: AbortSignal | undefined,
  ): Promise<ProgressEvent> {
    try {
      const client = this.clientFor(region, signal);
      const out = await client.send(command as CreateResourceCommand);
      return out.ProgressEvent!;
    } catch (e) {
      if (e !== null && typeof e === 'object' && !this.maybeReceived.has(command.input)) {
        markNeverReceived(e);
      }
      throw e;
    }
  }

  async requestStatus(region: string, requestToken: string, signal?: AbortSignal): Promise<ProgressEvent> {
    const out = await this.clientFor(region, signal).send(new GetResourceRequestStatusCommand({ RequestToken: requestToken }));
    return out.ProgressEvent!;
  }

  async listRequests(region: string, filter: ResourceRequestStatusFilter | undefined, signal?: AbortSignal): Promise<ProgressEvent[]> {
    const events: ProgressEvent[] = [];
    let token: string | undefined;
    do {
      const out = await this.clientFor(region, signal).send(
        new ListResourceRequestsCommand({ MaxResults: 100, NextToken: token, ResourceRequestStatusFilter: filter }));
      events.push(...(out.ResourceRequestStatusSummaries ?? []));
      token = out.NextToken;
    } while (token);
    return events;
  }

  async cancel(region: string, requestToken: string, signal?: AbortSignal): Promise<ProgressEvent> {
    const out = await this.clientFor(region, signal).send(new CancelResourceRequestCommand({ RequestToken: requestToken }));
    return out.ProgressEvent!;
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}
