// A resource's `if:` once its templates are rendered: "'sit' == 'sit'". stackql-deploy v1
// hands it to Python's eval and v2 matches a few patterns; this is the small expression
// language both accept, evaluated without running code: string and number literals,
// true/false/none, lists, ==, !=, in, not in, and, or, not, parentheses.
import { StackError } from './errors.js';

type Value = string | number | boolean | null | Value[];
type Token = { kind: 'lit'; value: Value } | { kind: 'op'; value: string };

const OPS = ['==', '!=', '(', ')', '[', ']', ','];

function tokenize(text: string, where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new StackError(`${where}: the condition ${JSON.stringify(text)} has an unclosed ${ch}`);
      tokens.push({ kind: 'lit', value: text.slice(i + 1, end) });
      i = end + 1;
    } else if (OPS.includes(text.slice(i, i + 2))) {
      tokens.push({ kind: 'op', value: text.slice(i, i + 2) });
      i += 2;
    } else if (OPS.includes(ch)) {
      tokens.push({ kind: 'op', value: ch });
      i++;
    } else {
      const m = /^(-?\d+(\.\d+)?|[A-Za-z_]\w*)/.exec(text.slice(i));
      if (!m) throw new StackError(`${where}: cannot read the condition ${JSON.stringify(text)} at '${text.slice(i)}'`);
      const word = m[0];
      const lower = word.toLowerCase();
      if (/^-?\d/.test(word)) tokens.push({ kind: 'lit', value: Number(word) });
      else if (lower === 'true' || lower === 'false') tokens.push({ kind: 'lit', value: lower === 'true' });
      else if (lower === 'none' || lower === 'null') tokens.push({ kind: 'lit', value: null });
      else if (['and', 'or', 'not', 'in'].includes(lower)) tokens.push({ kind: 'op', value: lower });
      else throw new StackError(`${where}: the condition ${JSON.stringify(text)} names '${word}', which is not a value; quote strings and write variables as {{ name }}`);
      i += word.length;
    }
  }
  return tokens;
}

export function evaluateCondition(text: string, where: string): boolean {
  const tokens = tokenize(text, where);
  let pos = 0;
  const peek = (v: string) => tokens[pos]?.kind === 'op' && tokens[pos].value === v;
  const expect = (v: string) => {
    if (!peek(v)) throw new StackError(`${where}: the condition ${JSON.stringify(text)} expects '${v}'${pos < tokens.length ? ` before token ${pos + 1}` : ' at its end'}`);
    pos++;
  };
  const or = (): Value => {
    let left = and();
    while (peek('or')) {
      pos++;
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = not();
    while (peek('and')) {
      pos++;
      const right = not();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const not = (): Value => {
    if (peek('not')) {
      pos++;
      return !truthy(not());
    }
    return compare();
  };
  const compare = (): Value => {
    const left = atom();
    if (peek('==') || peek('!=')) {
      const op = tokens[pos++].value;
      const eq = same(left, atom());
      return op === '==' ? eq : !eq;
    }
    if (peek('in') || (peek('not') && tokens[pos + 1]?.value === 'in')) {
      const negate = peek('not');
      pos += negate ? 2 : 1;
      const right = atom();
      const found = Array.isArray(right) ? right.some((v) => same(v, left)) : typeof right === 'string' && typeof left === 'string' && right.includes(left);
      return negate ? !found : found;
    }
    return left;
  };
  const atom = (): Value => {
    const t = tokens[pos];
    if (!t) throw new StackError(`${where}: the condition ${JSON.stringify(text)} ends too early`);
    pos++;
    if (t.kind === 'lit') return t.value;
    if (t.value === '(') {
      const v = or();
      expect(')');
      return v;
    }
    if (t.value === '[') {
      const items: Value[] = [];
      while (!peek(']')) {
        items.push(or());
        if (!peek(']')) expect(',');
      }
      pos++;
      return items;
    }
    throw new StackError(`${where}: the condition ${JSON.stringify(text)} has '${t.value}' where a value belongs`);
  };
  if (tokens.length === 0) throw new StackError(`${where}: the condition is empty`);
  const result = or();
  if (pos < tokens.length) throw new StackError(`${where}: the condition ${JSON.stringify(text)} has more after its end (token ${pos + 1})`);
  return truthy(result);
}

function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== false && v !== 0 && v !== '';
}

function same(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
