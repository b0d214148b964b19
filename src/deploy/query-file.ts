// A resource query file (`resources/<name>.iql`): SQL under anchor comments, as
// stackql-deploy reads it. An anchor is a line starting with `/*+ name, key=value … */`;
// its query is everything up to the next anchor line (no `;` needed between them); text
// before the first anchor is a comment. `preflight` and `postdeploy` are the old names
// of `exists` and `statecheck`.
import { readFileSync } from 'node:fs';
import { StackError } from './errors.js';

export const ANCHORS = ['exists', 'create', 'update', 'createorupdate', 'statecheck', 'exports', 'delete', 'command'] as const;
export type AnchorName = (typeof ANCHORS)[number];

const ALIASES: Record<string, AnchorName> = { preflight: 'exists', postdeploy: 'statecheck' };
const OPTIONS = ['retries', 'retry_delay', 'postdelete_retries', 'postdelete_retry_delay'] as const;
type OptionName = (typeof OPTIONS)[number];

export interface Anchor {
  name: string;
  /** The file as the user names it, e.g. `resources/bucket1.iql`. */
  file: string;
  /** 1-based line of the anchor comment. */
  line: number;
  /** The query with the lines above it blanked: template and parse errors give file lines. */
  template: string;
  options: Partial<Record<OptionName, number>>;
  /** String options: v2's callback anchors' short_circuit_field and short_circuit_value (callbacks.ts). */
  extra: Record<string, string>;
}

export interface QueryFile {
  file: string;
  anchors: Map<string, Anchor>;
  /** Anchor names that are neither stackql-deploy's nor known aliases. */
  unknown: string[];
}

const ANCHOR_LINE = /^\s*\/\*\+(.*?)\*\//;

export function parseQueryFile(text: string, file: string): QueryFile {
  const anchors = new Map<string, Anchor>();
  const unknown: string[] = [];
  const lines = text.split('\n');
  let current: { anchor: Omit<Anchor, 'template'>; start: number } | undefined;
  const close = (end: number) => {
    if (!current) return;
    const body = lines.slice(current.start, end);
    // Blank lines for everything above the body keep line numbers those of the file.
    const template = '\n'.repeat(current.start) + body.join('\n').replace(/\s+$/, '');
    if (body.join('').trim() !== '') anchors.set(current.anchor.name, { ...current.anchor, template });
  };
  for (let i = 0; i < lines.length; i++) {
    const m = ANCHOR_LINE.exec(lines[i]);
    if (!m) continue;
    close(i);
    const anchor = parseAnchorComment(m[1], file, i + 1);
    if (anchors.has(anchor.name) || current?.anchor.name === anchor.name) {
      const first = anchors.get(anchor.name)?.line ?? current?.anchor.line;
      throw new StackError(`${file} line ${i + 1}: anchor '${anchor.name}' appears twice (first at line ${first}); keep one`);
    }
    if (!(ANCHORS as readonly string[]).includes(anchor.name) && !anchor.name.startsWith('callback')) unknown.push(anchor.name);
    current = { anchor, start: i + 1 };
  }
  close(lines.length);
  return { file, anchors, unknown };
}

function parseAnchorComment(body: string, file: string, line: number): Omit<Anchor, 'template'> {
  const parts = body.split(',').map((p) => p.trim());
  const raw = parts[0].toLowerCase();
  if (!/^[a-z_][a-z0-9_:]*$/.test(raw)) throw new StackError(`${file} line ${line}: '/*+${body}*/' does not start with an anchor name such as exists, create or statecheck`);
  const name = ALIASES[raw] ?? raw;
  const options: Anchor['options'] = {};
  const extra: Record<string, string> = {};
  for (const part of parts.slice(1).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if ((OPTIONS as readonly string[]).includes(key)) {
      if (eq < 0) throw new StackError(`${file} line ${line}: ${key} in anchor '${name}' needs a value: write ${key}=N`);
      if (!/^\d+$/.test(value)) throw new StackError(`${file} line ${line}: ${key} in anchor '${name}' takes a whole number, got '${value}'`);
      options[key as OptionName] = Number(value);
    } else if (eq > 0) {
      extra[key] = value;
    } else {
      throw new StackError(`${file} line ${line}: '${part}' in anchor '${name}' is not key=value (options: ${OPTIONS.join(', ')})`);
    }
  }
  return { name, file, line, options, extra };
}

export function readQueryFile(path: string, shownAs: string): QueryFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StackError(`query file ${shownAs} ${code === 'ENOENT' ? 'does not exist' : `cannot be read: ${(e as Error).message}`}`);
  }
  return parseQueryFile(text, shownAs);
}

/** A query that comes from the manifest (`sql:`) rather than a file. */
export function inlineAnchor(name: AnchorName, sql: string, where: string, line: number): Anchor {
  return { name, file: where, line, template: '\n'.repeat(Math.max(0, line - 1)) + sql, options: {}, extra: {} };
}
