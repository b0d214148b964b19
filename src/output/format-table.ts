import type { ResultSet } from '../contracts/result-set.js';
import { cellText } from './result-set.js';

const MIN_WIDTH = 4;

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ');
}

function truncate(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : chars.slice(0, width - 1).join('') + '…';
}

/** Shrinks the widest columns first until the table fits `maxWidth` (or nothing can shrink). */
export function fitWidths(natural: number[], maxWidth: number | undefined): number[] {
  const widths = [...natural];
  if (!maxWidth) return widths;
  const total = () => widths.reduce((a, w) => a + w + 3, 1);
  while (total() > maxWidth) {
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if (widths[i] > widths[widest]) widest = i;
    if (widths[widest] <= MIN_WIDTH) break;
    widths[widest] = Math.max(MIN_WIDTH, widths[widest] - Math.max(1, total() - maxWidth));
  }
  return widths;
}

/** An aligned, bordered table that fits the terminal: long cells end in '…'. */
export function formatTable(rs: ResultSet, maxWidth?: number): string {
  const header = rs.columns.map((c) => oneLine(c.name));
  const body = rs.rows.map((row) => row.map((v) => oneLine(cellText(v, 'null'))));
  // A loop, not Math.max(...column): a spread of every row's width overflows the stack on long results.
  const natural = header.map((h) => [...h].length);
  for (const row of body) row.forEach((c, i) => (natural[i] = Math.max(natural[i], [...c].length)));
  const widths = fitWidths(natural, maxWidth);
  const rule = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
  const pad = (c: string, w: number) => {
    const t = truncate(c, w);
    return t + ' '.repeat(Math.max(0, w - [...t].length));
  };
  const line = (cells: string[]) => '| ' + cells.map((c, i) => pad(c, widths[i])).join(' | ') + ' |';
  const out = [rule, line(header), rule, ...body.map(line), rule];
  return out.join('\n') + '\n';
}
