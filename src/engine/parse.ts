/**
 * Parse stage: text → YAML documents with a LineCounter, plus the parse problems as findings.
 * One finding per broken document (the first error; later ones are usually its cascade), duplicate
 * keys as non-fatal errors at the second key, and an unrendered Helm template as a single finding.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Span } from '../k8s/views.js';
import { maskDocuments, type KeepDocument } from './fast-path.js';

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
  lineCounter: LineCounter;
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
  const lineCounter = new LineCounter();
  // Strict YAML 1.2 core schema, as Kubernetes' decoder reads it; unique keys are enforced so
  // duplicates are reported rather than one value silently winning.
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  const list = Array.isArray(docs) ? docs : [];
  const templated = templateMarker.exec(masked.text);
  let templateReported = false;

  list.forEach((doc, index) => {
    if (!mask && inSkipped(doc.range?.[0] ?? 0) && inSkipped(Math.max((doc.range?.[1] ?? 1) - 1, 0))) {
      documents.push({ doc, index, usable: false });
      return;
    }
    let usable = true;
    for (const err of doc.errors) {
      const span = { start: err.pos[0], end: Math.max(err.pos[1], err.pos[0]) };
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
          const start = templated.index + templated[0].indexOf('{{');
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

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** The duplicate key's own extent: up to the colon or end of line. */
function keyExtent(text: string, start: number): Span {
  let end = start;
  while (end < text.length && text[end] !== ':' && text[end] !== '\n') end++;
  return { start, end: Math.max(end, start + 1) };
}
