// A session's run-time parameters: what SET, SHOW, RESET, current_setting() and
// set_config() read and write. The Postgres parameters drivers touch are kept (and the
// ones psql displays are reported back); `skyql.var.NAME` are the session's template
// variables and `skyql.await`, `skyql.dry_run`, `skyql.allow_unbounded`,
// `skyql.concurrency` its engine options, never looser than the server's own flags.
import { SqlStateError } from './sqlstate.js';

/** What the server was started with: defaults and limits for every session. */
export interface ServerDefaults {
  serverVersion: string;
  await: boolean;
  dryRun: boolean;
  allowUnbounded: boolean;
  concurrency: number;
  /** 0: none. */
  statementTimeoutMs: number;
  vars: Record<string, unknown>;
}

export interface EngineSettings {
  await: boolean;
  dryRun: boolean;
  allowUnbounded: boolean;
  concurrency: number;
}

interface ParamDef {
  /** As Postgres spells it in SHOW's column name and ParameterStatus. */
  name: string;
  value: (s: Settings) => string;
  /** Sent to the client as ParameterStatus when it changes (Postgres' GUC_REPORT). */
  report?: boolean;
  readOnly?: boolean;
  /** The value to store, or a thrown SqlStateError. */
  check?: (value: string, s: Settings) => string;
  description: string;
}

const fixed = (v: string) => () => v;

function bool(name: string) {
  return (value: string): string => {
    const v = value.trim().toLowerCase();
    if (['on', 'true', 'yes', '1', 't', 'y'].includes(v)) return 'on';
    if (['off', 'false', 'no', '0', 'f', 'n'].includes(v)) return 'off';
    throw new SqlStateError('22023', `parameter "${name}" requires a Boolean value`);
  };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(name: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*$/.exec(value);
  if (!m) throw new SqlStateError('22023', `invalid value for parameter "${name}": "${value}"`, { hint: 'Valid units are "ms", "s", "min", "h" and "d".' });
  const ms = Math.round(Number(m[1]) * UNITS[m[2] ?? 'ms']);
  if (ms > 2 ** 31 - 1) throw new SqlStateError('22023', `${value} is outside the valid range for parameter "${name}"`);
  return ms;
}

export function showDuration(ms: number): string {
  if (ms === 0) return '0';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

const UTF8_NAMES = new Set(['utf8', 'utf-8', 'unicode']);

function encoding(value: string): string {
  const v = value.trim().toLowerCase();
  if (UTF8_NAMES.has(v)) return 'UTF8';
  // SQL_ASCII passes bytes through unconverted; UTF-8 text reaches the client as sent.
  if (v === 'sql_ascii') return 'SQL_ASCII';
  throw new SqlStateError('22023', `skyql srv speaks UTF8 only, not client_encoding "${value}"`, { hint: "SET client_encoding = 'UTF8'" });
}

const PARAMS: ParamDef[] = [
  { name: 'server_version', value: (s) => s.defaults.serverVersion, report: true, readOnly: true, description: 'The server version.' },
  { name: 'server_version_num', value: (s) => serverVersionNum(s.defaults.serverVersion), readOnly: true, description: 'The server version as an integer.' },
  { name: 'server_encoding', value: fixed('UTF8'), report: true, readOnly: true, description: 'The server character set.' },
  { name: 'client_encoding', value: fixed('UTF8'), report: true, check: encoding, description: "The client's character set." },
  { name: 'DateStyle', value: fixed('ISO, MDY'), report: true, description: 'Display format for dates.' },
  { name: 'IntervalStyle', value: fixed('postgres'), report: true, description: 'Display format for intervals.' },
  { name: 'TimeZone', value: fixed('UTC'), report: true, description: 'Time zone for timestamps.' },
  { name: 'integer_datetimes', value: fixed('on'), report: true, readOnly: true, description: 'Datetimes are integer based.' },
  {
    name: 'standard_conforming_strings',
    value: fixed('on'),
    report: true,
    check: (v) => {
      if (bool('standard_conforming_strings')(v) === 'off') {
        throw new SqlStateError('0A000', "skyql reads '…' strings the standard way only: '' is a quote and a backslash is a character");
      }
      return 'on';
    },
    description: "'…' strings treat backslashes literally.",
  },
  { name: 'application_name', value: fixed(''), report: true, description: 'The application name reported by the client.' },
  { name: 'is_superuser', value: fixed('off'), report: true, readOnly: true, description: 'Whether the user is a superuser.' },
  { name: 'session_authorization', value: (s) => s.user, report: true, readOnly: true, description: 'The session user name.' },
  { name: 'default_transaction_read_only', value: fixed('off'), report: true, check: bool('default_transaction_read_only'), description: 'Default read-only status of new transactions.' },
  { name: 'in_hot_standby', value: fixed('off'), report: true, readOnly: true, description: 'Whether hot standby is active.' },
  { name: 'extra_float_digits', value: fixed('1'), description: 'Extra digits for floating-point values.' },
  { name: 'search_path', value: fixed('"$user", public'), description: 'Schema search order.' },
  {
    name: 'statement_timeout',
    value: fixed('0'),
    check: (v) => showDuration(parseDuration('statement_timeout', v)),
    description: "Longest a statement may run before it is cancelled (the server's --statement-timeout caps it).",
  },
  { name: 'lock_timeout', value: fixed('0'), description: 'Accepted; skyql takes no locks.' },
  { name: 'idle_in_transaction_session_timeout', value: fixed('0'), description: 'Accepted; skyql has no transactions.' },
  { name: 'idle_session_timeout', value: fixed('0'), description: 'Accepted; not enforced.' },
  { name: 'client_min_messages', value: fixed('notice'), description: 'Message levels sent to the client.' },
  { name: 'bytea_output', value: fixed('hex'), description: 'Output format for bytea.' },
  { name: 'transaction_isolation', value: fixed('read committed'), description: 'Accepted; skyql has no transactions.' },
  { name: 'default_transaction_isolation', value: fixed('read committed'), description: 'Accepted; skyql has no transactions.' },
  { name: 'transaction_read_only', value: fixed('off'), check: bool('transaction_read_only'), description: 'Accepted; skyql has no transactions.' },
  { name: 'max_identifier_length', value: fixed('63'), readOnly: true, description: 'Maximum identifier length.' },
  { name: 'lc_messages', value: fixed('C'), description: 'Language of messages.' },
  { name: 'lc_monetary', value: fixed('C'), description: 'Locale for money amounts.' },
  { name: 'lc_numeric', value: fixed('C'), description: 'Locale for numbers.' },
  { name: 'lc_time', value: fixed('C'), description: 'Locale for dates and times.' },
  { name: 'timezone_abbreviations', value: fixed('Default'), description: 'Time zone abbreviations.' },
  { name: 'row_security', value: fixed('on'), description: 'Row security.' },
  { name: 'xmloption', value: fixed('content'), description: 'XML parsing mode.' },
  { name: 'jit', value: fixed('off'), description: 'JIT compilation.' },
  { name: 'synchronous_commit', value: fixed('on'), description: 'Accepted; skyql has no transactions.' },
  { name: 'work_mem', value: fixed('4MB'), description: 'Accepted; not used.' },
  {
    name: 'skyql.await',
    value: (s) => (s.defaults.await ? 'on' : 'off'),
    check: bool('skyql.await'),
    description: 'Every write waits for its request to end, as the /*+ AWAIT */ hint does.',
  },
  {
    name: 'skyql.dry_run',
    value: (s) => (s.defaults.dryRun ? 'on' : 'off'),
    check: (v, s) => {
      const on = bool('skyql.dry_run')(v);
      if (on === 'off' && s.defaults.dryRun) throw new SqlStateError('42501', 'this server runs with --dry-run: a session cannot turn it off');
      return on;
    },
    description: 'Statements show the calls they would make and make none.',
  },
  {
    name: 'skyql.allow_unbounded',
    value: (s) => (s.defaults.allowUnbounded ? 'on' : 'off'),
    check: (v, s) => {
      const on = bool('skyql.allow_unbounded')(v);
      if (on === 'on' && !s.defaults.allowUnbounded) {
        throw new SqlStateError('42501', 'this server refuses unbounded UPDATE and DELETE: a session can allow them only when skyql srv was started with --allow-unbounded');
      }
      return on;
    },
    description: 'UPDATE and DELETE may change every resource of a type.',
  },
  {
    name: 'skyql.concurrency',
    value: (s) => String(s.defaults.concurrency),
    check: (v, s) => {
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < 1 || n > s.defaults.concurrency) {
        throw new SqlStateError('22023', `skyql.concurrency takes a whole number from 1 to ${s.defaults.concurrency} (the server's --concurrency), got "${v}"`);
      }
      return String(n);
    },
    description: 'API calls in flight at once per statement.',
  },
];

const BY_NAME = new Map(PARAMS.map((p) => [p.name.toLowerCase(), p]));
const VAR_PREFIX = 'skyql.var.';
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function serverVersionNum(version: string): string {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  return m ? String(Number(m[1]) * 10000 + Number(m[2] ?? 0)) : '0';
}

function showValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export class Settings {
  /** Values set in this session, by lower-cased name (custom names keep their own). */
  private readonly set_ = new Map<string, string>();
  private readonly vars = new Map<string, string>();

  constructor(
    readonly defaults: ServerDefaults,
    readonly user: string,
  ) {}

  clone(): Settings {
    const c = new Settings(this.defaults, this.user);
    for (const [k, v] of this.set_) c.set_.set(k, v);
    for (const [k, v] of this.vars) c.vars.set(k, v);
    return c;
  }

  /** The key a name is stored under; a variable's name keeps its case, as `{{ ApiId }}` does. */
  private static key(name: string): string {
    const lower = name.toLowerCase();
    return lower.startsWith(VAR_PREFIX) ? VAR_PREFIX + name.slice(VAR_PREFIX.length) : lower;
  }

  private varName(key: string): string | undefined {
    if (!key.startsWith(VAR_PREFIX)) return undefined;
    const name = key.slice(VAR_PREFIX.length);
    if (!VAR_NAME.test(name)) {
      throw new SqlStateError('42602', `"${name}" is not a template variable name (letters, digits and _, not starting with a digit)`);
    }
    return name;
  }

  /** SET name = value; `undefined` is SET … TO DEFAULT. */
  set(name: string, value: string | undefined): void {
    const key = Settings.key(name);
    const v = this.varName(key);
    if (v !== undefined) {
      if (value === undefined) this.vars.delete(v);
      else this.vars.set(v, value);
      return;
    }
    const def = BY_NAME.get(key);
    if (!def) {
      // Postgres keeps any dotted (placeholder) name; skyql.* names are its own.
      if (!key.includes('.') || key.startsWith('skyql.')) throw new SqlStateError('42704', `unrecognized configuration parameter "${name}"`);
      if (value === undefined) this.set_.delete(key);
      else this.set_.set(key, value);
      return;
    }
    if (def.readOnly) throw new SqlStateError('55P02', `parameter "${def.name}" cannot be changed`);
    if (value === undefined) this.set_.delete(key);
    else this.set_.set(key, def.check ? def.check(value, this) : value);
  }

  reset(name: string): void {
    this.set(name, undefined);
  }

  resetAll(): void {
    this.set_.clear();
    this.vars.clear();
  }

  /** SHOW name: [column name, value]. */
  get(name: string, missingOk = false): [string, string] | undefined {
    const key = Settings.key(name);
    const v = this.varName(key);
    if (v !== undefined) {
      const value = this.vars.has(v) ? this.vars.get(v) : Object.hasOwn(this.defaults.vars, v) ? showValue(this.defaults.vars[v]) : undefined;
      if (value !== undefined) return [key, value];
    } else {
      const def = BY_NAME.get(key);
      if (def) return [def.name, this.set_.get(key) ?? def.value(this)];
      if (this.set_.has(key)) return [key, this.set_.get(key)!];
    }
    if (missingOk) return undefined;
    throw new SqlStateError('42704', `unrecognized configuration parameter "${name}"`);
  }

  /** SHOW ALL: name, setting, description. */
  all(): [string, string, string][] {
    const rows: [string, string, string][] = PARAMS.map((p) => [p.name, this.get(p.name)![1], p.description]);
    for (const [k, v] of this.set_) if (!BY_NAME.has(k)) rows.push([k, v, 'A custom setting.']);
    for (const name of new Set([...Object.keys(this.defaults.vars), ...this.vars.keys()])) {
      rows.push([VAR_PREFIX + name, this.get(VAR_PREFIX + name)![1], 'A template variable for {{ }} in statements.']);
    }
    return rows.sort((a, b) => a[0].localeCompare(b[0]));
  }

  /** The variables `{{ }}` sees: the server's --var/--iqldata, then the session's own. */
  templateVars(): Record<string, unknown> {
    return Object.fromEntries([...Object.entries(this.defaults.vars), ...this.vars]);
  }

  engine(): EngineSettings {
    return {
      await: this.get('skyql.await')![1] === 'on',
      dryRun: this.get('skyql.dry_run')![1] === 'on',
      allowUnbounded: this.get('skyql.allow_unbounded')![1] === 'on',
      concurrency: Number(this.get('skyql.concurrency')![1]),
    };
  }

  /** The session's statement_timeout under the server's cap; 0 is none. */
  statementTimeoutMs(): number {
    const own = parseDuration('statement_timeout', this.get('statement_timeout')![1]);
    const cap = this.defaults.statementTimeoutMs;
    if (cap === 0) return own;
    return own === 0 ? cap : Math.min(own, cap);
  }

  /** Every reported parameter and its value, for the ParameterStatus messages. */
  reported(): [string, string][] {
    return PARAMS.filter((p) => p.report).map((p) => [p.name, this.get(p.name)![1]]);
  }
}
