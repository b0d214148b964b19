// A one-line progress report on stderr, shown only on a terminal and only once a
// statement has run for more than a second, so quick queries and pipes stay clean.

export class Progress {
  private readonly started = Date.now();
  private timer?: NodeJS.Timeout;
  private shown = false;
  calls = 0;
  resources = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = Boolean(process.stderr.isTTY),
  ) {
    if (this.enabled) {
      this.timer = setInterval(() => this.render(), 200);
      this.timer.unref();
    }
  }

  private render(): void {
    const elapsed = Date.now() - this.started;
    if (elapsed < 1000) return;
    this.shown = true;
    const secs = (elapsed / 1000).toFixed(1);
    this.stream.write(`\r\x1b[K${this.label}: ${this.calls} calls, ${this.resources} resources, ${secs}s (Ctrl-C cancels)`);
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}
