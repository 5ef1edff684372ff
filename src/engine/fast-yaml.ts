/**
 * A fast reader for the YAML nearly every manifest is written in: block mappings and sequences,
 * single-line plain and quoted scalars, `|`/`>` block scalars, one-line flow collections, comments.
 * It builds the same nodes `yaml`'s Composer builds (classes, values, types, sources, formats,
 * ranges: compared node by node on the corpus and the fixtures, see test/fast-yaml.test.ts) without
 * yaml's lexer and CST, which cost most of its parse. Anything else (anchors, aliases, tags,
 * directives, merge keys, explicit keys, multi-line flow or plain scalars, tabs, CR, a duplicate
 * key, anything yaml would report) makes it decline, and the caller parses the document with
 * `yaml`: a decline is never wrong, an acceptance must equal yaml's parse.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar, type Schema, type ScalarTag } from 'yaml';
import { yamlEscapes, yamlHexEscapeLength } from './yaml-escapes.js';

/** Thrown to abandon a document, caught once in readPlainDocument (one instance: no stack to build). */
const DECLINE = new Error('left to yaml');

/** Characters no document this reader accepts holds (yaml treats them specially or reports them). */
const unusual = /[\x00-\x08\t\v\f\r\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]/;
/** Starts yaml's tag tests may accept (null, bool, int, float); every other plain scalar is a string. */
const maybeTyped = /^[-+.0-9~nNtTfF]/;
/** Characters a plain scalar may not start with in block context (indicators, flow, reserved). */
const plainStartBlocked = new Set(['&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ',', '[', ']', '{', '}', '#', '?', ':']);
const flowIndicators = new Set([',', '[', ']', '{', '}']);
/** Deeper nesting is left to yaml (this reader recurses; yaml's parse reports what is too deep). */
const maxDepth = 256;
/** yaml's limit for an implicit key (KEY_OVER_1024_CHARS). */
const maxKeyLength = 1024;

type Node = Scalar | YAMLMap | YAMLSeq;
type Range = [number, number, number];

export interface PlainReadOptions {
  uniqueKeys: true;
  prettyErrors: false;
}

/**
 * The document of `text[from, to)` (one `---` chunk: `from` is 0 or a `---` line), with offsets
 * into `text`; undefined when the chunk holds anything this reader leaves to `yaml`. `part`: the
 * lines from `from` are a part of a document read as a document of their own (a run of a large
 * List's items, list-items.ts), so `from` may be any line start.
 */
export function readPlainDocument(text: string, from: number, to: number, options: PlainReadOptions, part = false): Document | undefined {
  const chunk = text.slice(from, to);
  if (unusual.test(chunk)) return undefined;
  const doc = new Document(undefined, options);
  try {
    new Reader(text, from, to, doc.schema, part).read(doc);
    return doc;
  } catch (err) {
    if (err === DECLINE) return undefined;
    throw err;
  }
}

/** Where the line holding offset `i` ends: after its newline, or at `to`. */
function afterLine(text: string, i: number, to: number): number {
  const nl = text.indexOf('\n', i);
  return nl === -1 || nl >= to ? to : nl + 1;
}

/**
 * Whether `text[from, to)` is the part of a stream before its first `---` and holds only blank
 * and comment lines: yaml makes no document of it (its comments go with the next one).
 */
export function holdsNoDocument(text: string, from: number, to: number): boolean {
  if (from !== 0 || text.startsWith('---', from)) return false;
  for (let ls = from; ls < to; ) {
    let i = ls;
    while (i < to && text[i] === ' ') i++;
    if (i < to && text[i] !== '\n' && text[i] !== '#') return false;
    ls = afterLine(text, i, to);
  }
  return true;
}

function decline(): never {
  throw DECLINE;
}

/** A run of blank and comment lines: where the next content line starts and what the run held. */
interface Gap {
  /** Where the run starts (identifies it: a comment closing nested collections is claimed once). */
  start: number;
  /** Offset of the next content line's start (or `to`). */
  next: number;
  /** Indentation of that line (-1 at the end of the chunk). */
  indent: number;
  /** Indentation of every comment line in the run (usually none). */
  comments: readonly number[];
}

const noComments: readonly number[] = Object.freeze([]);

/**
 * Whether a mapping read so far already has `key` (a duplicate key is left to yaml), with a Set's
 * equality (SameValueZero). A small mapping's own pairs are searched: a Set for every mapping was
 * 120 MB of the 5 GB a 100k-document stream allocates. A mapping with many keys gets a Set
 * (keysOfLargeMap), so a large one is not searched once per key.
 */
function keySeen(items: readonly Pair[], key: unknown, manyKeys: Set<unknown> | undefined): boolean {
  if (manyKeys) return manyKeys.has(key);
  for (const pair of items) {
    const seen = (pair.key as Scalar).value;
    if (seen === key || (seen !== seen && key !== key)) return true; // NaN equals NaN
  }
  return false;
}

const smallMapKeys = 16;

/** The Set of a mapping's keys once it has more than a few (keySeen), kept up to date as pairs are added. */
function keysOfLargeMap(items: readonly Pair[], manyKeys: Set<unknown> | undefined): Set<unknown> | undefined {
  if (manyKeys) return manyKeys.add((items[items.length - 1]!.key as Scalar).value);
  return items.length > smallMapKeys ? new Set(items.map((pair) => (pair.key as Scalar).value)) : undefined;
}

class Reader {
  private p: number;
  private depth = 0;
  /** The gap whose comments a collection took as its trailing comment (see endCollection). */
  private claimedGap = -1;

  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly to: number,
    private readonly schema: Schema,
    private readonly part: boolean,
  ) {
    this.p = from;
  }

  read(doc: Document): void {
    const { text, from, to } = this;
    const docStart = text.startsWith('---', from);
    if (docStart) {
      // `---`, maybe spaces and a comment, then the content on the lines below.
      this.p = from + 3 < to && text[from + 3] !== '\n' ? this.restOfLine(from + 3) : Math.min(from + 4, to);
    } else if (from !== 0 && !this.part) decline();
    const gap = this.gap(this.p);
    if (gap.indent === -1) {
      if (this.p !== Math.min(from + 4, to)) decline();
      // An empty document: yaml puts its null right after the `---`.
      if (!docStart || gap.comments.length > 0) decline();
      const at = from + 3;
      doc.contents = this.scalar(null, '', 'PLAIN', [at, at, at]) as never;
      doc.range = [from, at, at];
      doc.directives!.docStart = true;
      return;
    }
    // Comments before the content belong to the document; any indentation will do.
    this.p = gap.next;
    // Without `---` the document starts at its first content line (its indentation included).
    const contentStart = gap.next;
    const node = this.block(gap.next, gap.indent, -1);
    const end = this.gap(this.p);
    // After the content only blank lines and comments (the document's own comment).
    if (end.indent !== -1) decline();
    doc.contents = node as never;
    if (docStart) doc.directives!.docStart = true;
    doc.range = [docStart ? from : contentStart, node.range![2], to];
  }

  /** The run of blank and comment lines from the line starting at `at`. */
  private gap(at: number): Gap {
    const { text, to } = this;
    let comments: number[] | undefined; // most gaps hold no comment: no array for them
    let ls = at;
    while (ls < to) {
      let i = ls;
      while (i < to && text.charCodeAt(i) === 32) i++;
      const c = text[i];
      if (i >= to || c === '\n') {
        ls = i + 1;
        continue;
      }
      if (c === '#') {
        (comments ??= []).push(i - ls);
        ls = afterLine(text, i, to);
        continue;
      }
      if (i - ls === 0 && text.startsWith('...', i)) decline();
      return { start: at, next: ls, indent: i - ls, comments: comments ?? noComments };
    }
    return { start: at, next: to, indent: -1, comments: comments ?? noComments };
  }

  /** A node whose first token is at `start + column` on the line starting at `lineStart`... */
  private block(lineStart: number, column: number, parentIndent: number): Node {
    const q = lineStart + column;
    const { text } = this;
    if (++this.depth > maxDepth) decline();
    let node: Node;
    if (text[q] === '-' && this.isSpaceOrEnd(q + 1)) node = this.blockSeq(lineStart, column);
    else if (this.keyEnd(q) !== -1) node = this.blockMap(lineStart, column);
    else {
      // A scalar or flow collection on a line of its own (an item's content; a document that is
      // one scalar has its own rules for what follows it: left to yaml).
      if (parentIndent < 0) decline();
      this.p = q;
      node = this.inlineValue(parentIndent);
    }
    this.depth--;
    return node;
  }

  private isSpaceOrEnd(i: number): boolean {
    return i >= this.to || this.text[i] === ' ' || this.text[i] === '\n';
  }

  /** The end of `key` in `key: ` / `key:` at end of line starting at `q`, else -1 (not a key). */
  private keyEnd(q: number): number {
    const { text, to } = this;
    const c = text[q];
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(q);
      return close !== -1 && text[close] === ':' && this.isSpaceOrEnd(close + 1) ? close : -1;
    }
    if (c === undefined || plainStartBlocked.has(c) || (c === '-' && this.isSpaceOrEnd(q + 1))) return -1;
    for (let i = q + 1; i < to; i++) {
      const ch = text[i];
      if (ch === '\n') return -1;
      if (ch === ':' && this.isSpaceOrEnd(i + 1)) return text[i - 1] === ' ' ? decline() : i;
      if (ch === '#' && text[i - 1] === ' ') return -1;
    }
    return -1;
  }

  /**
   * The offset after a quoted scalar opening at `q`, or -1. A value's quotes may span lines, each
   * continuation deeper than `column` (the collection's; -1 for keys and flow items: one line).
   */
  private quoteEnd(q: number, column = -1): number {
    const { text, to } = this;
    const quote = text[q];
    for (let i = q + 1; i < to; i++) {
      const ch = text[i];
      if (ch === '\n') {
        if (column < 0) return -1;
        let j = i + 1;
        while (j < to && text.charCodeAt(j) === 32) j++;
        if (j < to && text[j] !== '\n' && j - (i + 1) <= column) decline();
        i = j - 1;
      } else if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return -1;
  }

  private blockMap(lineStart: number, column: number): YAMLMap {
    const { text } = this;
    const map = new YAMLMap(this.schema);
    const start = lineStart + column;
    let manyKeys: Set<unknown> | undefined;
    let end = start;
    let ls = lineStart;
    for (;;) {
      const q = ls + column;
      const colon = this.keyEnd(q);
      if (colon === -1) decline();
      if (colon - q > maxKeyLength) decline();
      const key = this.keyScalar(q, colon);
      if (keySeen(map.items, key.value, manyKeys)) decline();
      let p = colon + 1;
      while (p < this.to && text[p] === ' ') p++;
      let value: Node;
      if (p >= this.to || text[p] === '\n' || text[p] === '#') {
        value = this.valueBelow(p, column, true);
      } else {
        this.p = p;
        value = this.inlineValue(column);
      }
      map.items.push(new Pair(key, value));
      manyKeys = keysOfLargeMap(map.items, manyKeys);
      end = value.range![2];
      // The next key, at this column; anything else ends the map (or is left to yaml).
      const gap = this.gap(this.p);
      if (gap.indent !== column || this.isSeqItem(gap.next + column)) {
        map.range = [start, end, this.endCollection(gap, column) ?? end];
        return map;
      }
      ls = gap.next;
    }
  }

  /**
   * Where a collection at `column` ends, before `gap`: the end of its range when it takes the
   * comments of the gap as its own trailing comment. yaml's parser puts comment lines into the
   * innermost open collection and, when that one closes, hands them to its parent only if it sits
   * at column 0 or every comment is less indented than it (parser.js, pop()); a collection keeping
   * them ends where the next token starts.
   */
  private endCollection(gap: Gap, column: number): number | undefined {
    if (gap.indent > column) decline();
    if (gap.comments.length === 0 || this.claimedGap === gap.start) return undefined;
    if (column === 0 || gap.comments.every((c) => c < column)) return undefined;
    this.claimedGap = gap.start;
    return gap.indent === -1 ? this.to : gap.next + gap.indent;
  }

  private isSeqItem(q: number): boolean {
    return this.text[q] === '-' && this.isSpaceOrEnd(q + 1);
  }

  /**
   * The value of `key:` or `-` with nothing after it on its line (`p`: after the indicator and
   * its spaces, at a newline, a comment or the end): a block node on the lines below, or null.
   * `sameColumnSeq`: a map's value may be a sequence at the map's own column.
   */
  private valueBelow(p: number, column: number, sameColumnSeq: boolean): Node {
    const { text, to } = this;
    const lineEnd = afterLine(text, p, to);
    const gap = this.gap(lineEnd);
    const nested = gap.indent > column || (sameColumnSeq && gap.indent === column && this.isSeqItem(gap.next + column));
    if (nested) {
      // Comments between `key:` (or `-`) and its block are the pair's, whatever their column.
      this.p = gap.next;
      return this.block(gap.next, gap.indent, column);
    }
    // A null value: yaml places it after the indicator's spaces; comments below would join it.
    if (text[p] === '#' || gap.comments.length > 0) decline();
    // A document ending in a null ends at it (yaml leaves the newline out of its range).
    if (gap.indent === -1) decline();
    this.p = lineEnd;
    return this.scalar(null, '', 'PLAIN', [p, p, p]);
  }

  private blockSeq(lineStart: number, column: number): YAMLSeq {
    const { text } = this;
    const seq = new YAMLSeq(this.schema);
    const start = lineStart + column;
    let end = start;
    let ls = lineStart;
    for (;;) {
      const dash = ls + column;
      let p = dash + 1;
      while (p < this.to && text[p] === ' ') p++;
      let item: Node;
      if (p >= this.to || text[p] === '\n' || text[p] === '#') {
        item = this.valueBelow(p, column, false);
      } else if (this.isSeqItem(p) || this.keyEnd(p) !== -1) {
        // A compact sequence or mapping: its column is where it starts on this line.
        item = this.block(ls, p - ls, column);
      } else {
        this.p = p;
        item = this.inlineValue(column);
      }
      seq.items.push(item);
      end = item.range![2];
      const gap = this.gap(this.p);
      if (gap.indent !== column || !this.isSeqItem(gap.next + column)) {
        seq.range = [start, end, this.endCollection(gap, column) ?? end];
        return seq;
      }
      ls = gap.next;
    }
  }

  /** A key scalar `[q, end)` (plain or quoted; yaml resolves keys with the schema's tag tests too). */
  private keyScalar(q: number, end: number): Scalar {
    const c = this.text[q];
    if (c === '"' || c === "'") {
      const source = this.unquote(q, end);
      return this.scalar(source, source, c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', [q, end, end]);
    }
    return this.plainScalar(this.text.slice(q, end), [q, end, end], true);
  }

  /**
   * A value starting at `this.p` on a line whose rest it takes: a block scalar, a quoted or plain
   * scalar, or a one-line flow collection. `indent`: the column of the collection it belongs to
   * (a plain scalar continued on a deeper line is left to yaml).
   */
  private inlineValue(indent: number): Node {
    const { text } = this;
    const q = this.p;
    const c = text[q]!;
    // A document that is one block scalar: its trailing lines count differently (left to yaml).
    if (c === '|' || c === '>') return indent < 0 ? decline() : this.blockScalar(q, indent);
    let node: Node;
    let after: number;
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(q, indent);
      if (close === -1) decline();
      const source = this.unquote(q, close);
      node = this.scalar(source, source, c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', [q, close, close]);
      after = close;
    } else if (c === '[' || c === '{') {
      this.p = q;
      node = this.flowCollection();
      after = this.p;
    } else {
      if (plainStartBlocked.has(c) || (c === '-' && this.isSpaceOrEnd(q + 1))) decline();
      const e = this.plainEnd(q, indent);
      const raw = text.slice(q, e);
      node = this.plainScalar(raw.includes('\n') ? unfoldLines(raw) : raw, [q, e, e], false);
      after = e;
    }
    const nodeEnd = this.deeperComments(this.restOfLine(after), indent);
    node.range![2] = nodeEnd;
    this.p = nodeEnd;
    // A deeper line next would continue a plain scalar or be an error: yaml decides.
    const gap = this.gap(nodeEnd);
    if (gap.indent > indent) decline();
    return node;
  }

  /**
   * Comment lines right after a plain, quoted or flow value that are deeper than its collection's
   * `column` are that value's (yaml's parser adds them to its end tokens: atIndentedComment), up to
   * the first one that is not; blank lines between them too. Where the value's range ends.
   */
  private deeperComments(at: number, column: number): number {
    const { text, to } = this;
    let end = at;
    let ls = at;
    while (ls < to) {
      let i = ls;
      while (i < to && text.charCodeAt(i) === 32) i++;
      const next = afterLine(text, i, to);
      if (i < to && text[i] === '#') {
        if (i - ls <= column) break;
        end = next;
      } else if (i < to && text[i] !== '\n') break;
      ls = next;
    }
    return end;
  }

  /**
   * The end of a plain value starting at `q` (after its last non-space character), as yaml's lexer
   * finds it: it goes on over line breaks while the next line is blank or deeper than `column`,
   * and stops before ` #` or a line starting with `#`. A `: ` in it would make a mapping: left to yaml.
   */
  private plainEnd(q: number, column: number): number {
    const { text, to } = this;
    let e = q;
    for (let i = q; i < to; i++) {
      const ch = text[i];
      if (ch === ':' && this.isSpaceOrEnd(i + 1)) decline();
      if (ch === ' ') {
        if (text[i + 1] === '#') break;
      } else if (ch === '\n') {
        let j = i + 1;
        while (j < to && text.charCodeAt(j) === 32) j++;
        if (j >= to || text[j] === '#') break;
        if (text[j] !== '\n' && j - (i + 1) <= column) break;
        i = j - 1;
      } else e = i + 1;
    }
    return e;
  }

  /** After a value: spaces, an optional comment (after a space) and the newline; where that ends. */
  private restOfLine(at: number): number {
    const { text, to } = this;
    let i = at;
    while (i < to && text[i] === ' ') i++;
    if (i < to && text[i] === '#') {
      if (i === at) decline();
    } else if (i < to && text[i] !== '\n') decline();
    return afterLine(text, i, to);
  }

  private plainScalar(source: string, range: Range, atKey: boolean): Scalar {
    if (source === '' || maybeTyped.test(source)) {
      const tag = this.schema.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source)) as ScalarTag | undefined;
      if (tag) {
        let failed = false;
        const res = tag.resolve(source, () => (failed = true), {} as never) as unknown;
        if (failed) decline();
        const node = isScalar(res) ? res : new Scalar(res);
        node.range = range;
        node.source = source;
        node.type = 'PLAIN';
        if (tag.format) node.format = tag.format;
        return node;
      }
    }
    return this.scalar(source, source, 'PLAIN', range);
  }

  private scalar(value: unknown, source: string, type: Scalar.Type, range: Range): Scalar {
    const node = new Scalar(value);
    node.range = range;
    node.source = source;
    node.type = type;
    return node;
  }

  /** The value of a quoted scalar `[q, end)` (quotes included), as yaml's resolveFlowScalar reads it. */
  private unquote(q: number, end: number): string {
    const source = this.text.slice(q, end);
    if (source[0] === "'") return unfoldLines(source.slice(1, -1)).replaceAll("''", "'");
    return source.includes('\\') || source.includes('\n') ? doubleQuotedValue(source) : source.slice(1, -1);
  }

  /**
   * `|`, `|-`, `>` or `>-` at `q` (keep chomping and indentation indicators are left to yaml),
   * its content the following lines indented deeper than `indent`.
   */
  private blockScalar(q: number, indent: number): Scalar {
    const { text, to } = this;
    const mode = text[q];
    let h = q + 1;
    const strip = text[h] === '-';
    if (strip) h++;
    const headerEnd = this.restOfLine(h);
    if (headerEnd === to && text[to - 1] !== '\n') decline();
    // Lines `[indent spaces, content]` up to the first less-indented content line.
    const lines: [number, string][] = [];
    let contentIndent = -1;
    let leadingBlank = 0;
    let end = headerEnd;
    let ls = headerEnd;
    while (ls < to) {
      let i = ls;
      while (i < to && text.charCodeAt(i) === 32) i++;
      const nl = text.indexOf('\n', i);
      const le = nl === -1 || nl >= to ? to : nl;
      const spaces = i - ls;
      if (i === le) {
        // Blank (or spaces only): part of the scalar unless it trails; deeper ones are content.
        if (contentIndent === -1) leadingBlank = Math.max(leadingBlank, spaces);
        else if (spaces > contentIndent) decline();
        lines.push([spaces, '']);
      } else {
        if (contentIndent === -1) {
          if (spaces <= indent) break;
          contentIndent = spaces;
        } else if (spaces < contentIndent) break;
        lines.push([spaces, text.slice(i, le)]);
        end = le === to ? to : le + 1;
      }
      ls = le === to ? to : le + 1;
    }
    // No content, or blank lines before it deeper than it (yaml reports those): left to yaml.
    if (contentIndent === -1 || leadingBlank > contentIndent) decline();
    // Trailing blank lines are not the scalar's (clip and strip drop them).
    while (lines.length > 0 && lines[lines.length - 1]![1] === '') lines.pop();
    this.p = end;
    const value = mode === '|' ? literalValue(lines, contentIndent) : foldedValue(lines, contentIndent);
    return this.scalar(strip ? value : `${value}\n`, strip ? value : `${value}\n`, mode === '|' ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED', [q, end, end]);
  }

  /** `[...]` or `{...}` at `this.p`, on one line, of scalars and flow collections. */
  private flowCollection(): YAMLMap | YAMLSeq {
    const { text } = this;
    const open = this.p;
    if (++this.depth > maxDepth) decline();
    const isMap = text[open] === '{';
    const close = isMap ? '}' : ']';
    const coll = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    coll.flow = true;
    let manyKeys: Set<unknown> | undefined;
    this.p = open + 1;
    this.flowSpaces();
    if (text[this.p] === close) {
      this.p++;
      coll.range = [open, this.p, this.p];
      this.depth--;
      return coll;
    }
    for (;;) {
      const item = this.flowItem();
      if (isMap) {
        // `{ key : value }`: yaml leaves the spaces before `:` out of the key's range; rare, left to it.
        if (!isScalar(item) || text[this.p] !== ':' || item.range![2] !== item.range![1]) decline();
        if (keySeen((coll as YAMLMap).items, item.value, manyKeys)) decline();
        this.p++;
        if (text[this.p] !== ' ') decline();
        this.flowSpaces();
        const value = this.flowItem();
        (coll as YAMLMap).items.push(new Pair(item, value));
        manyKeys = keysOfLargeMap((coll as YAMLMap).items, manyKeys);
      } else {
        if (text[this.p] === ':') decline();
        (coll as YAMLSeq).items.push(item);
      }
      const ch = text[this.p];
      if (ch === close) {
        this.p++;
        break;
      }
      if (ch !== ',') decline();
      this.p++;
      this.flowSpaces();
      if (text[this.p] === close) decline(); // a trailing comma: left to yaml
    }
    coll.range = [open, this.p, this.p];
    this.depth--;
    return coll;
  }

  private flowSpaces(): void {
    while (this.p < this.to && this.text[this.p] === ' ') this.p++;
  }

  /** One item of a flow collection at `this.p`; leaves `this.p` after it and its spaces. */
  private flowItem(): Node {
    const { text } = this;
    const q = this.p;
    const c = text[q];
    let node: Node;
    if (c === '[' || c === '{') node = this.flowCollection();
    else if (c === '"' || c === "'") {
      const close = this.quoteEnd(q);
      if (close === -1) decline();
      const source = this.unquote(q, close);
      node = this.scalar(source, source, c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', [q, close, close]);
      this.p = close;
    } else {
      if (c === undefined || plainStartBlocked.has(c) || (c === '-' && (this.isSpaceOrEnd(q + 1) || flowIndicators.has(text[q + 1] ?? '')))) decline();
      let i = q;
      let e = q;
      for (; i < this.to; i++) {
        const ch = text[i]!;
        if (ch === '\n' || flowIndicators.has(ch)) break;
        if (ch === ':' && (this.isSpaceOrEnd(i + 1) || flowIndicators.has(text[i + 1] ?? ''))) break;
        if (ch === '#' && text[i - 1] === ' ') decline();
        if (ch !== ' ') e = i + 1;
      }
      node = this.plainScalar(text.slice(q, e), [q, e, e], false);
      this.p = e;
    }
    this.flowSpaces();
    node.range![2] = this.p;
    if (this.p >= this.to || text[this.p] === '\n') decline();
    return node;
  }
}


/**
 * yaml's unfoldLines (resolve-flow-scalar.js) for text without tabs or CR: a plain or single-quoted
 * scalar's line breaks become a space, or n - 1 newlines for n breaks; lines are trimmed.
 */
function unfoldLines(source: string): string {
  const lines = source.split('\n');
  if (lines.length === 1) return source;
  let res = lines[0]!.replace(/ +$/, '');
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!.replace(/^ +| +$/g, '');
    if (line === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + line;
      sep = ' ';
    }
  }
  return res + sep + lines[lines.length - 1]!.replace(/^ +/, '');
}

/** yaml's doubleQuotedValue for text without tabs or CR (`source` with its quotes). */
function doubleQuotedValue(source: string): string {
  let res = '';
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i]!;
    if (ch === '\n') {
      // One break folds to a space, n breaks to n - 1 newlines; the next line's indent goes.
      let fold = '';
      while (source[i + 1] === ' ' || source[i + 1] === '\n') {
        if (source[i + 1] === '\n') fold += '\n';
        i++;
      }
      res += fold || ' ';
    } else if (ch === '\\') {
      const next = source[++i]!;
      const simple = yamlEscapes[next];
      const length = yamlHexEscapeLength[next];
      if (simple !== undefined) res += simple;
      else if (next === '\n') {
        while (source[i + 1] === ' ') i++;
      } else if (length !== undefined) {
        const hex = source.slice(i + 1, i + 1 + length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) decline();
        res += String.fromCodePoint(parseInt(hex, 16));
        i += length;
      } else decline();
    } else if (ch === ' ') {
      // Spaces before a line break are dropped.
      const wsStart = i;
      while (source[i + 1] === ' ') i++;
      if (source[i + 1] !== '\n') res += source.slice(wsStart, i + 1);
    } else res += ch;
  }
  return res;
}

/** A literal block scalar's lines joined (yaml's resolveBlockScalar for `|`, no trailing newline). */
function literalValue(lines: readonly [number, string][], trim: number): string {
  let value = '';
  let sep = '';
  for (const [indent, content] of lines) {
    value += sep + ' '.repeat(Math.max(indent - trim, 0)) + content;
    sep = '\n';
  }
  return value;
}

/** A folded block scalar's lines (yaml's resolveBlockScalar for `>`, no trailing newline). */
function foldedValue(lines: readonly [number, string][], trim: number): string {
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (const [indent, content] of lines) {
    if (indent > trim && content !== '') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + ' '.repeat(indent - trim) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  return value;
}
