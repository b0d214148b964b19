// The shell's dot-commands: `.help`, `.output`, `.timing`, `.vars`, `.set`, `.unset`,
// `.exit`. Each is one entry of a table, so `.help` and completion list them all.
import { UsageError } from '../errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/result-set.js';
import type { ShellVariables } from './shell-variables.js';
import { setValue } from './shell-variables.js';

/** The engine's result cache, when the shell runs with --cache-ttl. */
export interface ShellCache {
  readonly ttlMs: number;
  readonly size: number;
  clear(): void;
}

export interface ShellState {
  format: OutputFormat;
  timing: boolean;
  vars: ShellVariables;
  cache?: ShellCache;
}

export interface DotContext {
  state: ShellState;
  /** Results (stdout). */
  out(text: string): void;
  /** Notes (stderr). */
  note(text: string): void;
  /** At a terminal: confirmations are shown; a piped script's output stays its results. */
  interactive: boolean;
}

interface DotCommand {
  name: string;
  usage: string;
  help: string;
  /** What completes after the command's name. */
  args?: (state: ShellState) => string[];
  run(rest: string, ctx: DotContext): 'exit' | void;
}

const ON_OFF = ['on', 'off'];

export const DOT_COMMANDS: DotCommand[] = [
  {
    name: '.help',
    usage: '.help',
    help: 'this list',
    run: (_rest, ctx) => ctx.out(helpText()),
  },
  {
    name: '.output',
    usage: '.output FORMAT',
    help: `the format of results: ${OUTPUT_FORMATS.join(', ')}`,
    args: () => [...OUTPUT_FORMATS],
    run(rest, ctx) {
      const arg = rest.trim();
      if (!OUTPUT_FORMATS.includes(arg as OutputFormat)) throw new UsageError(`.output takes one of ${OUTPUT_FORMATS.join(', ')}`);
      ctx.state.format = arg as OutputFormat;
    },
  },
  {
    name: '.timing',
    usage: '.timing on|off',
    help: 'after each statement: its wall time and the API calls it made',
    args: () => ON_OFF,
    run(rest, ctx) {
      const arg = rest.trim().toLowerCase();
      if (arg === '') ctx.state.timing = !ctx.state.timing;
      else if (ON_OFF.includes(arg)) ctx.state.timing = arg === 'on';
      else throw new UsageError(`.timing takes on or off, not '${rest.trim()}'`);
      if (ctx.interactive) ctx.note(`timing is ${ctx.state.timing ? 'on' : 'off'}\n`);
    },
  },
  {
    name: '.vars',
    usage: '.vars',
    help: 'the {{ }} template variables, name = value',
    run(rest, ctx) {
      if (rest.trim()) throw new UsageError('.vars takes nothing: .set name value sets one');
      const lines = ctx.state.vars.describe();
      if (lines.length) ctx.out(lines.map((l) => l + '\n').join(''));
      else if (ctx.interactive) ctx.note('no template variables: .set name value, or start the shell with --var name=value\n');
    },
  },
  {
    name: '.set',
    usage: '.set NAME VALUE',
    help: "sets {{ NAME }} for later statements, escaped where it lands as --var is ('quotes' keep spaces)",
    args: (state) => state.vars.names(),
    run(rest, ctx) {
      const m = /^\s*(\S+)(?:\s+([\s\S]*))?$/.exec(rest);
      if (!m) return DOT_COMMANDS.find((c) => c.name === '.vars')!.run('', ctx);
      if (m[2] === undefined || m[2].trim() === '') {
        throw new UsageError(`.set ${m[1]} needs a value: .set ${m[1]} VALUE (.set ${m[1]} '' for the empty string)`);
      }
      ctx.state.vars.set(m[1], setValue(m[2]));
    },
  },
  {
    name: '.unset',
    usage: '.unset NAME',
    help: 'removes a template variable',
    args: (state) => state.vars.names(),
    run(rest, ctx) {
      const names = rest.trim().split(/\s+/).filter(Boolean);
      if (names.length !== 1) throw new UsageError('.unset takes one variable name: .unset NAME');
      if (!ctx.state.vars.unset(names[0]) && ctx.interactive) ctx.note(`'${names[0]}' was not set\n`);
    },
  },
  {
    name: '.cache',
    usage: '.cache [clear]',
    help: 'the result cache (--cache-ttl): how many answers it keeps; clear drops them',
    args: () => ['clear'],
    run(rest, ctx) {
      const arg = rest.trim().toLowerCase();
      if (arg !== '' && arg !== 'clear') throw new UsageError(`.cache takes nothing or clear, not '${rest.trim()}'`);
      const cache = ctx.state.cache;
      if (!cache) {
        if (ctx.interactive) ctx.note('the result cache is off: start the shell with --cache-ttl SECONDS\n');
        return;
      }
      if (arg === 'clear') cache.clear();
      if (ctx.interactive) ctx.note(`the result cache keeps ${cache.size} answers for ${cache.ttlMs / 1000} s each\n`);
    },
  },
  {
    name: '.exit',
    usage: '.exit, .quit',
    help: 'leave the shell (or Ctrl-D)',
    run: () => 'exit',
  },
  {
    name: '.quit',
    usage: '',
    help: '',
    run: () => 'exit',
  },
];

export function helpText(): string {
  const shown = DOT_COMMANDS.filter((c) => c.usage);
  const width = Math.max(...shown.map((c) => c.usage.length)) + 2;
  return [
    "Statements end with ';' and may span lines. Ctrl-C cancels a running statement or clears the line; Tab completes.",
    ...shown.map((c) => `  ${c.usage.padEnd(width)}${c.help}`),
    '',
  ].join('\n');
}

/** Whether a line (outside a statement) is a dot-command. */
export function isDotCommand(line: string): boolean {
  return line.trimStart().startsWith('.');
}

/** Runs one dot-command line; a UsageError says what was wrong. */
export function runDotCommand(line: string, ctx: DotContext): 'exit' | 'continue' {
  const trimmed = line.trim();
  const name = trimmed.split(/\s/, 1)[0];
  const cmd = DOT_COMMANDS.find((c) => c.name === name.toLowerCase());
  if (!cmd) throw new UsageError(`unknown command '${trimmed}': try .help`);
  return cmd.run(trimmed.slice(name.length), ctx) === 'exit' ? 'exit' : 'continue';
}

/** Completion of a dot-command line: its name, then its argument. */
export function dotCompletions(line: string, state: ShellState): [string[], string] {
  const text = line.trimStart();
  const space = text.search(/\s/);
  if (space < 0) {
    const hits = DOT_COMMANDS.map((c) => c.name).filter((n) => n.startsWith(text.toLowerCase()));
    return [hits.length === 1 ? [hits[0] + ' '] : hits, text];
  }
  const cmd = DOT_COMMANDS.find((c) => c.name === text.slice(0, space).toLowerCase());
  const rest = text.slice(space).trimStart();
  // One argument is completed: `.set name` completes the name, never the value.
  if (!cmd?.args || /\s/.test(rest)) return [[], rest];
  const hits = cmd.args(state).filter((a) => a.toLowerCase().startsWith(rest.toLowerCase()));
  return [hits.length === 1 ? [hits[0] + ' '] : hits, rest];
}
