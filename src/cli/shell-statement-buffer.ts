// The statement being typed in the shell: lines gather until a `;` ends it outside
// quotes and comments. Each line is scanned once as it comes, so a statement of many
// lines costs linear time.
import { StatementEndScanner } from '../sql/split-statements.js';

/** True once the text holds a complete statement: a `;` outside quotes and comments. */
export function isComplete(text: string): boolean {
  const scanner = new StatementEndScanner();
  scanner.push(text);
  return scanner.complete;
}

/** Whether text holds more than whitespace and comments. */
export function hasStatement(text: string): boolean {
  return text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '';
}

export class StatementBuffer {
  private text = '';
  private scanner = new StatementEndScanner();

  /** The lines typed so far, joined by newlines ('' when none). */
  get pending(): string {
    return this.text;
  }

  /** Nothing but whitespace typed yet: a dot-command or `exit` may come. */
  get empty(): boolean {
    return this.text.trim() === '';
  }

  /** Adds a line; returns the whole statement once it is complete (and starts the next). */
  push(line: string): string | undefined {
    const piece = (this.text ? '\n' : '') + line;
    this.text += piece;
    this.scanner.push(piece);
    if (!this.scanner.complete) return undefined;
    const statement = this.text;
    this.clear();
    return statement;
  }

  clear(): void {
    this.text = '';
    this.scanner = new StatementEndScanner();
  }
}
