// `skyql local`: runs the local Cloud Control API server until stopped.
import { Command, InvalidArgumentError } from 'commander';
import { parseLatencySpec } from '../local/latency-spec.js';
import { defaultStatePath } from '../local/state-path.js';

function nonNegative(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || v.trim() === '') throw new InvalidArgumentError(`${name} must be a number ≥ 0.`);
    return n;
  };
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('--port must be an integer from 0 to 65535.');
  return n;
}

function share(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1 || v.trim() === '') throw new InvalidArgumentError('--fail-rate must be between 0 and 1.');
  return n;
}

function latency(v: string): { latencyMs: number; latencyJitterMs: number } {
  try {
    return parseLatencySpec(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function regionList(v: string): string[] {
  const list = v
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = list.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r));
  if (!list.length || bad) throw new InvalidArgumentError(`--region-list takes region names like us-east-1,eu-west-1${bad ? `, not '${bad}'` : ''}.`);
  return list;
}

interface LocalFlags {
  port: number;
  host: string;
  state?: string;
  regionList?: string[];
  opDelayMs: number;
  latencyMs?: { latencyMs: number; latencyJitterMs: number };
  throttleRps: number;
  failRate: number;
}

export function localCommand(): Command {
  return new Command('local')
    .description('Run a local Cloud Control API server (the local cloud) for development, demos and tests')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 4566)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--state <file>', `SQLite state file, or :memory: (default: ${defaultStatePath()})`)
    .option('--region-list <regions>', 'comma-separated regions to serve (default: any)', regionList)
    .option('--op-delay-ms <ms>', 'how long create/update/delete stay IN_PROGRESS', nonNegative('--op-delay-ms'), 20)
    .option('--latency-ms <N[±J]>', 'added latency per request, with optional jitter', latency)
    .option('--throttle-rps <n>', 'requests per second beyond which calls get ThrottlingException (0: none)', nonNegative('--throttle-rps'), 0)
    .option('--fail-rate <p>', 'share of operations (0..1) that end FAILED', share, 0)
    .action(async (flags: LocalFlags) => {
      const state = flags.state ?? defaultStatePath();
      // Loaded here: the server (SQLite, the request handler) is not needed by other commands.
      const { startLocalCloud } = await import('../local/server.js');
      const cloud = await startLocalCloud({
        port: flags.port,
        host: flags.host,
        state,
        regions: flags.regionList,
        opDelayMs: flags.opDelayMs,
        latencyMs: flags.latencyMs?.latencyMs,
        latencyJitterMs: flags.latencyMs?.latencyJitterMs,
        throttleRps: flags.throttleRps,
        failRate: flags.failRate,
      });
      // Handlers first, then the line: whoever reads the line may signal at once.
      const stopped = new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          process.stderr.write(`skyql local: ${signal}, shutting down\n`);
          cloud.close().then(resolve, (e: unknown) => {
            process.stderr.write(`skyql local: shutdown failed: ${String(e)}\n`);
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stdout.write(
        `skyql local cloud listening on ${cloud.endpoint}\n` +
          `Point AWS clients at it (any credentials work):\n` +
          `  export AWS_ENDPOINT_URL_CLOUDCONTROL=${cloud.endpoint}\n` +
          `  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${flags.regionList?.[0] ?? 'us-east-1'}\n` +
          `or pass --endpoint-url ${cloud.endpoint} to the aws CLI.\n` +
          `State: ${state}. Stop with Ctrl-C.\n`,
      );
      await stopped;
    });
}
