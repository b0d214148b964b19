import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_CONCURRENCY, Engine } from '../exec/engine.js';
import type { OutputFormat } from '../output/result-set.js';
import { hasTemplateSyntax } from '../template/has-template-syntax.js';
import { endpointOption, outputOption, ResultWriter } from './output-options.js';

interface ExecOptions {
  output: OutputFormat;
  outfile?: string;
  infile?: string;
  var: string[];
  iqldata?: string;
  endpointUrl?: string;
  profile?: string;
  concurrency: number;
  await?: boolean;
  dryRun?: boolean;
  allowUnbounded?: boolean;
  stats?: boolean;
}

function readScript(statement: string | undefined, infile: string | undefined): string {
  if (statement !== undefined && infile) throw new UsageError('give a statement or --infile, not both');
  if (statement !== undefined) return statement;
  const file = infile ?? (process.stdin.isTTY ? undefined : 0);
  if (file === undefined) throw new UsageError('no statement: skyql exec "SELECT …", --infile FILE, or pipe SQL on stdin');
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${infile ?? 'stdin'}: ${(e as Error).message}`);
  }
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
  const { loadIqlData, parseVarFlags, renderTemplate } = await import('../template/index.js');
  const context = { ...(iqldata ? loadIqlData(iqldata) : {}), ...parseVarFlags(vars) };
  return templated ? renderTemplate(script, context) : script;
}

/** Ctrl-C cancels the running statement's calls; a second Ctrl-C exits at once. */
export function cancelOnInterrupt(): { signal: AbortSignal; dispose: () => void } {
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per in-flight call
  const onInt = () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write('\ncancelling… (Ctrl-C again to quit now)\n');
    abort.abort(new UsageError('cancelled by Ctrl-C'));
  };
  process.on('SIGINT', onInt);
  return { signal: abort.signal, dispose: () => process.off('SIGINT', onInt) };
}

export function execCommand(): Command {
  return new Command('exec')
    .description('run SQL statements (separated by ;) and print their results')
    .argument('[statement]', 'the SQL to run; omit to read --infile or stdin')
    .option('-i, --infile <file>', 'read the SQL from a file')
    .addOption(outputOption())
    .option('--outfile <file>', 'write results to a file instead of stdout')
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
    .option('--stats', 'print the API calls made, retries, wall time and peak memory to stderr')
    .action(async (statement: string | undefined, opts: ExecOptions) => {
      const started = performance.now();
      const script = await renderScript(readScript(statement, opts.infile), opts.var, opts.iqldata);
      const interrupt = cancelOnInterrupt();
      const engine = new Engine({
        aws: { endpointUrl: opts.endpointUrl, profile: opts.profile },
        concurrency: opts.concurrency,
        signal: interrupt.signal,
        await: opts.await,
        dryRun: opts.dryRun,
        allowUnbounded: opts.allowUnbounded,
      });
      const writer = new ResultWriter(opts.output, opts.outfile);
      try {
        for await (const { result } of engine.run(script)) writer.write(result);
      } finally {
        writer.close();
        if (opts.stats) {
          const s = engine.stats();
          const secs = ((performance.now() - started) / 1000).toFixed(3);
          const mb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
          process.stderr.write(`stats: ${s.calls} API calls, ${s.attempts} HTTP attempts (${s.retries} retried), ${secs} s, peak RSS ${mb} MB\n`);
        }
        engine.close();
        interrupt.dispose();
      }
    });
}
