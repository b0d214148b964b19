import { Option } from 'commander';
import { ExecutionError, UsageError } from '../errors.js';
import { formatResult } from '../output/format.js';
import { rowObjects } from '../output/format-json.js';
import { OutfileSink } from '../output/outfile-sink.js';
import type { ResultSet } from '../contracts/result-set.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/result-set.js';
import { reportError } from './errors.js';

/** The terminal's width; through a pipe, $COLUMNS if set (as `COLUMNS=100 skyql … | less`), else unbounded. */
export function terminalWidth(): number | undefined {
  if (process.stdout.isTTY) return process.stdout.columns;
  const cols = Number(process.env.COLUMNS);
  return Number.isInteger(cols) && cols > 20 ? cols : undefined;
}

/** --endpoint-url must be an http(s) URL: anything else would surface later as a credentials error. */
export const endpointOption = () =>
  new Option('--endpoint-url <url>', 'Cloud Control endpoint (default: AWS_ENDPOINT_URL_CLOUDCONTROL, AWS_ENDPOINT_URL, or AWS)').argParser((v: string) => {
    let url: URL | undefined;
    try {
      url = new URL(v);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) throw new UsageError(`--endpoint-url takes an http(s) URL such as http://127.0.0.1:4566, not '${v}'`);
    return v;
  });

export const outputOption = () =>
  new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table');

/**
 * Writes results to --outfile or stdout; tables fit the terminal when stdout is one.
 * The outfile is opened here, before any statement runs: a path that cannot be written is
 * a usage error before the first API call.
 */
export class ResultWriter {
  private readonly sink?: OutfileSink;
  private readonly jsonResults: ResultSet[] = [];

  constructor(
    private readonly format: OutputFormat,
    outfile?: string,
  ) {
    if (outfile !== undefined) this.sink = new OutfileSink(outfile);
  }

  write(rs: ResultSet): void {
    for (const n of rs.notices ?? []) process.stderr.write(`note: ${n}\n`);
    // JSON stays one document: several statements make an array of their arrays.
    if (this.format === 'json') {
      this.jsonResults.push(rs);
      return;
    }
    this.emit(formatResult(rs, this.format, this.sink ? undefined : terminalWidth()));
  }

  private emit(text: string): void {
    if (this.sink) this.sink.write(text);
    else process.stdout.write(text);
  }

  /**
   * Writes what is held back, then closes the outfile. Had it failed, the results went to
   * stdout: that is reported here, with exit code 1, but not thrown, so an error of the
   * statements themselves (reported after this) still decides the exit code.
   */
  close(): void {
    if (this.jsonResults.length === 1) this.emit(formatResult(this.jsonResults[0], 'json'));
    else if (this.jsonResults.length > 1) this.emit(JSON.stringify(this.jsonResults.map(rowObjects), null, 2) + '\n');
    this.jsonResults.length = 0;
    const problem = this.sink?.close();
    if (problem) process.exitCode = reportError(new ExecutionError(problem));
  }
}
