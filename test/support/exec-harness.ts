// `skyql exec` in-process: what its action does (templates rendered by renderScript, the
// Engine run statement by statement, results written by the CLI's ResultWriter, an error
// reported by reportError with its exit code), minus commander and the process. Tests of
// what a statement does use this; tests of the CLI itself (argument parsing, exit of the
// process, stdout of a real pipe, signals) use runCli.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderScript, type EngineFlags } from '../../src/cli/engine-options.js';
import { reportError } from '../../src/cli/errors.js';
import { execCommand } from '../../src/cli/exec-command.js';
import { ResultWriter } from '../../src/cli/output-options.js';
import { Engine, type EngineOptions, type StatementOutcome } from '../../src/exec/engine.js';
import { ResultCache } from '../../src/exec/result-cache.js';
import type { OutputFormat } from '../../src/output/result-set.js';
import type { CliResult } from './cli.js';
import type { TestCloud } from './local-cloud.js';

// The SDK's standard credential chain reads these; the local cloud accepts any.
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

export type Result = StatementOutcome['result'];

export interface ExecOptions extends EngineOptions {
  /** -o; default table. */
  output?: OutputFormat;
  /** --var NAME=VALUE flags. */
  vars?: string[];
  /** --iqldata FILE. */
  iqldata?: string;
}

export interface ExecResult extends CliResult {
  results: Result[];
  error?: Error;
  /** What --stats reports. */
  stats: { calls: number; attempts: number; retries: number; cached: number };
}

/**
 * Runs `script` as `skyql exec` would against `endpoint` (a cloud, a URL, or none for
 * statements that make no call): stdout is what exec prints, stderr its notes and error
 * line, code its exit code.
 */
export async function execSql(endpoint: TestCloud | string | undefined, script: string, opts: ExecOptions = {}): Promise<ExecResult> {
  const { output = 'table', vars = [], iqldata, ...engineOpts } = opts;
  const url = typeof endpoint === 'string' ? endpoint : endpoint?.endpoint;
  const dir = mkdtempSync(join(tmpdir(), 'skyql-exec-'));
  const outfile = join(dir, 'stdout');
  const results: Result[] = [];
  let stderr = '';
  let code = 0;
  let error: Error | undefined;
  let stats = { calls: 0, attempts: 0, retries: 0, cached: 0 };
  try {
    const rendered = await renderScript(script, vars, iqldata);
    // The outfile stands in for stdout: a table is as wide as through a pipe without $COLUMNS.
    const writer = new ResultWriter(output, outfile);
    const engine = new Engine({ ...engineOpts, aws: { ...(url ? { endpointUrl: url } : {}), ...engineOpts.aws } });
    try {
      for await (const { result } of engine.run(rendered)) {
        results.push(result);
        for (const n of result.notices ?? []) stderr += `note: ${n}\n`;
        writer.write({ ...result, notices: undefined });
      }
    } finally {
      writer.close();
      stats = engine.stats();
      engine.close();
    }
  } catch (e) {
    error = e as Error;
    code = reportError(e, (t) => (stderr += t));
  }
  let stdout = '';
  try {
    stdout = readFileSync(outfile, 'utf8');
  } catch {
    // Never opened: the script failed before its first result.
  }
  rmSync(dir, { recursive: true, force: true });
  return { code, stdout, stderr, results, error, stats };
}

/**
 * `skyql exec ARGS…` in-process: the arguments parsed by exec's own command definition,
 * then run as execSql runs them. For tests written as command lines; an argument this
 * cannot honour (--local, --outfile, --stats: the CLI's own) is refused.
 */
export async function execArgs(endpoint: TestCloud | string | undefined, args: string[]): Promise<ExecResult> {
  if (args[0] !== 'exec') throw new Error(`execArgs runs exec, not ${args[0]}`);
  let parsed: { statement?: string; opts: EngineFlags & { output: OutputFormat; infile?: string; outfile?: string; stats?: boolean } } | undefined;
  const cmd = execCommand()
    .exitOverride()
    .action((statement: string | undefined, opts: NonNullable<typeof parsed>['opts']) => {
      parsed = { statement, opts };
    });
  await cmd.parseAsync(args.slice(1), { from: 'user' });
  const { statement, opts } = parsed!;
  if (opts.local || opts.outfile || opts.stats) throw new Error('execArgs: --local, --outfile and --stats are for runCli');
  if (statement === undefined && !opts.infile) throw new Error('execArgs: give a statement or --infile');
  const script = statement ?? readFileSync(opts.infile!, 'utf8');
  return execSql(opts.endpointUrl ?? endpoint, script, {
    output: opts.output,
    vars: opts.var,
    iqldata: opts.iqldata,
    concurrency: opts.concurrency,
    await: opts.await,
    dryRun: opts.dryRun,
    allowUnbounded: opts.allowUnbounded,
    ...(opts.cacheTtl ? { cache: new ResultCache(opts.cacheTtl * 1000) } : {}),
  });
}

/**
 * A command object (docsCommand(), localCommand(), …) run in-process as main.ts runs it:
 * a commander error gives its exit code, any other error is reported by reportError, and
 * an exit code the command sets is its code (the test process's own is put back). What
 * the command writes to stderr is captured (stdout is the test runner's: a command run
 * this way must not print there).
 */
export async function runCommand(command: Command, args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = process.stderr.write;
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  let code: number;
  try {
    await command
      .exitOverride()
      .configureOutput({ writeErr: (t) => (stderr += t), writeOut: (t) => (stderr += t) })
      .parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    code = e instanceof CommanderError ? e.exitCode : reportError(e, (t) => (stderr += t));
  } finally {
    process.stderr.write = write;
    process.exitCode = exitCode;
  }
  return { code, stderr };
}
