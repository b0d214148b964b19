// nunjucks reports a tag left open at the end of the template without a position
// ("expected variable end"); this finds the opening delimiter so the error can point at it.
import { position } from './text-position.js';

export interface OpenTag {
  opener: '{{' | '{%' | '{#';
  line: number;
  column: number;
}

const CLOSER = { '{{': '}}', '{%': '%}', '{#': '#}' } as const;

export function findUnclosedTag(text: string): OpenTag | undefined {
  let i = 0;
  for (;;) {
    const start = text.slice(i).search(/\{[{%#]/);
    if (start < 0) return undefined;
    const at = i + start;
    const opener = text.slice(at, at + 2) as OpenTag['opener'];
    const end = opener === '{#' ? text.indexOf('#}', at + 2) : closeOfCode(text, at + 2, CLOSER[opener]);
    if (end < 0) return { opener, ...position(text, at) };
    i = end + 2;
    if (opener === '{%' && /^\{%-?\s*raw\s*-?%\}$/.test(text.slice(at, i))) {
      const endRaw = text.slice(i).search(/\{%-?\s*endraw\s*-?%\}/);
      if (endRaw < 0) return { opener, ...position(text, at) };
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
