// `skyql srv`: a Postgres wire-protocol server over the engine, so psql, BI tools and any
// Postgres driver can query the cloud. Runs until stopped.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_SERVER_CACHE_TTL, engineFrom, localCloudFor, withEngineOptions, type EngineFlags } from './engine-options.js';

interface SrvFlags extends EngineFlags {
  port: number;
  host: string;
  user?: string;
  password?: string;
  authMethod: 'scram-sha-256' | 'password';
  tlsCert?: string;
  tlsKey?: string;
  statementTimeout: number;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535 || v.trim() === '') throw new InvalidArgumentError('--port must be an integer from 0 to 65535.');
  return n;
}

function milliseconds(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || v.trim() === '') throw new InvalidArgumentError('--statement-timeout takes a whole number of milliseconds (0: none).');
  return n;
}

function readTls(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read the TLS ${what} '${file}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

export function srvCommand(): Command {
  const cmd = new Command('srv')
    .description('serve SQL over the Postgres wire protocol, for psql, BI tools and Postgres drivers')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 5444)
    .option('--host <host>', 'address to listen on; any but loopback needs a password', '127.0.0.1')
    .option('--user <name>', 'the only user name accepted (default: any)')
    .addOption(new Option('--password <password>', 'the password clients must give (SCRAM-SHA-256); prefer the environment variable').env('SKYQL_SRV_PASSWORD'))
    .addOption(
      new Option('--auth-method <method>', 'how the password is checked: scram-sha-256, or password (cleartext, over TLS only)')
        .choices(['scram-sha-256', 'password'])
        .default('scram-sha-256'),
    )
    .option('--tls-cert <file>', 'PEM certificate: clients may then connect with TLS (sslmode=require)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--statement-timeout <ms>', 'cancel a statement (and its API calls) after this long; 0: never', milliseconds, 0);
  return withEngineOptions(cmd).action(async (flags: SrvFlags) => {
    if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) throw new UsageError('--tls-cert and --tls-key go together.');
    const tls = flags.tlsCert && flags.tlsKey ? { cert: readTls(flags.tlsCert, 'certificate'), key: readTls(flags.tlsKey, 'key') } : undefined;
    // Loaded here: the server is not needed by other commands.
    const [{ startPgServer }, { loadIqlData, parseVarFlags }] = await Promise.all([import('../server/pg-server.js'), import('../template/index.js')]);
    const vars = { ...(flags.iqldata ? loadIqlData(flags.iqldata) : {}), ...parseVarFlags(flags.var) };
    const local = await localCloudFor(flags);
    // One result cache for every session (on by default for a server): a write drops its service's answers for all.
    const base = engineFrom({ ...flags, endpointUrl: local?.endpointUrl ?? flags.endpointUrl, cacheTtl: flags.cacheTtl ?? DEFAULT_SERVER_CACHE_TTL });
    const server = await startPgServer({
      host: flags.host,
      port: flags.port,
      user: flags.user,
      password: flags.password || undefined,
      authMethod: flags.authMethod,
      tls,
      statementTimeoutMs: flags.statementTimeout,
      engine: base.options,
      vars,
    });
    base.close();
    // Handlers first, then the line: whoever reads the line may signal at once.
    const stopped = new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.stderr.write(`skyql srv: ${signal}, shutting down\n`);
        server.close().then(() => local?.close()).then(resolve, (e: unknown) => {
          process.stderr.write(`skyql srv: shutdown failed: ${String(e)}\n`);
          resolve();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    process.stdout.write(`skyql srv listening on ${server.url}\n`);
    await stopped;
  });
}
