// `skyql shell`: an interactive session. Statements end with `;` and may span lines;
// Ctrl-C cancels the running statement (or clears the line), Ctrl-D or .exit leaves.
import { setMaxListeners } from 'node:events';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatResult } from '../output/format.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/result-set.js';
import { StatementEndScanner } from '../sql/split-statements.js';
import { engineFrom, localCloudFor, renderScript, withEngineOptions, type EngineFlags } from './engine-options.js';
import { outputOption, terminalWidth } from './output-options.js';
import { reportError } from './errors.js';

interface ShellOptions extends EngineFlags {
  output: OutputFormat;
}

const HELP = `Statements end with ';' and may span lines. Meta commands:
  .output table|json|jsonl|csv|text   set the output format
  .help                              this text
  .exit                              leave (or Ctrl-D)
`;

/** True once the buffer holds a complete statement: a `;` outside quotes and comments. */
export function isComplete(buffer: string): boolean {
  const scanner = new StatementEndScanner();
  scanner.push(buffer);
  return scanner.complete;
}

/** Whether text left at the end of input holds more than whitespace and comments. */
function hasStatement(buffer: string): boolean {
  return buffer.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '';
}

export function shellCommand(): Command {
  const cmd = new Command('shell')
    .description('an interactive SQL session: the same options as exec, for every statement')
    .addOption(outputOption());
  return withEngineOptions(cmd).action(async (opts: ShellOptions) => {
    const interactive = Boolean(process.stdin.isTTY);
    const local = await localCloudFor(opts);
    const engine = engineFrom({ ...opts, endpointUrl: local?.endpointUrl ?? opts.endpointUrl });
    let format = opts.output;
    let buffer = '';
    let scanner = new StatementEndScanner();
    let running: AbortController | undefined;
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, historySize: 500 });
    const prompt = () => {
      if (interactive) {
        rl.setPrompt(buffer ? '   ...> ' : 'skyql> ');
        rl.prompt();
      }
    };
    rl.on('SIGINT', () => {
      if (running) {
        running.abort(new UsageError('cancelled by Ctrl-C'));
        return;
      }
      // Ctrl-C at the prompt drops the statement being typed, as psql does.
      buffer = '';
      scanner = new StatementEndScanner();
      rl.write('', { ctrl: true, name: 'e' });
      rl.write('', { ctrl: true, name: 'u' });
      process.stdout.write('\n');
      prompt();
    });
    if (interactive) process.stdout.write(`skyql shell: statements end with ';', .help for help, .exit to leave\n`);
    // At a terminal an error is reported and the session goes on. Fed from a pipe or a
    // file, the shell runs a script: it stops at the first error, with the exit code exec
    // would give that error, so `skyql shell < script.sql && …` never goes on after one.
    const failed = (e: unknown): boolean => {
      const code = reportError(e);
      if (interactive) return false;
      process.exitCode = code;
      return true;
    };
    const run = async (script: string): Promise<boolean> => {
      running = new AbortController();
      setMaxListeners(0, running.signal);
      try {
        for await (const { result } of engine.run(await renderScript(script, opts.var, opts.iqldata), running.signal)) {
          for (const n of result.notices ?? []) process.stderr.write(`note: ${n}\n`);
          const width = terminalWidth();
          process.stdout.write(formatResult(result, format, width));
        }
        return true;
      } catch (e) {
        return !failed(e);
      } finally {
        running = undefined;
      }
    };
    prompt();
    let stopped = false;
    for await (const line of rl) {
      const trimmed = line.trim();
      if (!buffer && /^(exit|quit|\\q);?$/i.test(trimmed)) break;
      if (!buffer && trimmed.startsWith('.')) {
        const [cmd, arg] = trimmed.split(/\s+/);
        if (cmd === '.exit' || cmd === '.quit') break;
        let problem: UsageError | undefined;
        if (cmd === '.help') process.stdout.write(HELP);
        else if (cmd === '.output' && OUTPUT_FORMATS.includes(arg as OutputFormat)) format = arg as OutputFormat;
        else if (cmd === '.output') problem = new UsageError(`.output takes one of ${OUTPUT_FORMATS.join(', ')}`);
        else problem = new UsageError(`unknown command '${trimmed}': try .help`);
        if (problem && failed(problem)) {
          stopped = true;
          break;
        }
        prompt();
        continue;
      }
      // Each line is scanned once as it comes: a statement of many lines costs linear time.
      const piece = (buffer ? '\n' : '') + line;
      buffer += piece;
      scanner.push(piece);
      if (!scanner.complete) {
        prompt();
        continue;
      }
      const script = buffer;
      buffer = '';
      scanner = new StatementEndScanner();
      if (!(await run(script))) {
        stopped = true;
        break;
      }
      prompt();
    }
    // A script's last statement may lack its ';': run it rather than drop it unseen.
    if (!interactive && !stopped && hasStatement(buffer)) await run(buffer);
    rl.close();
    engine.close();
    await local?.close();
  });
}
