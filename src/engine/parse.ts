/**
 * Parse stage: text → YAML documents with a line index, plus the parse problems as findings.
 * One finding per broken document (the first error; later ones are usually its cascade), duplicate
 * keys as non-fatal errors at the second key, and an unrendered Helm template as a single finding.
 */
import { Composer, Document, isAlias, isMap, isPair, isScalar, isSeq, Parser, visit, YAMLParseError, type Node } from 'yaml';
import { LineIndex } from './line-index.js';
import { OffsetMap } from './offset-map.js';
import { pinAliasTarget } from '../k8s/yaml-util.js';
import { readScalarsAsKubernetes } from '../k8s/kubernetes-scalars.js';
import { resolveMergeKeys } from '../k8s/merge-keys.js';
import type { Span } from '../k8s/views.js';
import { holdsNoDocument, readPlainDocument } from './fast-yaml.js';
import { compactBlankDocuments, documentStarts, keptRuns, maskDocuments, type BlankGap, type KeepDocument } from './fast-path.js';
import { indexWithin, someLineStartsWith } from '../text.js';

export interface ParseProblem {
  /** Stable id of the problem kind (the messageId of the finding). */
  id: 'syntax-error' | 'duplicate-key' | 'helm-template';
  span: Span;
  message: string;
  fatal: boolean;
}

export interface ParsedDocument {
  doc: Document;
  index: number;
  /** False when the document has a syntax error: its content is not linted. */
  usable: boolean;
  sourcePath?: string;
}

/**
 * A window of a large file parsed on its own (the linter lints big files in batches of
 * documents, so one batch's trees are dropped before the next is built): `[from, to)` starts at
 * a `---` line, offsets stay the file's, and document indexes continue from `firstIndex`.
 */
export interface ParseWindow {
  from: number;
  to: number;
  firstIndex: number;
  lineIndex: LineIndex;
}

export interface ParsedFile {
  /**
   * The file as read. Every offset the parse gives (node ranges, errors, problems) is an offset
   * into this text, whatever the fast path cut out before parsing.
   */
  text: string;
  /** The same text (kept for callers that name it so). */
  original: string;
  lineCounter: LineIndex;
  documents: ParsedDocument[];
  problems: ParseProblem[];
  /** How many documents the parsed text holds, those the fast path removed included. */
  documentCount: number;
  /**
   * The part of `text` this parse covers (`[from, to)`: a batch of a large file, or all of it).
   * Searches for something in the parsed documents stay inside it: a search to the end of the
   * file, once per batch, made linting a file of N batches cost N times its size.
   */
  covers: { from: number; to: number };
}

/** `{{` where YAML would see structure (line start, after `key:` or `- `), or Helm's `{{-`/`-}}`. */
export const templateMarker = /(?:^[ \t]*|:[ \t]+|-[ \t]+)\{\{|\{\{-|-\}\}/m;
/** helm template's per-document origin: `# Source: chart/templates/deployment.yaml`. */
const helmSourceComment = /^# Source: (\S+\.(?:ya?ml|tpl|json))[ \t]*$/m;

/** The template a document of `helm template`'s output came from (its `# Source:` line near the start), if any. */
export function helmSourceOf(text: string, start: number, end: number): string | undefined {
  return helmSourceComment.exec(text.slice(start, Math.min(end, start + 400)))?.[1]?.trim();
}

/**
 * Parse a file. `keep` names the documents that matter; the others are not parsed (`mask`, the
 * fast path: the kept ones are read where they lie, or the others blanked out first when they
 * are unusual) or parsed in full and then ignored (`mask: false`, the reference path the fast
 * path is tested against). Either way their parse problems are not reported.
 */
export function parseYaml(original: string, keep?: KeepDocument, mask = true, window?: ParseWindow, readInPlace = true): ParsedFile {
  const from = window?.from ?? 0;
  const to = window?.to ?? original.length;
  // Most files: the kept documents are read where they lie, with no masked copy to map back.
  // (`readInPlace: false` masks and compacts whatever the text: what the in-place read is tested against.)
  const direct = mask && keep && readInPlace ? keptRuns(original, from, to, keep) : undefined;
  if (direct) return assemble(original, direct.runs.flatMap((r) => parseStream(original, true, r.from, r.to).map((doc) => ({ doc, removedBefore: r.removedBefore }))), direct.skipped, direct.removed, mask, window);
  const part = window ? original.slice(from, window.to) : original;
  const masked = keep ? maskDocuments(part, keep) : { text: part, skipped: [] as [number, number][], removals: [] };
  // The fast path also drops the empty lines left of skipped documents; the reference path
  // parses the text exactly as it is. Either way offsets are mapped back into the file (a
  // window's offsets shifted by its start, as if the file before it had been cut out).
  const compact = mask ? compactBlankDocuments(masked.text) : { text: part, gaps: [] as BlankGap[] };
  const shift = from > 0 ? new OffsetMap([{ at: 0, length: from }]) : undefined;
  const toFile = new OffsetMap(compact.gaps, mask ? new OffsetMap(masked.removals, shift) : shift);
  // Strict YAML 1.2 core schema, as Kubernetes' decoder reads it; unique keys are enforced so
  // duplicates are reported rather than one value silently winning.
  // The fast path reads plain block documents itself (readPlainDocument); the reference path
  // (`mask: false`) parses everything with yaml, so comparing the two tests the reader too.
  // When nothing was cut out, the file's own text is read in place: offsets need no mapping walk
  // (every batch of a large stream but the first used to be parsed as a copy and shifted back).
  const inPlace = compact.text === part;
  const list = inPlace ? parseStream(original, mask, from, to) : parseStream(compact.text, mask);
  if (!inPlace && !toFile.identity) for (const doc of list) remapOffsets(doc, toFile);
  // Documents the compaction removed still count: indexes are those of the file.
  let removedDocs = 0;
  let gap = 0;
  const counted = list.map((doc) => {
    const docStart = doc.range?.[0] ?? 0;
    while (gap < compact.gaps.length && toFile.toOriginal(compact.gaps[gap]!.at) <= docStart) removedDocs += compact.gaps[gap++]!.docs;
    return { doc, removedBefore: removedDocs };
  });
  return assemble(original, counted, masked.skipped, compact.gaps.reduce((n, g) => n + g.docs, 0), mask, window);
}

/**
 * The parse of `documents` (in file order, offsets into `original`, each with how many documents
 * the fast path removed before it): problems, indexes, and Kubernetes' reading of scalars.
 * `skipped` are the ranges of the part (window) the fast path skipped; `removed` how many
 * documents it removed in all.
 */
function assemble(original: string, documentList: { doc: Document; removedBefore: number }[], skipped: readonly [number, number][], removed: number, mask: boolean, window: ParseWindow | undefined): ParsedFile {
  const from = window?.from ?? 0;
  const to = window?.to ?? original.length;
  const text = original;
  const inSkippedPart = insideAny(skipped);
  const inSkipped = (offset: number) => inSkippedPart(offset - from);
  const lineCounter = window?.lineIndex ?? new LineIndex(text);
  const list = documentList.map((d) => d.doc);
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  // Looked for only once a document is broken: most files have no syntax error at all.
  let templated: RegExpExecArray | null | undefined;
  let templateReported = false;
  let star = Number.NEGATIVE_INFINITY;

  list.forEach((doc, listIndex) => {
    const index = (window?.firstIndex ?? 0) + listIndex + documentList[listIndex]!.removedBefore;
    if (!mask && inSkipped(doc.range?.[0] ?? 0) && inSkipped(Math.max((doc.range?.[1] ?? 1) - 1, 0))) {
      documents.push({ doc, index, usable: false });
      return;
    }
    let usable = true;
    for (const err of doc.errors) {
      // yaml may place an error at end of input plus one; keep positions inside the file.
      const start = Math.min(err.pos[0], text.length);
      const span = { start, end: Math.min(Math.max(err.pos[1], start), text.length) };
      if (err.code === 'DUPLICATE_KEY') {
        const keySpan = keyExtent(text, err.pos[0]);
        const key = text.slice(keySpan.start, keySpan.end).trim();
        problems.push({
          id: 'duplicate-key',
          span: keySpan,
          message: `Duplicate key${key ? ` '${key}'` : ''}: which value wins differs between tools; keep one.`,
          fatal: false,
        });
        continue;
      }
      if (!usable) continue;
      usable = false;
      if (templated === undefined) templated = window ? null : findTemplateMarker(text, inSkipped);
      if (templated) {
        if (!templateReported) {
          templateReported = true;
          // The marker is `{{` (possibly after `key: `), or a bare `-}}`.
          const start = templated.index + Math.max(templated[0].indexOf('{{'), 0);
          problems.push({
            id: 'helm-template',
            span: { start, end: start + 2 },
            message: 'Unrendered Helm template: this is a template, not a manifest. Render it first (helm template ... | kube-lifelint -).',
            fatal: true,
          });
        }
        continue;
      }
      problems.push({ id: 'syntax-error', span: err.code === 'MISSING_CHAR' && /closing .?quote/.test(err.message) ? unterminatedQuote(doc, text, start) ?? span : span, message: `YAML syntax error: ${firstLine(err.message)}`, fatal: true });
    }
    const range = doc.range ?? [0, 0, 0];
    // Documents come in file order: the next `*` is searched again only once passed (linear).
    if (star !== -1 && star < range[0]) star = indexWithin(text, '*', range[0], to);
    if (usable && star !== -1 && star < range[2]) {
      const alias = checkAliases(doc);
      if (alias) {
        usable = false;
        problems.push({ id: 'syntax-error', span: alias.span, message: alias.message, fatal: true });
      }
    }
    const source = helmSourceOf(text, range[0], range[2]);
    if (usable) {
      readScalarsAsKubernetes(doc);
      resolveMergeKeys(doc, text);
    }
    documents.push({ doc, index, usable, ...(source ? { sourcePath: source } : {}) });
  });
  // A template is one finding per file: the duplicate keys of its `{{ if }}`/`{{ else }}`
  // branches (Go templates, Helm or not) are its cascade, not problems of their own.
  const reported = templateReported ? problems.filter((p) => p.id !== 'duplicate-key') : problems;
  const documentCount = list.length + removed;
  return { text, original, lineCounter, documents, problems: reported, documentCount, covers: { from, to } };
}

/**
 * Move a document parsed from the fast path's shorter text into the file's offsets: its range,
 * its errors and the range of every node (iteratively: nesting depth is bounded only by the
 * parser). Cuts lie only between documents, so a node's range never spans one.
 */
function remapOffsets(doc: Document, map: OffsetMap): void {
  const range = (r: [number, number, number]): [number, number, number] => {
    const start = map.toOriginal(r[0]);
    return [start, map.endToOriginal(r[1], r[0]), map.endToOriginal(r[2], r[0])];
  };
  if (doc.range) doc.range = range(doc.range);
  for (const e of [...doc.errors, ...doc.warnings]) e.pos = [map.toOriginal(e.pos[0]), map.endToOriginal(e.pos[1], e.pos[0])];
  const seen = new Set<unknown>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node == null || seen.has(node)) continue;
    seen.add(node);
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node) && !isAlias(node)) continue;
    if (node.range) node.range = range(node.range);
    if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(item);
  }
}

export const parseOptions = { prettyErrors: false, uniqueKeys: true } as const;

/**
 * V8 compiles a regular expression to machine code on its second use (tier-up). Doing so deep in a
 * recursion about to overflow (yaml composing 10,000 nested flow collections) aborts the process
 * instead of throwing RangeError. yaml's regular expressions used to be warm from the ordinary
 * documents; now that the fast reader takes those, a few small parses warm them before yaml's
 * first real one (not at start-up: a run the fast reader covers never loads yaml's parser code).
 */
let yamlWarm = false;
function warmYaml(): void {
  if (yamlWarm) return;
  yamlWarm = true;
  for (let i = 0; i < 3; i++) composeAt('a: b c\n  d\ne: "f\n  g"\nh: \'i\n  j\'\nk: [l, {m: n}, [[]]]\no: |\n  p\nq: >-\n  r\ns: 1\nt: 1.5\nu: true\nv: ~\n', 0);
}

/**
 * All documents of a stream, with offsets into `text`. A syntax error can swallow the `---` lines
 * after it (an unterminated quote runs on), but YAML ends a document at `---` whatever came
 * before: from the first document that swallowed one on, each `---` chunk is parsed on its own,
 * so every document after a broken one is still read, however many are broken (linear: each
 * chunk is parsed once more at most).
 */
function parseStream(text: string, fast: boolean, from = 0, to = text.length): Document[] {
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  const starts = documentStarts(part)
    .filter((s) => s === 0 || part.startsWith('---', s))
    .map((s) => s + from);
  const nextStart = (offset: number): number | undefined => starts[firstAfter(starts, offset)];
  // Directives (`%YAML`, `%TAG`) apply to the document after them: such streams go to yaml whole.
  const whole = fast && !someLineStartsWith(part, '%') ? readRegion(text, starts, to) : parseRegion(text, starts, 0, starts.length, to);
  const swallowing = whole.findIndex((d) => {
    const [a, , b] = d.range ?? [0, 0, 0];
    return (nextStart(a) ?? Infinity) < b && d.errors.some((e) => e.code !== 'DUPLICATE_KEY');
  });
  if (swallowing === -1) return whole;
  const first = Math.max(firstAfter(starts, whole[swallowing]!.range?.[0] ?? 0) - 1, 0);
  const chunkStart = starts[first]!;
  const out = whole.filter((d) => (d.range?.[0] ?? 0) < chunkStart);
  for (let i = first; i < starts.length; i++) for (const d of parseRegion(text, starts, i, i + 1, to)) out.push(d);
  return out;
}

/**
 * Every chunk of the stream, each read by readPlainDocument when it can, runs of the others
 * parsed by yaml together (as parseRegion would have parsed them in the whole stream).
 */
function readRegion(text: string, starts: readonly number[], regionEnd: number): Document[] {
  const out: Document[] = [];
  let pending = -1;
  const flush = (end: number) => {
    if (pending === -1) return;
    for (const d of parseRegion(text, starts, pending, end, regionEnd)) out.push(d);
    pending = -1;
  };
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const to = starts[i + 1] ?? regionEnd;
    // A licence header before the first `---` (or the blank left of a skipped first document).
    if (holdsNoDocument(text, from, to)) continue;
    const doc = readPlainDocument(text, from, to, parseOptions);
    if (doc) {
      flush(i);
      out.push(doc);
    } else if (pending === -1) pending = i;
  }
  flush(starts.length);
  return out;
}

/** The index of the first of `sorted` greater than `offset` (a binary search). */
function firstAfter(sorted: readonly number[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The documents of chunks `[first, end)` of `text` (the last ends at `regionEnd`), each node's offsets into `text`. */
function parseRegion(text: string, starts: readonly number[], first: number, end: number, regionEnd: number): Document[] {
  warmYaml();
  const from = starts[first] ?? 0;
  const to = starts[end] ?? regionEnd;
  try {
    return composeAt(text.slice(from, to), from);
  } catch (err) {
    // yaml's CST parser can overflow the stack (block nesting ~1,000 deep closed by a dedent or
    // a `---`; composing catches its own overflows). Each chunk is then parsed on its own, and
    // a chunk that still throws is one broken document.
    if (end - first <= 1) return [unparsable(text, from, to, err)];
    const out: Document[] = [];
    for (let i = first; i < end; i++) for (const d of parseRegion(text, starts, i, i + 1, regionEnd)) out.push(d);
    return out;
  }
}

/**
 * Parse `source` as if it began at `offset` of a larger text: yaml's parser counts offsets from
 * its `offset` field, so every node, range and error comes out in the larger text's coordinates
 * without a remapping walk.
 */
export function composeAt(source: string, offset: number): Document[] {
  const parser = new Parser();
  parser.offset = offset;
  return Array.from(new Composer(parseOptions).compose(parser.parse(source))) as Document[];
}

/** A document yaml cannot parse at all, as a broken document with one error at its content. */
function unparsable(text: string, start: number, end: number, err: unknown): Document {
  const doc = new Document(undefined, parseOptions);
  const lead = /^(?:(?:---|\.\.\.)(?=\s|$))?\s*/.exec(text.slice(start, Math.min(end, start + 10_000)))![0].length;
  const at = Math.min(start + lead, Math.max(end - 1, start));
  const why = err instanceof Error ? err.message : String(err);
  doc.errors.push(new YAMLParseError([at, at + 1], 'RESOURCE_EXHAUSTION', `Nesting too deep to parse (${firstLine(why)}).`));
  doc.range = [start, end, end];
  return doc;
}

/**
 * Where an unterminated quote opens: yaml reports the missing quote where the input (or the
 * document) ends, which can be thousands of lines below the mistake.
 */
function unterminatedQuote(doc: Document, text: string, errorAt: number): Span | undefined {
  let found: Span | undefined;
  visit(doc, {
    Scalar(_k, node) {
      const [start, end] = node.range ?? [0, 0];
      const quote = text[start];
      if ((quote === '"' || quote === "'") && end >= errorAt - 1 && start < errorAt && (!found || start > found.start)) found = { start, end: start + 1 };
    },
  });
  return found;
}

/** Whether an offset lies in one of `ranges` (sorted, disjoint `[start, end)`): a binary search. */
function insideAny(ranges: readonly [number, number][]): (offset: number) => boolean {
  return (offset) => {
    let lo = 0;
    let hi = ranges.length; // the first range starting after offset
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]![0] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && offset < ranges[lo - 1]![1];
  };
}

/**
 * Whether the text may be a template (then it is parsed whole: its findings are per file). Every
 * match of the marker holds `{{` or `-}}`: searching for them first is far cheaper than the regex.
 */
export const mayBeTemplate = (text: string) => (text.includes('{{') || text.includes('-}}')) && templateMarker.test(text);

/** The first template marker outside the documents the run skips. */
function findTemplateMarker(text: string, skipped: (offset: number) => boolean): RegExpExecArray | null {
  const re = new RegExp(templateMarker.source, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!skipped(m.index)) return m;
    if (m[0].length === 0) re.lastIndex++;
  }
  return null;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** The duplicate key's own extent: up to the colon or end of line. */
function keyExtent(text: string, start: number): Span {
  let end = start;
  while (end < text.length && text[end] !== ':' && text[end] !== '\n') end++;
  return { start, end: Math.max(end, start + 1) };
}

/**
 * Aliases, walked once per document (iteratively: nesting depth is bounded only by the parser) the
 * way Kubernetes' YAML decoder (go-yaml, through sigs.k8s.io/yaml) expands them:
 *  - an alias inside the node its anchor names is a cycle: go-yaml rejects it ("anchor 'x' value
 *    contains itself"), and following it would never end (a `List` whose items alias the list);
 *  - an alias bomb (billion laughs) is rejected with go-yaml's own limit on the share of decoded
 *    nodes that come from alias expansion ("document contains excessive aliasing"); the views
 *    expand aliases node by node, so `List` items nested through aliases would otherwise multiply;
 *  - each alias's target is pinned for deref() (yaml-util.ts), which would otherwise walk the
 *    whole document per alias. The target is the one yaml itself finds: the last node with that
 *    anchor before the alias in document order.
 * Either problem makes the document unusable (reported, not linted).
 */
function checkAliases(doc: Document): { span: Span; message: string } | undefined {
  const anchors = new Map<string, Node>();
  /** Nodes a full expansion of each finished node decodes (capped: bombs overflow doubles). */
  const size = new Map<unknown, number>();
  const open = new Set<unknown>();
  const cap = (n: number) => Math.min(n, 1e15);
  const sizeOf = (n: unknown) => (n == null ? 0 : size.get(n) ?? 0);
  let decoded = 1; // go-yaml counts the document node too
  let copied = 0;
  const stack: { node: unknown; exit?: boolean }[] = [{ node: doc.contents }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (node == null) continue;
    if (exit) {
      open.delete(node);
      let n = isPair(node) ? 0 : 1;
      if (isPair(node)) n += sizeOf(node.key) + sizeOf(node.value);
      else for (const item of (node as { items: unknown[] }).items) n += sizeOf(item);
      size.set(node, cap(n));
      continue;
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      pinAliasTarget(node, target);
      const span = { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 };
      if (target && open.has(target)) {
        return { span, message: `Alias '*${node.source}' is inside the node its anchor names, so the value would contain itself: Kubernetes rejects it ("anchor '${node.source}' value contains itself").` };
      }
      const expanded = sizeOf(target);
      size.set(node, cap(1 + expanded));
      decoded = cap(decoded + 1 + expanded);
      copied = cap(copied + expanded);
      if (copied > 100 && decoded > 1000 && copied / decoded > allowedAliasRatio(decoded)) {
        return { span, message: `Excessive aliasing (an alias bomb): up to this alias, expanding the aliases gives ${decoded >= 1e15 ? 'over 10^15' : decoded} nodes, ${Math.round((copied / decoded) * 100)}% of them copies; Kubernetes rejects it ("document contains excessive aliasing").` };
      }
      continue;
    }
    if (isPair(node)) {
      stack.push({ node, exit: true }, { node: node.value }, { node: node.key });
      continue;
    }
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      decoded++;
      if (node.anchor) anchors.set(node.anchor, node);
      if (isScalar(node)) {
        size.set(node, 1);
        continue;
      }
      open.add(node);
      stack.push({ node, exit: true });
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i] });
    }
  }
  return undefined;
}

/** go-yaml's decode.go: the share of decoded nodes allowed to come from alias expansion. */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}
