import { writeFileSync } from 'node:fs';
import { Option } from 'commander';
import { formatResult } from '../output/format.js';
import { OUTPUT_FORMATS, type OutputFormat, type ResultSet } from '../output/result-set.js';

export const outputOption = () =>
  new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table');

/** Writes results to --outfile or stdout; tables fit the terminal when stdout is one. */
export class ResultWriter {
  private readonly chunks: string[] = [];
  constructor(
    private readonly format: OutputFormat,
    private readonly outfile?: string,
  ) {}

  write(rs: ResultSet): void {
    const width = this.outfile || !process.stdout.isTTY ? undefined : process.stdout.columns;
    const text = formatResult(rs, this.format, width);
    if (this.outfile) this.chunks.push(text);
    else process.stdout.write(text);
  }

  close(): void {
    if (this.outfile) writeFileSync(this.outfile, this.chunks.join(''));
  }
}
