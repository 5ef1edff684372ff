/**
 * The fast path: documents that cannot hold a pod template and that no rule reads (CRDs,
 * ConfigMaps, RBAC, ...) are blanked before parsing. ~80% of real manifest bytes are CRD schemas.
 *
 * Splitting is exact: YAML forbids `---` and `...` at the start of a line inside any content,
 * so those lines always end a document. The parser sees a shorter text; the cuts are returned
 * (`Removal`s) so the parse stage maps every offset back into the file (offset-map.ts).
 *
 * What is not checked in a skipped document: YAML syntax, duplicate keys, and comment directives
 * (a document mentioning `kube-lifelint` is never skipped, so its directives are still read).
 */
import { crossObjectKinds } from '../k8s/disruption.js';
import { podTemplatePaths } from '../k8s/kinds.js';
import { topLevelKind, yamlLineStart } from './top-level-kind.js';
import type { Removal } from './offset-map.js';
import { someLineStartsWith } from '../text.js';

/** Kinds that never hold a pod template and that no rule reads. */
const irrelevantKinds = new Set([
  'CustomResourceDefinition', 'ConfigMap', 'Secret', 'ServiceAccount', 'Namespace',
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'APIService',
  'NetworkPolicy', 'Ingress', 'IngressClass', 'PriorityClass',
  'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'LimitRange', 'ResourceQuota', 'Endpoints', 'EndpointSlice', 'Lease', 'RuntimeClass', 'CSIDriver',
]);

const boundary = /^(?:---|\.\.\.)(?:[ \t]|$)/;

export type KeepDocument = (kind: string | undefined, text: string) => boolean;

/** Whether the linter needs a document: anything that may hold a pod template, Services, lists. */
export function lintRelevant(extraKinds: Iterable<string> = []): KeepDocument {
  const templateKinds = new Set([...Object.keys(podTemplatePaths), ...extraKinds]);
  return (kind, text) => {
    if (text.includes('kube-lifelint')) return true;
    if (kind === undefined) return true; // JSON, flow style, no kind: parse it
    if (irrelevantKinds.has(kind)) return false;
    if (templateKinds.has(kind) || kind === 'Service' || crossObjectKinds.has(kind)) return true;
    if (kind.endsWith('List')) return (text.includes('containers') || text.includes('Service')) && !onlyIrrelevantItems(text);
    // Any other kind counts only through spec.template.spec.containers.
    return text.includes('containers');
  };
}

// A `kind:` pair in block or flow style, its value plain or quoted (the same quote on both sides).
const kindPair = /(?:^|[\s{,])(["']?)kind\1[ \t]*:[ \t]*(["']?)([A-Za-z0-9]+)\2(?=[\s,}#]|$)/g;

/**
 * A list whose every `kind` is one no rule reads (a ConfigMapList whose data mentions
 * "containers"): skipping it is safe only when each occurrence of the word `kind` in the text is
 * such a pair, so an item of another kind (kubectl applies a list's items whatever the list's own
 * kind) or anything unusual keeps the document.
 */
function onlyIrrelevantItems(text: string): boolean {
  // An alias may bring in items (or a cycle, a fatal finding) that no `kind:` pair shows, and an
  // alias needs an anchor in its document. An anchor starts a node (after a line start, a space or
  // a flow indicator) and has a name: not the `&` inside a URL's query.
  if (/(?:^|[\s[{,])&[^\s,[\]{}]/.test(text)) return false;
  let words = 0;
  for (let i = text.indexOf('kind'); i !== -1; i = text.indexOf('kind', i + 4)) words++;
  let pairs = 0;
  for (const m of text.matchAll(kindPair)) {
    const value = m[3]!;
    if (value !== 'List' && !irrelevantKinds.has(value) && !(value.endsWith('List') && irrelevantKinds.has(value.slice(0, -4)))) return false;
    pairs++;
  }
  return pairs > 0 && pairs === words;
}

/** Only Service documents (the cross-file pre-pass). */
export const serviceDocuments: KeepDocument = (kind, text) => kind === 'Service' || (kind === undefined && /\bService\b/.test(text)) || (kind?.endsWith('List') ?? false);

/**
 * Offsets where each document starts: 0 and every `---`/`...` line (the marker at a line's start,
 * then a space, a tab or the line's end). Found by searching for the markers, which are rare,
 * and going on from the next line after one that is not at a line's start (a `# -----` rule):
 * a multiline pattern tried at every position cost 45-68 ms over the corpus.
 */
export function documentStarts(text: string): number[] {
  const starts = [0];
  let dashes = markerLine(text, '---', 1);
  let dots = markerLine(text, '...', 1);
  while (dashes !== -1 || dots !== -1) {
    const i = dots === -1 || (dashes !== -1 && dashes < dots) ? dashes : dots;
    if (endsMarker(text, i + 3)) starts.push(i);
    if (i === dashes) dashes = markerLine(text, '---', i + 1);
    else dots = markerLine(text, '...', i + 1);
  }
  return starts;
}

/** The first offset from `from` (at least 1) where a line starts with `marker`, or -1 (lines as YAML sees them: yamlLineStart). */
function markerLine(text: string, marker: string, from: number): number {
  for (let i = text.indexOf(marker, from); i !== -1; ) {
    if (yamlLineStart(text, i)) return i;
    const lineEnd = text.indexOf('\n', i);
    if (lineEnd === -1) return -1;
    i = text.indexOf(marker, lineEnd + 1);
  }
  return -1;
}

/** Whether a marker ending at `i` stands alone: the text's end, a space, a tab, LF or CRLF (a lone CR is no line end in YAML). */
function endsMarker(text: string, i: number): boolean {
  const after = text.charCodeAt(i);
  if (Number.isNaN(after) || after === 32 || after === 9 || after === 10) return true;
  return after === 13 && (i + 1 === text.length || text.charCodeAt(i + 1) === 10);
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Blank every document `keep` rejects: its lines become empty lines (its `---` line stays).
 * Returns the offsets of the original that were skipped and where the blanked text is shorter
 * than the original; the text is the same string when nothing is skipped.
 */
export function maskDocuments(text: string, keep: KeepDocument): { text: string; skipped: [number, number][]; removals: Removal[]; kept: number } {
  const starts = documentStarts(text);
  const skipped: [number, number][] = [];
  const removals: Removal[] = [];
  const parts: string[] = [];
  let copied = 0;
  let removed = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    const body = text.slice(start, end);
    if (keeps(body, keep)) continue;
    skipped.push([start, end]);
    const eol = body.indexOf('\n');
    const keepFirst = eol !== -1 && boundary.test(body.slice(0, eol)) ? eol + 1 : 0;
    const lines = newlines(text, start + keepFirst, end);
    parts.push(text.slice(copied, start + keepFirst), '\n'.repeat(lines));
    const length = end - (start + keepFirst) - lines;
    removals.push({ at: start + keepFirst + lines - removed, length });
    removed += length;
    copied = end;
  }
  const kept = starts.length - skipped.length;
  if (skipped.length === 0) return { text, skipped, removals, kept };
  parts.push(text.slice(copied));
  return { text: parts.join(''), skipped, removals, kept };
}

/** Whether maskDocuments keeps a document: `keep` says, but one that starts on its `---` line (`--- |`, `--- {...}`) is kept whole. */
function keeps(body: string, keep: KeepDocument): boolean {
  const eol = body.indexOf('\n');
  const first = eol === -1 ? body : body.slice(0, eol);
  if (boundary.test(first) && first.replace(/^(---|\.\.\.)\s*/, '').replace(/#.*$/, '').trim() !== '') return true;
  return keep(topLevelKind(body), body);
}

/**
 * The documents maskDocuments would keep, without building the masked text (pass 1 asks only
 * which documents stay, of every file, and most files keep none): their texts and how many
 * were skipped.
 */
export function keptDocuments(text: string, keep: KeepDocument): { kept: string[]; skipped: number } {
  const starts = documentStarts(text);
  const kept: string[] = [];
  for (let i = 0; i < starts.length; i++) {
    const body = text.slice(starts[i]!, starts[i + 1] ?? text.length);
    if (keeps(body, keep)) kept.push(body);
  }
  return { kept, skipped: starts.length - kept.length };
}

/**
 * The fast path's documents of `[from, to)` read where they lie, when masking and compaction
 * would leave exactly the kept documents, whole: every skipped document starts on a plain `---`
 * line (compaction then removes it whole, and it counts as one document) or is the file's first
 * one without a `---` (it leaves empty lines, and counts as none), no kept document is an empty
 * one (compaction removes those), and no line starts with `...` or `%` (their documents are
 * subtler). `runs` are the stretches of consecutive kept documents, each with the number of
 * removed documents before it; undefined when anything else is found (then mask and compact).
 */
export function keptRuns(text: string, from: number, to: number, keep: KeepDocument): { runs: { from: number; to: number; removedBefore: number }[]; skipped: [number, number][]; removed: number } | undefined {
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  if (someLineStartsWith(part, '...') || someLineStartsWith(part, '%')) return undefined;
  const starts = documentStarts(part);
  const runs: { from: number; to: number; removedBefore: number }[] = [];
  const skipped: [number, number][] = [];
  let removed = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1] ?? part.length;
    const body = part.slice(start, end);
    if (keeps(body, keep)) {
      if (emptyDocument.test(body)) return undefined;
      const last = runs[runs.length - 1];
      if (last && last.to === from + start) last.to = from + end;
      else runs.push({ from: from + start, to: from + end, removedBefore: removed });
      continue;
    }
    const plain = plainStart.test(body);
    if (!plain && !(start === 0 && from === 0 && !body.startsWith('---'))) return undefined;
    skipped.push([start, end]);
    if (plain) removed++;
  }
  return { runs, skipped, removed };
}

/** A document of only its `---` line (a comment at most) and empty lines. */
const emptyDocument = /^---[ \t]*(?:#[^\n]*)?(?:\n|$)\n*$/;

/** A `---` or `...` line with nothing after the marker but a comment. */
const bareBoundary = /^(?:---|\.\.\.)[ \t]*(?:#[^\n]*)?\n/;
/** A `---` line with nothing else on it. */
const plainStart = /^---[ \t]*(?:\n|$)/;

/** What compactBlankDocuments removed at one place. */
export interface BlankGap extends Removal {
  /** How many whole documents were removed there (their `---` lines included). */
  docs: number;
}

/**
 * Remove what the parser need not see of documents that hold nothing (what maskDocuments leaves
 * of a skipped document): their empty lines, and for a plain `---` document the whole document.
 * yaml's lexer spends microseconds on every empty line and tens of microseconds on every empty
 * document, and on real manifest sets, where most documents are CRD schemas, that cost more than
 * parsing what is kept. `gaps` lets the parse stage map offsets back into the file and give
 * documents the file's own indexes. Empty lines inside a kept document are content and are
 * never touched.
 */
export function compactBlankDocuments(text: string): { text: string; gaps: BlankGap[] } {
  const starts = documentStarts(text);
  const gaps: BlankGap[] = [];
  const parts: string[] = [];
  let copied = 0;
  let removed = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    let from = start; // what is removed: [from, end)
    let bodyFrom = start; // what must be empty lines: [bodyFrom, end)
    let docs = 0;
    if (start > 0 || /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(text.slice(0, 4))) {
      const head = text.slice(start, Math.min(end, start + 200));
      // A directive (`%YAML`) belongs to the `---` after it: that document stays, empty or not.
      const plain = afterDirective(text, start) ? null : plainStart.exec(head);
      const bare = plain ? null : bareBoundary.exec(head);
      if (plain) {
        bodyFrom = start + plain[0].length;
        docs = 1; // the whole document goes, its `---` line too
      } else if (bare) {
        from = bodyFrom = start + bare[0].length; // keep the line: its comment may be a directive
      } else continue;
    }
    if (!onlyNewlines(text, bodyFrom, end) || (docs === 0 && end - from < 2)) continue;
    parts.push(text.slice(copied, from));
    const last = gaps[gaps.length - 1];
    if (last && last.at === from - removed) {
      last.length += end - from;
      last.docs += docs;
    } else gaps.push({ at: from - removed, length: end - from, docs });
    removed += end - from;
    copied = end;
  }
  if (gaps.length === 0) return { text, gaps };
  parts.push(text.slice(copied));
  return { text: parts.join(''), gaps };
}

/** Whether the lines before `start`, past comments and empty lines, end with a `%` directive. */
function afterDirective(text: string, start: number): boolean {
  let end = start - 1; // the newline before `---`
  for (let guard = 0; end > 0 && guard < 100; guard++) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(lineStart, end).trim();
    if (line.startsWith('%')) return true;
    if (line !== '' && !line.startsWith('#')) return false;
    end = lineStart - 1;
  }
  return false;
}

function onlyNewlines(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 10) return false;
  return true;
}
