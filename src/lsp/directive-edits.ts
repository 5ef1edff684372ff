/**
 * Where a "disable" comment goes, as text edits (file offsets). The linter reads directives from
 * comments only, and a `#` inside a string or block scalar is text, not a comment; so a finding
 * inside a multi-line scalar (the `sleep 20` in a `|` script) is wrapped in a
 * `disable`/`enable` pair around the whole scalar instead of a `disable-next-line` above it.
 * Directives never reach past their YAML document, so "for this file" is one `disable` at the top
 * of each document that has the rule's findings.
 */
import { visit } from 'yaml';
import { documentStarts } from '../engine/fast-path.js';
import { parseYaml } from '../engine/parse.js';
import { onlyDocumentAt } from './one-document.js';

export interface TextEdit {
  /** File offsets, end exclusive. */
  start: number;
  end: number;
  text: string;
}

const directive = (kind: string, id: string) => `# kube-lifelint-${kind} ${id}`;

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, start: number): string {
  return /^[ \t]*/.exec(text.slice(start, start + 200))![0];
}

/** Start of the line after the one holding `offset` (text length at the last line). */
function nextLineStart(text: string, offset: number): number {
  const eol = text.indexOf('\n', offset);
  return eol === -1 ? text.length : eol + 1;
}

/** The multi-line scalar that holds `offset`, as [start, end) offsets. */
function multiLineScalarAt(text: string, offset: number): [number, number] | undefined {
  const parsed = parseYaml(onlyDocumentAt(text, offset), undefined, false);
  let found: [number, number] | undefined;
  for (const d of parsed.documents) {
    visit(d.doc, {
      Scalar(_k, node) {
        const r = node.range;
        if (!r || offset < r[0] || offset >= r[1]) return;
        if (text.slice(r[0], r[1]).trimEnd().includes('\n')) found = [r[0], r[1]];
        return visit.BREAK;
      },
    });
    if (found) break;
  }
  return found;
}

/** Disable `ruleId` for the finding at `offset` (its start). */
export function disableForLine(text: string, offset: number, ruleId: string): TextEdit[] {
  const scalar = multiLineScalarAt(text, offset);
  if (scalar) {
    const from = lineStart(text, scalar[0]);
    const indent = indentAt(text, from);
    const last = text.slice(scalar[0], scalar[1]).trimEnd().length + scalar[0];
    const after = nextLineStart(text, last);
    const enable = `${indent}${directive('enable', ruleId)}\n`;
    return [
      { start: from, end: from, text: `${indent}${directive('disable', ruleId)}\n` },
      { start: after, end: after, text: after === text.length && !text.endsWith('\n') ? `\n${enable}` : enable },
    ];
  }
  const start = lineStart(text, offset);
  // A bare `disable-next-line` (no reason) right above takes one more id.
  const prevStart = start > 0 ? lineStart(text, start - 1) : -1;
  if (prevStart >= 0) {
    const prev = text.slice(prevStart, start - 1).replace(/\r$/, '');
    const m = /^[ \t]*#\s*kube-lifelint-disable-next-line\s+(\S[^#]*?)\s*$/.exec(prev);
    if (m && !m[1]!.includes('--')) {
      const at = prevStart + prev.length;
      return [{ start: at, end: at, text: `, ${ruleId}` }];
    }
  }
  return [{ start, end: start, text: `${indentAt(text, start)}${directive('disable-next-line', ruleId)}\n` }];
}

/** Disable `ruleId` in every document that holds one of `offsets` (findings of the rule). */
export function disableForFile(text: string, offsets: readonly number[], ruleId: string): TextEdit[] {
  const starts = documentStarts(text);
  const docsWithFindings = new Set<number>();
  for (const o of offsets) {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > o) i--;
    docsWithFindings.add(i);
  }
  const edits: TextEdit[] = [];
  for (const i of [...docsWithFindings].sort((a, b) => a - b)) {
    const s = starts[i]!;
    const marker = /^(?:---|\.\.\.)(?:[ \t]|\r?\n|$)/.test(text.slice(s, s + 5));
    const at = marker ? nextLineStart(text, s) : s;
    edits.push({ start: at, end: at, text: `${at === text.length && !text.endsWith('\n') ? '\n' : ''}${directive('disable', ruleId)}\n` });
  }
  return edits;
}
