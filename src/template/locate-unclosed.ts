// nunjucks reports a tag or block left open at the end of the template without a position
// ("expected variable end", "unexpected end of file"); these find the opening so the error
// can point at it.
import { position } from './text-position.js';

export interface OpenTag {
  opener: '{{' | '{%' | '{#';
  line: number;
  column: number;
}

export interface OpenBlock {
  /** The block tag's name: if, for, macro, … */
  tag: string;
  line: number;
  column: number;
}

interface Tag {
  opener: OpenTag['opener'];
  start: number;
  /** Index just past the closing delimiter, or -1 when there is none. */
  end: number;
}

const CLOSER = { '{{': '}}', '{%': '%}', '{#': '#}' } as const;
const BLOCKS = new Set(['if', 'for', 'macro', 'call', 'filter', 'block', 'set', 'asyncEach', 'asyncAll']);

export function findUnclosedTag(text: string): OpenTag | undefined {
  for (const tag of tags(text)) {
    if (tag.end < 0) return { opener: tag.opener, ...position(text, tag.start) };
  }
  return undefined;
}

/** The innermost `{% if %}`, `{% for %}`, … that has no end tag. */
export function findUnclosedBlock(text: string): OpenBlock | undefined {
  const open: { tag: string; start: number }[] = [];
  for (const tag of tags(text)) {
    if (tag.opener !== '{%' || tag.end < 0) continue;
    const body = text.slice(tag.start + 2, tag.end - 2).replace(/^-|-$/g, '').trim();
    const word = /^\w+/.exec(body)?.[0] ?? '';
    // `{% set x = 1 %}` is a statement; only `{% set x %}…{% endset %}` is a block.
    if (BLOCKS.has(word) && !(word === 'set' && body.includes('='))) open.push({ tag: word, start: tag.start });
    else if (word.startsWith('end') && open.at(-1)?.tag === word.slice(3)) open.pop();
  }
  const last = open.at(-1);
  return last && { tag: last.tag, ...position(text, last.start) };
}

function* tags(text: string): Generator<Tag> {
  let i = 0;
  for (;;) {
    const found = text.slice(i).search(/\{[{%#]/);
    if (found < 0) return;
    const start = i + found;
    const opener = text.slice(start, start + 2) as Tag['opener'];
    const close = opener === '{#' ? text.indexOf('#}', start + 2) : closeOfCode(text, start + 2, CLOSER[opener]);
    const end = close < 0 ? -1 : close + 2;
    yield { opener, start, end };
    if (end < 0) return;
    i = end;
    if (opener === '{%' && /^\{%-?\s*raw\s*-?%\}$/.test(text.slice(start, end))) {
      const endRaw = text.slice(i).search(/\{%-?\s*endraw\s*-?%\}/);
      if (endRaw < 0) {
        yield { opener, start, end: -1 };
        return;
      }
      i += endRaw + 2;
    }
  }
}

/** Index of `closer` after `from`, skipping quoted strings as the nunjucks lexer does; -1 if none. */
function closeOfCode(text: string, from: number, closer: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
    } else if (text.startsWith(closer, i)) {
      return i;
    }
  }
  return -1;
}
