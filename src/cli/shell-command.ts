// `skyql shell`: an interactive session. Statements end with `;` and may span lines;
// Ctrl-C cancels the running statement (or clears the line), Ctrl-D or .exit leaves.
// At a terminal: Tab completion and a history kept across sessions.
import { setMaxListeners } from 'node:events';
import { createInterface, type Interface } from 'node:readline';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatResult } from '../output/format.js';
import type { OutputFormat } from '../output/result-set.js';
import { engineFrom, localCloudFor, withEngineOptions, type EngineFlags } from './engine-options.js';
import { outputOption, terminalWidth } from './output-options.js';
import { reportError } from './errors.js';
import { catalogSource, shellCompleter } from './shell-completion.js';
import { isDotCommand, runDotCommand, type DotContext, type ShellState } from './shell-dot-commands.js';
import { HISTORY_LIMIT, HistoryFile, ShellHistory, historyPath } from './shell-history.js';
import { StatementBuffer, hasStatement } from './shell-statement-buffer.js';
import { StatementTimer } from './shell-timing.js';
import { ShellVariables } from './shell-variables.js';

export { isComplete } from './shell-statement-buffer.js';

interface ShellOptions extends EngineFlags {
  output: OutputFormat;
}

const EXIT_WORDS = /^(exit|quit|\\q);?$/i;

export function shellCommand(): Command {
  const cmd = new Command('shell')
    .description('an interactive SQL session: the same options as exec, for every statement')
    .addOption(outputOption());
  return withEngineOptions(cmd).action(async (opts: ShellOptions) => {
    const interactive = Boolean(process.stdin.isTTY);
    const out = (text: string) => void process.stdout.write(text);
    const note = (text: string) => void process.stderr.write(text);
    // --var and --iqldata are checked before anything starts, as exec checks them.
    const vars = await ShellVariables.fromFlags(opts.var, opts.iqldata);
    const local = await localCloudFor(opts);
    const engine = engineFrom({ ...opts, endpointUrl: local?.endpointUrl ?? opts.endpointUrl });
    const state: ShellState = { format: opts.output, timing: false, vars, cache: engine.options.cache };
    const dot: DotContext = { state, out, note, interactive };
    const statement = new StatementBuffer();
    // Only a person at a terminal makes history; a piped script never writes it.
    const history = interactive ? new ShellHistory(new HistoryFile(historyPath()), (m) => note(`note: ${m}\n`)) : undefined;
    let running: AbortController | undefined;
    const rl: Interface = createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: interactive,
      historySize: history ? HISTORY_LIMIT : 0,
      history: history?.initial(),
      completer: interactive
        ? shellCompleter({ source: catalogSource(engine.catalog), state, pending: () => statement.pending, after: (): string => rl.line.slice(rl.cursor) })
        : undefined,
    });
    if (history) rl.on('history', history.onReadlineHistory);
    const prompt = () => {
      if (interactive) {
        rl.setPrompt(statement.empty ? 'skyql> ' : '   ...> ');
        // Keep the cursor where it is: keys typed while a statement ran stay as typed.
        rl.prompt(true);
      }
    };
    rl.on('SIGINT', () => {
      if (running) {
        running.abort(new UsageError('cancelled by Ctrl-C'));
        return;
      }
      // Ctrl-C at the prompt drops the statement being typed, as psql does.
      statement.clear();
      rl.write('', { ctrl: true, name: 'e' });
      rl.write('', { ctrl: true, name: 'u' });
      out('\n');
      prompt();
    });
    if (interactive) out(`skyql shell: statements end with ';', Tab completes, .help for help, .exit to leave\n`);
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
      const timer = new StatementTimer(() => engine.stats());
      try {
        for await (const { result } of engine.run(await state.vars.render(script), running.signal)) {
          for (const n of result.notices ?? []) note(`note: ${n}\n`);
          out(formatResult(result, state.format, terminalWidth()));
          if (state.timing) note(`${timer.lap()}\n`);
        }
        return true;
      } catch (e) {
        const stop = failed(e);
        if (state.timing && !stop) note(`${timer.lap()}\n`);
        return !stop;
      } finally {
        running = undefined;
      }
    };
    prompt();
    let stopped = false;
    for await (const line of rl) {
      if (statement.empty && EXIT_WORDS.test(line.trim())) break;
      if (statement.empty && isDotCommand(line)) {
        if (!/^\.(exit|quit)\b/i.test(line.trim())) history?.add(line);
        let next: 'exit' | 'continue' = 'continue';
        try {
          next = runDotCommand(line, dot);
        } catch (e) {
          stopped = failed(e);
        }
        if (next === 'exit' || stopped) break;
        prompt();
        continue;
      }
      const script = statement.push(line);
      if (script === undefined) {
        prompt();
        continue;
      }
      history?.add(script);
      if (!(await run(script))) {
        stopped = true;
        break;
      }
      prompt();
    }
    // A script's last statement may lack its ';': run it rather than drop it unseen.
    if (!interactive && !stopped && hasStatement(statement.pending)) await run(statement.pending);
    rl.close();
    engine.close();
    await local?.close();
  });
}
