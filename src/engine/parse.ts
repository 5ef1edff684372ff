/**
 * Parse stage: text → YAML documents with a line index, plus the parse problems as findings.
 * One finding per broken document (the first error; later ones are usually its cascade), duplicate
 * keys as non-fatal errors at the second key, and an unrendered Helm template as a single finding.
 */
import { parseAllDocuments, type Document } from 'yaml';
import { LineIndex } from './line-index.js';
import type { Span } from '../k8s/views.js';
import { documentStarts, maskDocuments, type KeepDocument } from './fast-path.js';

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

export interface ParsedFile {
  /** The text that was parsed: the file, with skipped documents blanked (see fast-path.ts). */
  text: string;
  /** The file as read. */
  original: string;
  lineCounter: LineIndex;
  documents: ParsedDocument[];
  problems: ParseProblem[];
}

/** `{{` where YAML would see structure (line start, after `key:` or `- `), or Helm's `{{-`/`-}}`. */
const templateMarker = /(?:^[ \t]*|:[ \t]+|-[ \t]+)\{\{|\{\{-|-\}\}/m;
/** helm template's per-document origin: `# Source: chart/templates/deployment.yaml`. */
const helmSourceComment = /^# Source: (\S+\.(?:ya?ml|tpl|json))[ \t]*$/m;

/**
 * Parse a file. `keep` names the documents that matter; the others are blanked before parsing
 * (`mask`, the fast path) or parsed in full and then ignored (`mask: false`, the reference path
 * the fast path is tested against). Either way their parse problems are not reported.
 */
export function parseYaml(original: string, keep?: KeepDocument, mask = true): ParsedFile {
  const masked = keep ? maskDocuments(original, keep) : { text: original, skipped: [] as [number, number][] };
  const text = mask ? masked.text : original;
  const inSkipped = (offset: number) => masked.skipped.some(([a, b]) => offset >= a && offset < b);
  const lineCounter = new LineIndex(text);
  // Strict YAML 1.2 core schema, as Kubernetes' decoder reads it; unique keys are enforced so
  // duplicates are reported rather than one value silently winning.
  const list = parseStream(text);
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  const templated = templateMarker.exec(masked.text);
  let templateReported = false;

  list.forEach((doc, index) => {
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
      problems.push({ id: 'syntax-error', span, message: `YAML syntax error: ${firstLine(err.message)}`, fatal: true });
    }
    const range = doc.range ?? [0, 0, 0];
    const head = text.slice(range[0], Math.min(range[2], range[0] + 400));
    const source = helmSourceComment.exec(head)?.[1]?.trim();
    documents.push({ doc, index, usable, ...(source ? { sourcePath: source } : {}) });
  });
  return { text, original, lineCounter, documents, problems };
}

const parseOptions = { prettyErrors: false, uniqueKeys: true } as const;

/**
 * All documents of a stream. A syntax error can swallow the `---` lines after it (an unterminated
 * quote runs on), but YAML ends a document at `---` whatever came before: the broken document's
 * own lines are then blanked with spaces (offsets unchanged) and the stream parsed again, so the
 * documents after it are still read. The broken document is kept for its error.
 */
function parseStream(text: string): Document[] {
  let docs: Document[] = parseAllDocuments(text, parseOptions) as Document[];
  if (!Array.isArray(docs)) return [];
  let current = text;
  const starts = documentStarts(text);
  const kept = new Map<number, Document>();
  for (let guard = 0; guard < 50; guard++) {
    const broken = docs.find((d) => {
      const [a, , b] = d.range ?? [0, 0, 0];
      return d.errors.some((e) => e.code !== 'DUPLICATE_KEY') && starts.some((s) => s > a && s < b) && !kept.has(a);
    });
    if (!broken) break;
    const from = broken.range?.[0] ?? 0;
    const chunkStart = Math.max(...starts.filter((s) => s <= from));
    const chunkEnd = starts.find((s) => s > from) ?? current.length;
    kept.set(chunkStart, broken);
    current = current.slice(0, chunkStart) + current.slice(chunkStart, chunkEnd).replace(/[^\n]/g, ' ') + current.slice(chunkEnd);
    docs = parseAllDocuments(current, parseOptions) as Document[];
  }
  if (kept.size === 0) return docs;
  // Put each broken document back where its blanked stand-in (an empty document) now is.
  const out = docs.filter((d) => ![...kept.keys()].some((k) => (d.range?.[0] ?? -1) >= k && (d.range?.[0] ?? -1) < (starts.find((s) => s > k) ?? Infinity)));
  out.push(...kept.values());
  return out.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
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
