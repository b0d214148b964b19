// What a deploy says while it runs, on stderr: a line per resource (name, what was done,
// seconds), the queries when asked (--show-queries), and warnings. --dry-run's rendered
// queries are the command's output and go to stdout.
export type Write = (text: string) => void;

export class Progress {
  private readonly nameWidth: number;

  constructor(
    private readonly err: Write,
    private readonly out: Write,
    readonly showQueries: boolean,
    resourceNames: string[],
  ) {
    this.nameWidth = Math.min(40, Math.max(8, ...resourceNames.map((n) => n.length)));
  }

  start(operation: string, stack: string, env: string, count: number, dryRun: boolean): void {
    this.err(`${operation} ${stack} (${env})${dryRun ? ', dry run' : ''}: ${count} resource${count === 1 ? '' : 's'}\n`);
  }

  /** One resource done: `  bucket1    created, statecheck passed   0.41 s`. */
  resource(name: string, action: string, seconds: number): void {
    this.err(`  ${name.padEnd(this.nameWidth)}  ${action.padEnd(34)} ${seconds.toFixed(2)} s\n`);
  }

  /** A step within a resource, said only with --show-queries (retries are always said). */
  step(name: string, message: string, always = false): void {
    if (always || this.showQueries) this.err(`  ${name.padEnd(this.nameWidth)}  … ${message}\n`);
  }

  query(name: string, label: string, sql: string): void {
    if (this.showQueries) this.err(`-- ${name} [${label}]\n${sql}\n`);
  }

  /** --dry-run: the rendered query, as the output. */
  dryRun(name: string, label: string, sql: string): void {
    this.out(`-- ${name} [${label}]\n${sql.endsWith(';') ? sql : `${sql};`}\n\n`);
  }

  /** A line of its own on stderr (a rollback starting). */
  line(text: string): void {
    this.err(`${text}\n`);
  }

  warn(message: string): void {
    this.err(`warning: ${message}\n`);
  }

  done(operation: string, summary: string, seconds: number): void {
    this.err(`${operation} done in ${seconds.toFixed(2)} s: ${summary}\n`);
  }
}
