// The startup message's `options` parameter (PGOPTIONS, libpq's options=): the
// session settings a client asks for before its first statement.
import { SqlStateError } from './sqlstate.js';

/** The startup `options` parameter: `-c name=value` and `--name=value`, backslash escapes spaces. */
export function startupOptions(options: string): [string, string][] {
  const words: string[] = [];
  let word = '';
  let has = false;
  for (let i = 0; i < options.length; i++) {
    const ch = options[i];
    if (ch === '\\' && i + 1 < options.length) {
      word += options[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) words.push(word);
      word = '';
      has = false;
    } else {
      word += ch;
      has = true;
    }
  }
  if (has) words.push(word);
  const out: [string, string][] = [];
  for (let i = 0; i < words.length; i++) {
    let setting: string | undefined;
    if (words[i] === '-c') setting = words[++i];
    else if (words[i].startsWith('-c')) setting = words[i].slice(2);
    else if (words[i].startsWith('--')) setting = words[i].slice(2);
    else throw new SqlStateError('22023', `invalid command-line argument in options: ${words[i]}`);
    const eq = setting?.indexOf('=') ?? -1;
    if (!setting || eq < 1) throw new SqlStateError('22023', `-c ${setting ?? ''} requires a value`);
    out.push([setting.slice(0, eq).replace(/-/g, '_'), setting.slice(eq + 1)]);
  }
  return out;
}
