import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../errors.js';
import { DOT_COMMANDS, helpText, runDotCommand, type DotContext, type ShellCache } from './shell-dot-commands.js';
import { ShellVariables, setValue } from './shell-variables.js';

function session(opts: { interactive?: boolean; vars?: Record<string, unknown>; cache?: ShellCache } = {}) {
  const printed = { out: '', note: '' };
  const ctx: DotContext = {
    state: { format: 'table', timing: false, vars: new ShellVariables(opts.vars), cache: opts.cache },
    out: (t) => (printed.out += t),
    note: (t) => (printed.note += t),
    interactive: opts.interactive ?? true,
  };
  const run = (line: string) => runDotCommand(line, ctx);
  return { ctx, printed, run };
}

function usage(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof UsageError && message.test(e.message));
}

test('.help lists every dot-command, one line each', () => {
  const { printed, run } = session();
  run('.help');
  const lines = printed.out.trimEnd().split('\n');
  for (const c of DOT_COMMANDS) assert.ok(lines.some((l) => l.trimStart().split(/[\s,]/)[0] === c.name || l.includes(`, ${c.name}`)), `${c.name} missing from .help`);
  assert.equal(lines.length, DOT_COMMANDS.length, 'one line each (.exit and .quit share one), after the opening line');
  assert.equal(printed.out, helpText());
});

test('.timing on|off, or alone to toggle; anything else is a usage error', () => {
  const { ctx, printed, run } = session();
  run('.timing on');
  assert.equal(ctx.state.timing, true);
  run('.timing OFF');
  assert.equal(ctx.state.timing, false);
  run('.timing');
  assert.equal(ctx.state.timing, true);
  assert.equal(printed.note, 'timing is on\ntiming is off\ntiming is on\n');
  usage(() => run('.timing maybe'), /^\.timing takes on or off, not 'maybe'$/);
  const piped = session({ interactive: false });
  piped.run('.timing on');
  assert.equal(piped.printed.note, '', 'a piped script prints only its results');
});

test('.set, .vars and .unset: template variables for later statements', async () => {
  const { ctx, printed, run } = session({ vars: { region: 'us-east-1', tags: [{ Key: 'a' }] } });
  run('.set ApiId a1b2c3');
  run(".set Name   'it''s mine '  ");
  run('.set Description two words here');
  run(".set Empty ''");
  run('.vars');
  assert.equal(
    printed.out,
    ['ApiId = a1b2c3', 'Description = two words here', 'Empty = ', "Name = it's mine ", 'region = us-east-1', 'tags = [{"Key":"a"}]', ''].join('\n'),
  );
  // Values are escaped for the place they land, exactly as --var values are.
  assert.equal(await ctx.state.vars.render("SELECT '{{ Name }}' AS n WHERE x = '{{ ApiId }}'"), "SELECT 'it''s mine ' AS n WHERE x = 'a1b2c3'");
  run('.set Name x\'; DROP TABLE t; --');
  await assert.rejects(ctx.state.vars.render('SELECT {{ Name }}'), UsageError);
  assert.equal(await ctx.state.vars.render("SELECT '{{ Name }}'"), "SELECT 'x''; DROP TABLE t; --'");
  run('.unset ApiId');
  await assert.rejects(ctx.state.vars.render("SELECT '{{ ApiId }}'"), /template variable 'ApiId' is not defined.*\.set ApiId … in this shell, or start it with --var ApiId=…/);
  run('.unset nobody');
  assert.match(printed.note, /'nobody' was not set/);
  usage(() => run('.set 9lives x'), /^\.set: '9lives' is not a template variable name/);
  usage(() => run('.set ApiId'), /^\.set ApiId needs a value/);
  usage(() => run('.unset'), /^\.unset takes one variable name/);
  usage(() => run('.vars x'), /^\.vars takes nothing/);
  // `.set` alone lists them, as psql's \set does.
  printed.out = '';
  run('.set');
  assert.match(printed.out, /^Description = two words here\n/);
  // JavaScript's own names are refused, as with --var: a template could not read them back.
  usage(() => run('.set __proto__ p'), /^\.set: '__proto__' cannot be a template variable name/);
  assert.deepEqual(ctx.state.vars.names(), ['Description', 'Empty', 'Name', 'region', 'tags']);
  assert.equal(await ctx.state.vars.render("SELECT '{{ region }}'"), "SELECT 'us-east-1'");
});

test('.set values: quotes around the whole value are taken off, as psql does', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['  spaced out  ', 'spaced out'],
    ["'  kept  '", '  kept  '],
    ["'it''s'", "it's"],
    ['"say ""hi"""', 'say "hi"'],
    ["''", ''],
    ["'a' 'b'", "'a' 'b'"],
    ["it's", "it's"],
    ["'", "'"],
  ];
  for (const [rest, want] of cases) assert.equal(setValue(rest), want, rest);
});

test('.output, .exit and .quit; an unknown command names itself', () => {
  const { ctx, run } = session();
  assert.equal(run('.output json'), 'continue');
  assert.equal(ctx.state.format, 'json');
  usage(() => run('.output yaml'), /^\.output takes one of table, json, jsonl, csv, text$/);
  assert.equal(run('.exit'), 'exit');
  assert.equal(run('  .quit  '), 'exit');
  usage(() => run('.outptu json'), /^unknown command '\.outptu json': try \.help$/);
});

test('.cache shows and clears the result cache, or says it is off', () => {
  let cleared = 0;
  const cache = { ttlMs: 30_000, size: 4, clear: () => void cleared++ };
  const { printed, run } = session({ cache });
  run('.cache');
  run('.cache clear');
  assert.equal(cleared, 1);
  assert.equal(printed.note, 'the result cache keeps 4 answers for 30 s each\n'.repeat(2));
  const off = session();
  off.run('.cache clear');
  assert.match(off.printed.note, /the result cache is off: start the shell with --cache-ttl SECONDS/);
  usage(() => run('.cache flush'), /^\.cache takes nothing or clear/);
});
