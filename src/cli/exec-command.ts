import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { Engine } from '../exec/engine.js';
import type { OutputFormat } from '../output/result-set.js';
import { outputOption, ResultWriter } from './output-options.js';

interface ExecOptions {
  output: OutputFormat;
  outfile?: string;
  infile?: string;
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

export function execCommand(): Command {
  return new Command('exec')
    .description('run SQL statements (separated by ;) and print their results')
    .argument('[statement]', 'the SQL to run; omit to read --infile or stdin')
    .option('-i, --infile <file>', 'read the SQL from a file')
    .addOption(outputOption())
    .option('--outfile <file>', 'write results to a file instead of stdout')
    .action(async (statement: string | undefined, opts: ExecOptions) => {
      const script = readScript(statement, opts.infile);
      const engine = new Engine();
      const writer = new ResultWriter(opts.output, opts.outfile);
      try {
        for await (const { result } of engine.run(script)) writer.write(result);
      } finally {
        writer.close();
      }
    });
}
