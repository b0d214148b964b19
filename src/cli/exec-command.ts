import { setMaxListeners } from 'node:events';
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { OutputFormat } from '../output/result-set.js';
import { engineFrom, localCloudFor, renderScript, withEngineOptions, type EngineFlags } from './engine-options.js';
import { outputOption, ResultWriter } from './output-options.js';

interface ExecOptions extends EngineFlags {
  output: OutputFormat;
  outfile?: string;
  infile?: string;
  stats?: boolean;
}

async function readScript(statement: string | undefined, infile: string | undefined): Promise<string> {
  if (statement !== undefined && infile) throw new UsageError('give a statement or --infile, not both');
  if (statement !== undefined) return statement;
  if (infile === undefined && process.stdin.isTTY) throw new UsageError('no statement: skyql exec "SELECT …", --infile FILE, or pipe SQL on stdin');
  try {
    // stdin is read as a stream: a synchronous read of a non-blocking pipe fails with EAGAIN.
    return infile !== undefined ? await readFile(infile, 'utf8') : await text(process.stdin);
  } catch (e) {
    throw new UsageError(`cannot read ${infile ?? 'stdin'}: ${(e as Error).message}`);
  }
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
  const cmd = new Command('exec')
    .description('run SQL statements (separated by ;) and print their results')
    .argument('[statement]', 'the SQL to run; omit to read --infile or stdin')
    .option('-i, --infile <file>', 'read the SQL from a file')
    .addOption(outputOption())
    .option('--outfile <file>', 'write results to a file instead of stdout');
  return withEngineOptions(cmd)
    .option('--stats', 'print the API calls made, retries, wall time and peak memory to stderr')
    .action(async (statement: string | undefined, opts: ExecOptions) => {
      const started = performance.now();
      const script = await renderScript(await readScript(statement, opts.infile), opts.var, opts.iqldata);
      const writer = new ResultWriter(opts.output, opts.outfile);
      const local = await localCloudFor(opts);
      const interrupt = cancelOnInterrupt();
      const engine = engineFrom({ ...opts, endpointUrl: local?.endpointUrl ?? opts.endpointUrl }, interrupt.signal);
      try {
        for await (const { result } of engine.run(script)) writer.write(result);
      } finally {
        writer.close();
        if (opts.stats) {
          const s = engine.stats();
          const secs = ((performance.now() - started) / 1000).toFixed(3);
          const mb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
          process.stderr.write(`stats: ${s.calls} API calls, ${s.attempts} HTTP attempts (${s.retries} retried), ${s.cached} answers from the cache, ${secs} s, peak RSS ${mb} MB\n`);
        }
        engine.close();
        await local?.close();
        interrupt.dispose();
      }
    });
}
