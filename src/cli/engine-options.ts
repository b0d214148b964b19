// The options every statement-running command shares (exec, shell): templates, the
// AWS endpoint and credentials, concurrency, and how writes behave.
import type { Command} from 'commander';
import { Option } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_CONCURRENCY, Engine } from '../exec/engine.js';
import { ResultCache } from '../exec/result-cache.js';
import { hasTemplateSyntax } from '../template/has-template-syntax.js';
import { endpointOption } from './output-options.js';

export interface EngineFlags {
  var: string[];
  iqldata?: string;
  endpointUrl?: string;
  profile?: string;
  concurrency: number;
  await?: boolean;
  dryRun?: boolean;
  allowUnbounded?: boolean;
  /** --local: the local cloud on its default state file, in this process or the running `skyql local`. */
  local?: boolean;
  /** --cache-ttl: seconds to keep Cloud Control read answers; 0 = off. */
  cacheTtl?: number;
}

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number of at least 1, got '${v}'`);
    return n;
  };
}

/** `{{ name }}` rendered from --iqldata, then --var (a --var wins). */
export async function renderScript(script: string, vars: string[], iqldata?: string): Promise<string> {
  const templated = hasTemplateSyntax(script);
  if (!templated && vars.length === 0 && !iqldata) return script;
  // nunjucks loads only when needed: plain SQL starts faster. Given flags are checked
  // even when the SQL has no {{ }}, so a bad --iqldata never passes silently.
  const { loadIqlData, parseVarFlags, renderSql } = await import('../template/index.js');
  const context = { ...(iqldata ? loadIqlData(iqldata) : {}), ...parseVarFlags(vars) };
  return templated ? renderSql(script, context) : script;
}

export function withEngineOptions(cmd: Command): Command {
  return cmd
    .option('--var <name=value>', 'a value for {{ name }} in the SQL (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--iqldata <file>', 'values for {{ }} placeholders from a JSON or YAML file')
    .addOption(endpointOption())
    .option('--profile <name>', 'AWS shared config/credentials profile')
    .addOption(
      new Option('--concurrency <n>', 'API calls in flight at once')
        .default(DEFAULT_CONCURRENCY)
        .argParser(positiveInt('--concurrency')),
    )
    .option('--await', 'wait for every write to finish, as the /*+ AWAIT */ hint does')
    .option('--dry-run', 'print the API calls each statement would make, and make none')
    .option('--allow-unbounded', 'let UPDATE and DELETE change every resource of a type (a WHERE with only region, or none)')
    .addOption(localOption())
    .addOption(cacheTtlOption());
}

/** --local, for every command that runs statements (mcp declares its own options). */
export const localOption = () =>
  new Option('--local', 'use the local cloud (its default state file): the running `skyql local`, else one in this process');

/** --cache-ttl; `defaultSeconds` for the servers, which keep answers by default. */
export function cacheTtlOption(defaultSeconds?: number): Option {
  const option = new Option('--cache-ttl <seconds>', "keep Cloud Control read answers this long (0: off); a write drops its service's; /*+ NOCACHE */ reads afresh").argParser(
    (v: string) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--cache-ttl takes a number of seconds (0 or more), got '${v}'`);
      return n;
    },
  );
  return defaultSeconds === undefined ? option : option.default(defaultSeconds);
}

/** Servers (srv, mcp) keep read answers briefly unless told otherwise: their clients repeat reads. */
export const DEFAULT_SERVER_CACHE_TTL = 5;

export interface LocalCloudUse {
  endpointUrl: string;
  close(): Promise<void>;
}

/**
 * With --local, the local cloud's endpoint: the running `skyql local` on the default
 * state file if there is one, else a local cloud started in this process on that file
 * (so a newcomer needs no second terminal and no endpoint variable).
 */
export async function localCloudFor(flags: Pick<EngineFlags, 'local' | 'endpointUrl'>): Promise<LocalCloudUse | undefined> {
  if (!flags.local) return undefined;
  if (flags.endpointUrl) throw new UsageError('give --local or --endpoint-url, not both');
  const [{ defaultStatePath }, { readEndpoint }, { startLocalCloud }] = await Promise.all([
    import('../local/state-path.js'),
    import('../local/endpoint-file.js'),
    import('../local/server.js'),
  ]);
  const state = defaultStatePath();
  const running = (): LocalCloudUse | undefined => {
    const r = readEndpoint(state);
    if (!r) return undefined;
    if (r.embedded) {
      throw new UsageError(
        `the local cloud's state ${state} is in use by another command run with --local (pid ${r.pid}): wait for it to end, or start \`skyql local\` and every --local command will use it`,
      );
    }
    return { endpointUrl: r.endpoint, close: () => Promise.resolve() };
  };
  const found = running();
  if (found) return found;
  try {
    const cloud = await startLocalCloud({ port: 0, state, embedded: true });
    return { endpointUrl: cloud.endpoint, close: () => cloud.close() };
  } catch (e) {
    // Another server took the file between our look and our start.
    const late = running();
    if (late) return late;
    throw e;
  }
}

/** `cache`: one to share between engines (a server's sessions); else one from --cache-ttl, if set. */
export function engineFrom(flags: EngineFlags, signal?: AbortSignal, cache?: ResultCache): Engine {
  return new Engine({
    aws: { endpointUrl: flags.endpointUrl, profile: flags.profile },
    concurrency: flags.concurrency,
    signal,
    await: flags.await,
    dryRun: flags.dryRun,
    allowUnbounded: flags.allowUnbounded,
    cache: cache ?? (flags.cacheTtl ? new ResultCache(flags.cacheTtl * 1000) : undefined),
  });
}
