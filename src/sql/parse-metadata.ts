// SHOW and DESCRIBE: a small hand-written grammar, since no SQL parser library knows them.
import type { ParseError } from '../errors.js';
import type { ExecStatement, MetadataStatement } from './statement.js';

interface Token {
  value: string;
  kind: 'word' | 'string' | 'dot' | 'end';
  offset: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:([A-Za-z_][A-Za-z0-9_$-]*|-?\d+(?:\.\d+)?)|'((?:[^']|'')*)'|(\.)|(\S))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    const offset = m.index + m[0].length - m[0].trimStart().length;
    if (m[1] !== undefined) tokens.push({ value: m[1], kind: 'word', offset });
    else if (m[2] !== undefined) tokens.push({ value: m[2].replace(/''/g, "'"), kind: 'string', offset });
    else if (m[3] !== undefined) tokens.push({ value: '.', kind: 'dot', offset });
    else if (m[4] !== undefined) tokens.push({ value: m[4], kind: 'word', offset });
  }
  tokens.push({ value: '', kind: 'end', offset: text.trimEnd().length });
  return tokens;
}

class Cursor {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly fail: (offset: number, message: string) => ParseError,
  ) {}

  peekWord(...words: string[]): boolean {
    const t = this.tokens[this.i];
    return t.kind === 'word' && words.includes(t.value.toUpperCase());
  }

  acceptWord(...words: string[]): boolean {
    if (!this.peekWord(...words)) return false;
    this.i++;
    return true;
  }

  expectWord(...words: string[]): string {
    const t = this.tokens[this.i];
    if (!this.peekWord(...words)) throw this.fail(t.offset, `expected ${words.join(' or ')} but found ${describe(t)}`);
    this.i++;
    return t.value.toUpperCase();
  }

  /** A dotted name of exactly `parts` parts, e.g. aws.apigatewayv2.integrations. */
  name(parts: number, example: string): string[] {
    const out: string[] = [];
    for (let p = 0; p < parts; p++) {
      const t = this.tokens[this.i];
      if (t.kind !== 'word') throw this.fail(t.offset, `expected a name like ${example} but found ${describe(t)}`);
      out.push(t.value);
      this.i++;
      if (p < parts - 1) {
        const dot = this.tokens[this.i];
        if (dot.kind !== 'dot') {
          const written = out.join('.');
          const hint = out.length === 1 && written !== 'aws' ? ` (write it with its provider: aws.${written})` : '';
          throw this.fail(dot.offset, `expected a name like ${example} but found ${describe(dot)}${hint}`);
        }
        this.i++;
      }
    }
    return out;
  }

  optionalLike(): string | undefined {
    if (!this.acceptWord('LIKE')) return undefined;
    const t = this.tokens[this.i];
    if (t.kind !== 'string') throw this.fail(t.offset, `expected a quoted pattern after LIKE but found ${describe(t)}`);
    this.i++;
    return t.value;
  }

  /** `@name = 'value'` or `@name = 42`. */
  argument(): [string, string] {
    const at = this.tokens[this.i];
    if (at.value !== '@') throw this.fail(at.offset, `expected an argument like @region = 'us-east-1' but found ${describe(at)}`);
    this.i++;
    const [name] = this.name(1, "@region = 'us-east-1'");
    const eq = this.tokens[this.i];
    if (eq.value !== '=') throw this.fail(eq.offset, `expected = after @${name} but found ${describe(eq)}`);
    this.i++;
    const v = this.tokens[this.i];
    if (v.kind === 'end' || v.kind === 'dot') throw this.fail(v.offset, `expected a value for @${name} but found ${describe(v)}`);
    this.i++;
    return [name, v.value];
  }

  accept(punct: string): boolean {
    if (this.tokens[this.i].value !== punct || this.tokens[this.i].kind === 'string') return false;
    this.i++;
    return true;
  }

  /** A bare name (a column's), never punctuation: the tokenizer gives both the kind `word`. */
  identifier(what: string): string {
    const t = this.tokens[this.i];
    if (t.kind !== 'word' || !/^[A-Za-z_]/.test(t.value)) throw this.fail(t.offset, `expected ${what} but found ${describe(t)}`);
    this.i++;
    return t.value;
  }

  expectPunct(punct: string): void {
    const t = this.tokens[this.i];
    if (!this.accept(punct)) throw this.fail(t.offset, `expected ${punct} but found ${describe(t)}`);
  }

  atEnd(): boolean {
    return this.tokens[this.i].kind === 'end';
  }

  end(): void {
    const t = this.tokens[this.i];
    if (t.kind !== 'end') throw this.fail(t.offset, `expected the end of the statement but found ${describe(t)}`);
  }
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'the end of the statement';
  return t.kind === 'string' ? `'${t.value}'` : `'${t.value}'`;
}

export function isMetadataStatement(text: string): boolean {
  return /^\s*(SHOW|DESCRIBE|DESC|EXEC)\b/i.test(text);
}

/** Parses SHOW …/DESCRIBE …; `fail` turns an offset in `text` into a located ParseError. */
export function parseMetadata(text: string, fail: (offset: number, message: string) => ParseError): MetadataStatement | ExecStatement {
  const c = new Cursor(tokenize(text), fail);
  let stmt: MetadataStatement | ExecStatement;
  if (c.acceptWord('EXEC')) {
    const [provider, service, resource, method] = c.name(4, 'aws.cloud_control.resource_requests.cancel_resource_request');
    const args: Record<string, string> = {};
    while (!c.atEnd()) {
      const [k, v] = c.argument();
      args[k] = v;
      if (!c.accept(',')) break;
    }
    stmt = { kind: 'exec', provider, service, resource, method, args };
  } else if (c.acceptWord('DESCRIBE', 'DESC')) {
    const extended = c.acceptWord('EXTENDED');
    const [provider, service, resource] = c.name(3, 'aws.ec2.vpcs');
    stmt = { kind: 'describe', provider, service, resource, extended };
  } else {
    c.expectWord('SHOW');
    const extended = c.acceptWord('EXTENDED');
    const what = c.expectWord('PROVIDERS', 'SERVICES', 'RESOURCES', 'METHODS', 'INSERT');
    if (what === 'INSERT') {
      c.expectWord('INTO');
      const [provider, service, resource] = c.name(3, 'aws.ec2.vpcs');
      let columns: string[] | undefined;
      if (c.accept('(')) {
        columns = [];
        do columns.push(c.identifier('a column name like BucketName'));
        while (c.accept(','));
        c.expectPunct(')');
      }
      // The /*+ REQUIRED */ hint is lifted with the others; parse.ts sets `required`.
      stmt = { kind: 'show_insert', provider, service, resource, extended, required: false, ...(columns ? { columns } : {}) };
    } else if (what === 'PROVIDERS') {
      stmt = { kind: 'show_providers', like: c.optionalLike() };
    } else if (what === 'SERVICES') {
      c.expectWord('IN', 'FROM');
      const [provider] = c.name(1, 'aws');
      stmt = { kind: 'show_services', provider, like: c.optionalLike(), extended };
    } else if (what === 'RESOURCES') {
      c.expectWord('IN', 'FROM');
      const [provider, service] = c.name(2, 'aws.ec2');
      stmt = { kind: 'show_resources', provider, service, like: c.optionalLike(), extended };
    } else {
      c.expectWord('IN', 'FROM');
      const [provider, service, resource] = c.name(3, 'aws.ec2.vpcs');
      stmt = { kind: 'show_methods', provider, service, resource };
    }
  }
  c.end();
  return stmt;
}
