// `type: script` resources: the manifest's `run:` text is a shell script that build runs
// with /bin/sh -c (stackql-deploy v1 and v2 both run `sh -c <rendered run>`); when the
// resource lists exports, the script's stdout must be one JSON object holding each of
// them (v1 and v2 alike), and a script that exits non-zero fails the build (v2; v1 does
// not look at the exit status).
//
// Templates are data, not code: stackql-deploy splices rendered values into the script
// text, so a value holding `"; rm -rf ~` becomes shell. skyql never does. Every `{{ … }}`
// output becomes an environment variable of the script (SKYQL_TEMPLATE_VALUE_1, _2, …)
// and the script text gets a reference to it, written for where it lands — bare
// "${V}", inside "…" ${V}, inside '…' '"${V}"', in a here-document ${V} — so the shell
// reads the value as data, whatever it holds. A value that cannot be placed so (in a
// quoted here-document, after a backslash or a $) is refused, naming the line.
import { spawn } from 'node:child_process';
import { renderTemplate } from '../template/render-template.js';
import { DeployError, StackError } from './errors.js';
import type { ResourceSpec } from './manifest.js';
import { EVALUATED, type StackRun } from './runner.js';

export const VALUE_PREFIX = 'SKYQL_TEMPLATE_VALUE_';
const OPEN = '\u0001';
const CLOSE = '\u0002';

export interface PreparedScript {
  /** What /bin/sh -c runs: the `run:` text with each template value replaced by a variable reference. */
  script: string;
  /** The values, by variable name. */
  values: Record<string, string>;
}

/**
 * Renders a script template so that no template value is ever shell syntax: each `{{ }}`
 * output is passed in an environment variable. `where` names the manifest line for errors.
 */
export function prepareScript(text: string, ctx: Record<string, unknown>, where: string, missingVariableHint?: (name: string) => string): PreparedScript {
  if (text.includes(OPEN) || text.includes(CLOSE)) throw new StackError(`${where}: the script holds the control characters \\x01 or \\x02, which skyql reserves`);
  const rendered = renderTemplate(markOutputs(text), ctx, { source: where, missingVariableHint });
  // Literal text and values, alternating: lit0, val1, lit1, val2, …
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const open = rendered.indexOf(OPEN, i);
    const stray = rendered.indexOf(CLOSE, i);
    if (stray >= 0 && (open < 0 || stray < open)) throw new StackError(`${where}: a template value holds the control character \\x02; a script cannot take it`);
    if (open < 0) {
      parts.push(rendered.slice(i));
      break;
    }
    const close = rendered.indexOf(CLOSE, open + 1);
    const value = close < 0 ? '' : rendered.slice(open + 1, close);
    if (close < 0 || value.includes(OPEN)) throw new StackError(`${where}: a template value holds the control character \\x01; a script cannot take it`);
    parts.push(rendered.slice(i, open), value);
    i = close + 1;
  }
  const scanner = new ShellScanner(where);
  const values: Record<string, string> = {};
  let script = '';
  for (let k = 0; k < parts.length; k++) {
    if (k % 2 === 0) {
      scanner.feed(parts[k]);
      script += parts[k];
      continue;
    }
    const value = parts[k];
    if (value.includes('\0')) throw new StackError(`${where}: a template value holds a NUL character, which cannot be passed to a script`);
    const name = `${VALUE_PREFIX}${(k + 1) / 2}`;
    values[name] = value;
    script += scanner.reference(name, script.split('\n').length);
  }
  return { script, values };
}

/** Puts OPEN before and CLOSE after every `{{ … }}`, keeping `{{-`/`-}}` whitespace control. */
function markOutputs(text: string): string {
  let out = '';
  let last = 0;
  let trimNext = false;
  for (const m of text.matchAll(/\{\{-?[\s\S]*?-?\}\}/g)) {
    let before = text.slice(last, m.index);
    if (trimNext) before = before.replace(/^\s+/, '');
    if (m[0].startsWith('{{-')) before = before.replace(/\s+$/, '');
    out += before + OPEN + m[0] + CLOSE;
    trimNext = m[0].endsWith('-}}');
    last = m.index + m[0].length;
  }
  let rest = text.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, '');
  return out + rest;
}

type State = 'bare' | 'single' | 'double' | 'paren' | 'backtick' | 'comment' | 'heredoc' | 'heredoc-quoted';

/**
 * Follows the POSIX shell's quoting as text goes by, to know where a value lands:
 * '…', "…", $( … ), `…`, # comments and here-documents (<<EOF, <<'EOF', <<-EOF).
 */
class ShellScanner {
  private readonly stack: State[] = ['bare'];
  private escaped = false;
  private prev = '\n';
  private atLineStart = true;
  private pending: { delim: string; quoted: boolean; strip: boolean }[] = [];
  private heredoc: { delim: string; strip: boolean } | undefined;

  constructor(private readonly where: string) {}

  private get top(): State {
    return this.stack[this.stack.length - 1];
  }

  feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      const state = this.top;
      if (state === 'heredoc' || state === 'heredoc-quoted') {
        if (this.atLineStart && this.heredoc) {
          const end = text.indexOf('\n', i);
          const line = text.slice(i, end < 0 ? text.length : end);
          if ((this.heredoc.strip ? line.replace(/^\t+/, '') : line) === this.heredoc.delim && end >= 0) {
            this.stack.pop();
            this.startHeredoc();
            i = end;
            this.prev = '\n';
            this.atLineStart = true;
            continue;
          }
        }
        this.atLineStart = c === '\n';
        this.prev = c;
        continue;
      }
      this.atLineStart = c === '\n';
      if (this.escaped) {
        this.escaped = false;
        this.prev = c === '\n' ? ' ' : 'x';
        continue;
      }
      switch (state) {
        case 'single':
          if (c === "'") this.stack.pop();
          break;
        case 'comment':
          if (c === '\n') {
            this.stack.pop();
            this.newline();
          }
          break;
        case 'double':
          if (c === '\\') this.escaped = true;
          else if (c === '"') this.stack.pop();
          else if (c === '`') this.stack.push('backtick');
          else if (c === '(' && this.prev === '$') this.stack.push('paren');
          break;
        default: {
          // bare, paren, backtick: unquoted shell.
          if (c === '\\') this.escaped = true;
          else if (c === "'") this.stack.push('single');
          else if (c === '"') this.stack.push('double');
          else if (c === '`') {
            if (state === 'backtick') this.stack.pop();
            else this.stack.push('backtick');
          } else if (c === '(') this.stack.push('paren');
          else if (c === ')' && state === 'paren') this.stack.pop();
          else if (c === '#' && /[\s;&|()]/.test(this.prev)) this.stack.push('comment');
          else if (c === '<' && text[i + 1] === '<') {
            const m = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([A-Za-z0-9_.-]+))/.exec(text.slice(i));
            if (m) {
              this.pending.push({ delim: m[2] ?? m[3] ?? m[4], quoted: m[4] === undefined || m[0].includes('\\'), strip: m[1] === '-' });
              i += m[0].length - 1;
            }
          } else if (c === '\n') this.newline();
        }
      }
      this.prev = c;
    }
  }

  private newline(): void {
    this.atLineStart = true;
    this.startHeredoc();
  }

  private startHeredoc(): void {
    const next = this.pending.shift();
    this.heredoc = next;
    if (next) this.stack.push(next.quoted ? 'heredoc-quoted' : 'heredoc');
  }

  /** The text that stands for the value named `name` where the scan is now. */
  reference(name: string, line: number): string {
    const refuse = (why: string) => {
      throw new StackError(`${this.where}, script line ${line}: a template value ${why}; skyql passes template values to scripts as environment variables and cannot place one there`);
    };
    const state = this.top;
    if (this.escaped) refuse('follows a backslash');
    if (this.prev === '$' && state !== 'single' && state !== 'heredoc-quoted') refuse("follows a '$'");
    this.prev = 'x';
    this.atLineStart = false;
    switch (state) {
      case 'single':
        return `'"\${${name}}"'`;
      case 'double':
      case 'heredoc':
      case 'comment':
        return `\${${name}}`;
      case 'heredoc-quoted':
        return refuse(`is inside a quoted here-document (<<'${this.heredoc?.delim ?? 'EOF'}'), where nothing is expanded; use an unquoted one`);
      default:
        return `"\${${name}}"`;
    }
  }
}

export interface ScriptResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the script with /bin/sh -c, its values in its environment. */
export function runShell(p: PreparedScript, signal?: AbortSignal): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', p.script], { env: { ...process.env, ...p.values }, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr }));
  });
}

/** build of a script resource: render, run, take its exports from stdout. */
export async function buildScript(run: StackRun, res: ResourceSpec, ctx: Record<string, unknown>): Promise<string> {
  const where = `${run.manifest.file} line ${res.runLine ?? res.line}, ${res.field} run`;
  const prepared = prepareScript(res.run ?? '', ctx, where, (n) => run.context.missingHint(n, res));
  const shown = [prepared.script.trim(), ...Object.entries(prepared.values).map(([k, v]) => `# ${k}=${JSON.stringify(v)}`)].join('\n');
  if (run.dryRun) {
    run.progress.dryRun(res.name, 'script', shown);
    if (res.exports.length) run.context.setExports(res.name, Object.fromEntries(res.exports.map((e) => [e.name, EVALUATED])));
    return 'script shown';
  }
  run.progress.query(res.name, 'script', shown);
  const r = await runShell(prepared, run.signal);
  run.ledger.wrote(res.name, 'command');
  if (r.code !== 0) {
    const tail = r.stderr.trim().split('\n').slice(-20).join('\n');
    throw new DeployError(`${where}: the script of '${res.name}' ${r.signal ? `was ended by ${r.signal}` : `exited with status ${r.code}`}${tail ? `; its stderr:\n${tail}` : ' (nothing on stderr)'}`);
  }
  if (res.exports.length === 0) return 'script run';
  let out: unknown;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    throw new DeployError(`${where}: the script of '${res.name}' must print one JSON object holding its exports (${res.exports.map((e) => e.column).join(', ')}) on stdout; it printed ${JSON.stringify(r.stdout.slice(0, 300))}`);
  }
  if (out === null || typeof out !== 'object' || Array.isArray(out)) {
    throw new DeployError(`${where}: the script of '${res.name}' printed JSON that is not an object: ${JSON.stringify(r.stdout.slice(0, 300))}`);
  }
  const obj = out as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const e of res.exports) {
    if (!Object.hasOwn(obj, e.column)) throw new DeployError(`${where}: export '${e.column}' of '${res.name}' is not in the JSON its script printed (it has ${Object.keys(obj).join(', ') || 'no key'})`);
    values[e.name] = obj[e.column];
  }
  run.context.setExports(res.name, values);
  const said = Object.entries(values).map(([k, v]) => `${k}=${res.protected.includes(k) ? '****' : typeof v === 'string' ? v : JSON.stringify(v)}`);
  run.progress.step(res.name, `exports ${said.join(', ')}`);
  return 'script run, exported';
}
