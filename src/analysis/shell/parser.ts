/**
 * A small hand-written parser for POSIX sh with the common bash extensions (`[[ ]]`, `(( ))`,
 * `function`, `$'…'`, `<( )`, `;&`). It reads the string once, character by character, with no
 * backtracking regexes; nesting is capped so hostile input fails fast with a ParseError.
 */
import type {
  Assign,
  AndOr,
  Case,
  Cmd,
  For,
  If,
  List,
  Loop,
  Part,
  Pipeline,
  Redir,
  Word,
} from './ast.js';

export class ParseError extends Error {}

const MAX_DEPTH = 100;
/** longest `(( … ))` / `$(( … ))` body we look for the closing parens in */
const MAX_ARITH_SCAN = 20000;

const LIST_END = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
/** first characters of the words peekRaw() looks for (reserved words, `!`, `[[`, `]]`, `time`) */
const RESERVED_START = new Set(['t', 'e', 'f', 'd', 'w', 'u', 's', 'c', 'i', '{', '}', '!', '[', ']']);

function isMeta(c: string | undefined): boolean {
  return (
    c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>'
  );
}
function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}
function isNameChar(c: string | undefined): boolean {
  return isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

const REDIR_OPS = ['<<<', '<<-', '&>>', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '<', '>'];

/** Parse a whole script. Throws ParseError on a syntax error or excessive nesting. */
export function parseScript(src: string, depth = 0): List {
  const p = new Parser(src, depth);
  const list = p.parseList();
  p.skipSpace();
  if (!p.eof()) p.fail();
  return list;
}

class Parser {
  i = 0;
  private heredocs: { delim: string; strip: boolean }[] = [];

  constructor(
    readonly src: string,
    private depth: number,
  ) {}

  fail(): never {
    throw new ParseError(`shell syntax error at ${this.i}`);
  }
  eof(): boolean {
    return this.i >= this.src.length;
  }
  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail();
  }
  private leave(): void {
    this.depth--;
  }

  /** Blanks, line continuations and comments; not newlines. */
  skipBlanks(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && s[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') {
        const j = s.indexOf('\n', this.i);
        this.i = j < 0 ? s.length : j;
      } else return;
    }
  }

  private newline(): void {
    this.i++;
    if (this.heredocs.length) this.readHeredocs();
  }

  /** Blanks, comments and newlines (reading pending here-document bodies). */
  skipSpace(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.i] === '\n') this.newline();
      else return;
    }
  }

  private readHeredocs(): void {
    const s = this.src;
    const docs = this.heredocs;
    this.heredocs = [];
    for (const h of docs) {
      while (this.i < s.length) {
        const j = s.indexOf('\n', this.i);
        const end = j < 0 ? s.length : j;
        let k = this.i;
        if (h.strip) while (s[k] === '\t') k++;
        const isEnd = end - k === h.delim.length && s.startsWith(h.delim, k);
        this.i = j < 0 ? s.length : j + 1;
        if (isEnd) break;
      }
    }
  }

  /** The reserved-word candidate at the cursor ('' when the next token cannot be one). */
  private peekRaw(): string {
    const s = this.src;
    if (!RESERVED_START.has(s[this.i]!)) return '';
    let j = this.i;
    while (j < s.length && j - this.i <= 8) {
      const c = s[j];
      if (isMeta(c) || c === '"' || c === "'" || c === '\\' || c === '$' || c === '`') break;
      j++;
    }
    if (j === this.i || (j < s.length && !isMeta(s[j]))) return '';
    return s.slice(this.i, j);
  }

  private expectWord(w: string): void {
    this.skipSpace();
    if (this.peekRaw() !== w) this.fail();
    this.i += w.length;
  }

  private atListEnd(): boolean {
    const s = this.src;
    if (this.i >= s.length) return true;
    const c = s[this.i];
    if (c === ')') return true;
    if (c === ';' && (s[this.i + 1] === ';' || s[this.i + 1] === '&')) return true;
    const w = this.peekRaw();
    return w !== '' && LIST_END.has(w);
  }

  parseList(): List {
    this.enter();
    const items: List['items'] = [];
    const start = this.i;
    let end = this.i;
    const s = this.src;
    for (;;) {
      this.skipSpace();
      if (this.atListEnd()) break;
      const ao = this.parseAndOr();
      end = ao.e;
      this.skipBlanks();
      const c = s[this.i];
      if (c === '&') {
        this.i++;
        items.push({ ao, bg: true });
        continue;
      }
      items.push({ ao, bg: false });
      if (c === ';') {
        if (s[this.i + 1] === ';' || s[this.i + 1] === '&') break;
        this.i++;
        continue;
      }
      if (c === '\n') {
        this.newline();
        continue;
      }
      break;
    }
    this.leave();
    return { s: items.length ? items[0]!.ao.s : start, e: end, items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    const s = this.src;
    let e = first.e;
    for (;;) {
      this.skipBlanks();
      const c = s[this.i];
      if ((c === '&' || c === '|') && s[this.i + 1] === c) {
        this.i += 2;
        this.skipSpace();
        const p = this.parsePipeline();
        rest.push({ op: c === '&' ? '&&' : '||', p });
        e = p.e;
      } else break;
    }
    return { s: first.s, e, first, rest };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    const s = this.src;
    const start = this.i;
    let neg = false;
    for (;;) {
      const w = this.peekRaw();
      if (w === '!') {
        neg = !neg;
        this.i++;
        this.skipBlanks();
      } else if (w === 'time') {
        this.i += 4;
        this.skipBlanks();
        if (s[this.i] === '-' && s[this.i + 1] === 'p' && (this.i + 2 >= s.length || isMeta(s[this.i + 2]))) {
          this.i += 2;
          this.skipBlanks();
        }
      } else break;
    }
    const cmds: Cmd[] = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (s[this.i] === '|' && s[this.i + 1] !== '|') {
        this.i += s[this.i + 1] === '&' ? 2 : 1;
        this.skipSpace();
        cmds.push(this.parseCommand());
      } else break;
    }
    return { s: start, e: cmds[cmds.length - 1]!.e, neg, cmds };
  }

  private parseCommand(): Cmd {
    this.enter();
    this.skipBlanks();
    const s = this.src;
    let cmd: Cmd;
    if (s[this.i] === '(') {
      cmd = (s[this.i + 1] === '(' && this.tryArithCmd()) || this.parseSubshell();
    } else {
      const w = this.peekRaw();
      switch (w) {
        case '{':
          cmd = this.parseGroup();
          break;
        case 'if':
          cmd = this.parseIf();
          break;
        case 'while':
        case 'until':
          cmd = this.parseLoop(w === 'until');
          break;
        case 'for':
        case 'select':
          cmd = this.parseFor(w === 'select');
          break;
        case 'case':
          cmd = this.parseCase();
          break;
        case 'function':
          cmd = this.parseFunctionKw();
          break;
        case '[[':
          cmd = this.parseDoubleBracket();
          break;
        default:
          if (w !== '' && LIST_END.has(w)) this.fail();
          cmd = this.parseSimple();
      }
    }
    if (cmd.t !== 'simple' && cmd.t !== 'func') {
      for (;;) {
        this.skipBlanks();
        const c = s[this.i];
        if (((c === '<' || c === '>') && s[this.i + 1] !== '(') || (c === '&' && s[this.i + 1] === '>')) {
          cmd.redirs.push(this.parseRedir(this.i, null));
          cmd.e = this.i;
        } else if (isDigit(c) && this.fdRedirAhead()) {
          const st = this.i;
          const fd = this.readFd();
          cmd.redirs.push(this.parseRedir(st, fd));
          cmd.e = this.i;
        } else break;
      }
    }
    this.leave();
    return cmd;
  }

  private parseSubshell(): Cmd {
    const start = this.i;
    this.i++;
    const body = this.parseList();
    this.skipSpace();
    if (this.src[this.i] !== ')') this.fail();
    this.i++;
    return { t: 'sub', s: start, e: this.i, body, redirs: [] };
  }

  private parseGroup(): Cmd {
    const start = this.i;
    this.i++;
    const body = this.parseList();
    this.expectWord('}');
    return { t: 'group', s: start, e: this.i, body, redirs: [] };
  }

  private parseIf(): If {
    const start = this.i;
    this.i += 2;
    const arms: If['arms'] = [];
    let els: List | null = null;
    for (;;) {
      const cond = this.parseList();
      this.expectWord('then');
      const body = this.parseList();
      arms.push({ cond, body });
      this.skipSpace();
      const w = this.peekRaw();
      if (w === 'elif') {
        this.i += 4;
        continue;
      }
      if (w === 'else') {
        this.i += 4;
        els = this.parseList();
        this.expectWord('fi');
        break;
      }
      this.expectWord('fi');
      break;
    }
    return { t: 'if', s: start, e: this.i, arms, els, redirs: [] };
  }

  private parseLoop(until: boolean): Loop {
    const start = this.i;
    this.i += 5;
    const cond = this.parseList();
    const headEnd = cond.items.length ? cond.e : start + 5;
    this.expectWord('do');
    const body = this.parseList();
    this.expectWord('done');
    return { t: 'loop', s: start, e: this.i, until, cond, body, headEnd, redirs: [] };
  }

  private parseFor(select: boolean): For {
    const start = this.i;
    const s = this.src;
    this.i += select ? 6 : 3;
    this.skipBlanks();
    let name = '';
    let list: Word[] | null = null;
    let opaque = select;
    let headEnd: number;
    if (!select && s[this.i] === '(' && s[this.i + 1] === '(') {
      const a = this.scanArith(this.i);
      if (!a) this.fail();
      this.i = a.end;
      opaque = true;
      headEnd = this.i;
      this.skipBlanks();
      if (s[this.i] === ';') this.i++;
    } else {
      let j = this.i;
      while (isNameChar(s[j])) j++;
      if (j === this.i) this.fail();
      name = s.slice(this.i, j);
      this.i = j;
      headEnd = j;
      this.skipSpace();
      if (this.peekRaw() === 'in') {
        this.i += 2;
        headEnd = this.i;
        list = [];
        for (;;) {
          this.skipBlanks();
          const c = s[this.i];
          if (c === ';') {
            this.i++;
            break;
          }
          if (c === '\n') {
            this.newline();
            break;
          }
          const w = this.parseWord();
          if (!w) this.fail();
          list.push(w);
          headEnd = w.e;
        }
      } else if (s[this.i] === ';') this.i++;
    }
    this.skipSpace();
    let body: List;
    if (this.peekRaw() === '{') {
      this.i++;
      body = this.parseList();
      this.expectWord('}');
    } else {
      this.expectWord('do');
      body = this.parseList();
      this.expectWord('done');
    }
    return { t: 'for', s: start, e: this.i, name, list, opaque, body, headEnd, redirs: [] };
  }

  private parseCase(): Case {
    const start = this.i;
    const s = this.src;
    this.i += 4;
    this.skipBlanks();
    const word = this.parseWord();
    if (!word) this.fail();
    this.expectWord('in');
    const arms: Case['arms'] = [];
    for (;;) {
      this.skipSpace();
      if (this.peekRaw() === 'esac') {
        this.i += 4;
        break;
      }
      if (this.eof()) this.fail();
      if (s[this.i] === '(') this.i++;
      const pats: Word[] = [];
      for (;;) {
        this.skipBlanks();
        const w = this.parseWord();
        if (!w) this.fail();
        pats.push(w);
        this.skipBlanks();
        if (s[this.i] === '|') {
          this.i++;
          continue;
        }
        if (s[this.i] === ')') {
          this.i++;
          break;
        }
        this.fail();
      }
      const body = this.parseList();
      this.skipSpace();
      let term = '';
      if (s.startsWith(';;&', this.i)) term = ';;&';
      else if (s.startsWith(';;', this.i)) term = ';;';
      else if (s.startsWith(';&', this.i)) term = ';&';
      else if (this.peekRaw() !== 'esac') this.fail();
      this.i += term.length;
      arms.push({ pats, body, term });
    }
    return { t: 'case', s: start, e: this.i, word, arms, redirs: [] };
  }

  private parseFunctionKw(): Cmd {
    const start = this.i;
    const s = this.src;
    this.i += 8;
    this.skipBlanks();
    const w = this.parseWord();
    if (!w) this.fail();
    const name = litValue(w);
    if (name === null) this.fail();
    this.skipBlanks();
    if (s[this.i] === '(') {
      this.i++;
      this.skipBlanks();
      if (s[this.i] !== ')') this.fail();
      this.i++;
    }
    this.skipSpace();
    const body = this.parseCommand();
    return { t: 'func', s: start, e: body.e, name, body };
  }

  private parseDoubleBracket(): Cmd {
    const start = this.i;
    const s = this.src;
    this.i += 2;
    const words: Word[] = [];
    for (;;) {
      this.skipSpace();
      if (this.eof()) this.fail();
      if (this.peekRaw() === ']]') {
        this.i += 2;
        break;
      }
      const c = s[this.i];
      if (c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>' || c === ';') {
        this.i++;
        continue;
      }
      const w = this.parseWord();
      if (!w) this.fail();
      words.push(w);
    }
    return { t: 'test', s: start, e: this.i, words, redirs: [] };
  }

  /** `(( … ))` at `at`: where the expression is and where the construct ends, or null. */
  private scanArith(at: number): { from: number; to: number; end: number } | null {
    const s = this.src;
    let depth = 0;
    const limit = Math.min(s.length, at + MAX_ARITH_SCAN);
    for (let j = at; j < limit; j++) {
      const c = s[j];
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 1) return s[j + 1] === ')' ? { from: at + 2, to: j, end: j + 2 } : null;
        if (depth < 1) return null;
      }
    }
    return null;
  }

  private tryArithCmd(): Cmd | null {
    const a = this.scanArith(this.i);
    if (!a) return null;
    const start = this.i;
    this.i = a.end;
    return { t: 'arith', s: start, e: a.end, expr: this.src.slice(a.from, a.to), redirs: [] };
  }

  /** digits followed by `<` or `>` */
  private fdRedirAhead(): boolean {
    const s = this.src;
    let j = this.i;
    while (isDigit(s[j])) j++;
    return j > this.i && j - this.i < 4 && (s[j] === '<' || s[j] === '>') && s[j + 1] !== '(';
  }
  private readFd(): number {
    const s = this.src;
    const st = this.i;
    while (isDigit(s[this.i])) this.i++;
    return Number(s.slice(st, this.i));
  }

  private parseRedir(start: number, fd: number | null): Redir {
    const s = this.src;
    let op = '';
    for (const o of REDIR_OPS) {
      if (s.startsWith(o, this.i)) {
        op = o;
        break;
      }
    }
    if (!op) this.fail();
    this.i += op.length;
    this.skipBlanks();
    if ((op === '<&' || op === '>&') && s[this.i] === '-') {
      this.i++;
      return { op, fd, target: null, s: start, e: this.i };
    }
    const target = this.parseWord();
    if (!target) this.fail();
    if (op === '<<' || op === '<<-') {
      let delim = '';
      for (const p of target.parts) delim += p.k === 'lit' ? p.v : s.slice(p.s, p.e);
      this.heredocs.push({ delim, strip: op === '<<-' });
    }
    return { op, fd, target, s: start, e: this.i };
  }

  private parseSimple(): Cmd {
    const s = this.src;
    const start = this.i;
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    let end = start;
    for (;;) {
      this.skipBlanks();
      if (this.i >= s.length) break;
      const c = s[this.i];
      if ((c === '<' || c === '>') && s[this.i + 1] !== '(') {
        redirs.push(this.parseRedir(this.i, null));
        end = this.i;
        continue;
      }
      if (c === '&' && s[this.i + 1] === '>') {
        redirs.push(this.parseRedir(this.i, null));
        end = this.i;
        continue;
      }
      if (isDigit(c) && this.fdRedirAhead()) {
        const st = this.i;
        const fd = this.readFd();
        redirs.push(this.parseRedir(st, fd));
        end = this.i;
        continue;
      }
      if (isMeta(c) && !((c === '<' || c === '>') && s[this.i + 1] === '(')) break;
      const w = this.parseWord();
      if (!w) break;
      end = w.e;
      if (words.length === 0) {
        const a = asAssign(w);
        if (a) {
          if (a.value === null && s[this.i] === '(') {
            // name=( … ) array
            this.i++;
            for (;;) {
              this.skipSpace();
              if (this.eof()) this.fail();
              if (s[this.i] === ')') {
                this.i++;
                break;
              }
              if (!this.parseWord()) this.fail();
            }
            a.array = true;
            a.e = this.i;
            end = this.i;
          }
          assigns.push(a);
          continue;
        }
        if (assigns.length === 0 && redirs.length === 0) {
          const name = litValue(w);
          if (name !== null && /^[A-Za-z0-9_.:@+-]+$/.test(name)) {
            const save = this.i;
            this.skipBlanks();
            if (s[this.i] === '(') {
              this.i++;
              this.skipBlanks();
              if (s[this.i] === ')') {
                this.i++;
                this.skipSpace();
                const body = this.parseCommand();
                return { t: 'func', s: start, e: body.e, name, body };
              }
            }
            this.i = save;
          }
        }
      }
      words.push(w);
    }
    if (!words.length && !assigns.length && !redirs.length) this.fail();
    return { t: 'simple', s: start, e: end, assigns, words, redirs };
  }

  parseWord(): Word | null {
    const s = this.src;
    const start = this.i;
    const parts: Part[] = [];
    const c0 = s[this.i];
    if ((c0 === '<' || c0 === '>') && s[this.i + 1] === '(') {
      this.i += 2;
      const body = this.parseList();
      this.skipSpace();
      if (s[this.i] !== ')') this.fail();
      this.i++;
      parts.push({ k: 'proc', body, s: start, e: this.i });
      return { s: start, e: this.i, parts };
    }
    while (this.i < s.length) {
      const c = s[this.i];
      if (isMeta(c)) break;
      if (c === '\\') {
        const n = s[this.i + 1];
        if (n === '\n') {
          this.i += 2;
          continue;
        }
        if (n === undefined) {
          parts.push({ k: 'lit', v: '\\', s: this.i, q: false });
          this.i++;
          continue;
        }
        parts.push({ k: 'lit', v: n, s: this.i + 1, q: true });
        this.i += 2;
        continue;
      }
      if (c === "'") {
        const j = s.indexOf("'", this.i + 1);
        if (j < 0) this.fail();
        parts.push({ k: 'lit', v: s.slice(this.i + 1, j), s: this.i + 1, q: true });
        this.i = j + 1;
        continue;
      }
      if (c === '"') {
        this.parseDQ(parts);
        continue;
      }
      if (c === '$') {
        this.parseDollar(parts, false);
        continue;
      }
      if (c === '`') {
        this.parseBacktick(parts, false);
        continue;
      }
      let j = this.i + 1;
      while (j < s.length) {
        const d = s[j];
        if (isMeta(d) || d === '\\' || d === "'" || d === '"' || d === '$' || d === '`') break;
        j++;
      }
      parts.push({ k: 'lit', v: s.slice(this.i, j), s: this.i, q: false });
      this.i = j;
    }
    if (this.i === start) return null;
    return { s: start, e: this.i, parts };
  }

  private parseDQ(parts: Part[]): void {
    const s = this.src;
    this.i++;
    const open = this.i;
    const before = parts.length;
    let run = this.i;
    const flush = (end: number): void => {
      if (end > run) parts.push({ k: 'lit', v: s.slice(run, end), s: run, q: true });
    };
    for (;;) {
      if (this.i >= s.length) this.fail();
      const c = s[this.i];
      if (c === '"') {
        flush(this.i);
        this.i++;
        break;
      }
      if (c === '\\') {
        const n = s[this.i + 1];
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          flush(this.i);
          parts.push({ k: 'lit', v: n, s: this.i + 1, q: true });
          this.i += 2;
          run = this.i;
          continue;
        }
        if (n === '\n') {
          flush(this.i);
          this.i += 2;
          run = this.i;
          continue;
        }
        this.i += n === undefined ? 1 : 2;
        continue;
      }
      if (c === '$') {
        flush(this.i);
        this.parseDollar(parts, true);
        run = this.i;
        continue;
      }
      if (c === '`') {
        flush(this.i);
        this.parseBacktick(parts, true);
        run = this.i;
        continue;
      }
      this.i++;
    }
    if (parts.length === before) parts.push({ k: 'lit', v: '', s: open, q: true });
  }

  private parseDollar(parts: Part[], q: boolean): void {
    const s = this.src;
    const st = this.i;
    const n = s[this.i + 1];
    if (n === '{') {
      this.parseBraceParam(parts, q);
      return;
    }
    if (n === '(') {
      if (s[this.i + 2] === '(') {
        const a = this.scanArith(this.i + 1);
        if (a) {
          this.i = a.end;
          parts.push({ k: 'arith', expr: s.slice(a.from, a.to), q, s: st, e: this.i });
          return;
        }
      }
      this.i += 2;
      const body = this.parseList();
      this.skipSpace();
      if (s[this.i] !== ')') this.fail();
      this.i++;
      parts.push({ k: 'cmd', body, q, s: st, e: this.i });
      return;
    }
    if (!q && n === "'") {
      this.parseAnsiC(parts);
      return;
    }
    if (!q && n === '"') {
      this.i++;
      this.parseDQ(parts);
      return;
    }
    if (isNameStart(n)) {
      let j = this.i + 2;
      while (isNameChar(s[j])) j++;
      parts.push({ k: 'param', name: s.slice(this.i + 1, j), op: '', arg: null, q, s: st, e: j });
      this.i = j;
      return;
    }
    if (n !== undefined && (isDigit(n) || '@*#?$!-'.includes(n))) {
      parts.push({ k: 'param', name: n, op: '', arg: null, q, s: st, e: this.i + 2 });
      this.i += 2;
      return;
    }
    parts.push({ k: 'lit', v: '$', s: st, q });
    this.i++;
  }

  private parseAnsiC(parts: Part[]): void {
    const s = this.src;
    const st = this.i;
    this.i += 2;
    let v = '';
    for (;;) {
      if (this.i >= s.length) this.fail();
      const c = s[this.i]!;
      if (c === "'") {
        this.i++;
        break;
      }
      if (c === '\\' && this.i + 1 < s.length) {
        const n = s[this.i + 1]!;
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };
        v += Object.hasOwn(map, n) ? map[n] : n;
        this.i += 2;
        continue;
      }
      v += c;
      this.i++;
    }
    parts.push({ k: 'lit', v, s: st, q: true, nc: true });
  }

  private parseBraceParam(parts: Part[], q: boolean): void {
    const s = this.src;
    const st = this.i;
    this.i += 2;
    let op = '';
    if (s[this.i] === '#' && s[this.i + 1] !== '}') {
      op = 'len';
      this.i++;
    } else if (s[this.i] === '!' && s[this.i + 1] !== '}') {
      op = '?';
      this.i++;
    }
    let j = this.i;
    if (isNameStart(s[j])) while (isNameChar(s[j])) j++;
    else if (isDigit(s[j])) while (isDigit(s[j])) j++;
    else if (s[j] !== undefined && '@*#?$!-'.includes(s[j]!)) j++;
    else this.fail();
    const name = s.slice(this.i, j);
    this.i = j;
    let arg: Word | null = null;
    if (s[this.i] === '}') {
      this.i++;
    } else {
      const two = s.slice(this.i, this.i + 2);
      let o: string;
      if (two === ':-' || two === ':=' || two === ':+' || two === ':?') o = two;
      else if ('-=+?'.includes(s[this.i]!)) o = s[this.i]!;
      else o = '';
      op = op === '' && o !== '' ? o : '?';
      this.i += o.length;
      arg = this.parseBraceArg();
    }
    parts.push({ k: 'param', name, op, arg, q, s: st, e: this.i });
  }

  /** The word after a `${x:-` operator, up to the matching `}` (consumed). */
  private parseBraceArg(): Word {
    const s = this.src;
    const start = this.i;
    const parts: Part[] = [];
    let run = this.i;
    const flush = (end: number): void => {
      if (end > run) parts.push({ k: 'lit', v: s.slice(run, end), s: run, q: false });
    };
    for (;;) {
      if (this.i >= s.length) this.fail();
      const c = s[this.i];
      if (c === '}') {
        flush(this.i);
        this.i++;
        break;
      }
      if (c === '\\') {
        flush(this.i);
        const n = s[this.i + 1];
        if (n === undefined) this.fail();
        if (n !== '\n') parts.push({ k: 'lit', v: n, s: this.i + 1, q: true });
        this.i += 2;
        run = this.i;
        continue;
      }
      if (c === "'") {
        flush(this.i);
        const j = s.indexOf("'", this.i + 1);
        if (j < 0) this.fail();
        parts.push({ k: 'lit', v: s.slice(this.i + 1, j), s: this.i + 1, q: true });
        this.i = j + 1;
        run = this.i;
        continue;
      }
      if (c === '"') {
        flush(this.i);
        this.parseDQ(parts);
        run = this.i;
        continue;
      }
      if (c === '$') {
        flush(this.i);
        this.parseDollar(parts, true);
        run = this.i;
        continue;
      }
      if (c === '`') {
        flush(this.i);
        this.parseBacktick(parts, true);
        run = this.i;
        continue;
      }
      this.i++;
    }
    return { s: start, e: this.i - 1, parts };
  }

  private parseBacktick(parts: Part[], q: boolean): void {
    const s = this.src;
    const st = this.i;
    let j = this.i + 1;
    let buf = '';
    const map: number[] = [];
    for (;;) {
      if (j >= s.length) this.fail();
      const c = s[j]!;
      if (c === '`') break;
      if (c === '\\' && j + 1 < s.length) {
        const n = s[j + 1]!;
        if (n === '`' || n === '\\' || n === '$' || (q && n === '"')) {
          buf += n;
          map.push(j + 1);
          j += 2;
          continue;
        }
      }
      buf += c;
      map.push(j);
      j++;
    }
    const body = parseScript(buf, this.depth + 1);
    remap(body, map, j);
    this.i = j + 1;
    parts.push({ k: 'cmd', body, q, s: st, e: this.i });
  }
}

/** The value of a word made only of literal parts, else null. */
export function litValue(w: Word): string | null {
  let v = '';
  for (const p of w.parts) {
    if (p.k !== 'lit') return null;
    v += p.v;
  }
  return v;
}

const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=/;

function asAssign(w: Word): Assign | null {
  const p0 = w.parts[0];
  if (!p0 || p0.k !== 'lit' || p0.q) return null;
  const m = ASSIGN_RE.exec(p0.v);
  if (!m) return null;
  const rest = p0.v.slice(m[0].length);
  const parts: Part[] = [];
  if (rest) parts.push({ k: 'lit', v: rest, s: p0.s + m[0].length, q: false });
  for (let i = 1; i < w.parts.length; i++) parts.push(w.parts[i]!);
  const value: Word | null = parts.length ? { s: p0.s + m[0].length, e: w.e, parts } : null;
  return { name: m[1]!, s: w.s, e: w.e, value, array: m[2] !== undefined, append: m[3] === '+' };
}

/** Translate every offset of a sub-tree parsed from an unescaped copy back to the outer string. */
function remap(root: object, map: number[], end: number): void {
  const tr = (x: number): number => (x < map.length ? map[x]! : map.length ? map[map.length - 1]! + 1 : end);
  const stack: unknown[] = [root];
  while (stack.length) {
    const o = stack.pop();
    if (Array.isArray(o)) {
      for (const x of o) if (x && typeof x === 'object') stack.push(x);
    } else if (o && typeof o === 'object') {
      const r = o as Record<string, unknown>;
      for (const key of Object.keys(r)) {
        const v = r[key];
        if ((key === 's' || key === 'e' || key === 'headEnd') && typeof v === 'number') r[key] = tr(v);
        else if (v && typeof v === 'object') stack.push(v);
      }
    }
  }
}
