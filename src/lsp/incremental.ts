/**
 * Incremental re-lint of one open document: a keystroke changes one YAML document of a stream,
 * and only that document is linted again. Parsing dominates a lint, so a 5,000-line file of 50
 * Deployments costs one Deployment's lint per edit instead of fifty.
 *
 * The text is split where the engine splits it (documentStarts: `---`/`...` lines always end a
 * document). Each piece's findings are kept by its text, relative to where the piece starts. On
 * the next lint, pieces whose text is unchanged take their findings from that memory (shifted by
 * the lines and characters the piece moved), and the others are linted in a copy of the file
 * where the unchanged pieces are blanked line for line (fast-path.ts maskDocuments), so every
 * position of the linted pieces is its position in the file.
 *
 * A piece's findings depend on another piece only through cross-object documents (Services),
 * comment directives (a comment piece before the first `---` belongs to the document after it)
 * and `%` directives (they belong to the next document): such pieces are never blanked, and when
 * one of them changes, appears or disappears, everything is linted again. A text with an
 * unrendered template (one finding per file) or a disruption budget (its findings read the
 * whole file) is always linted whole, and so is one whose partial lint finds a parse problem: an
 * unterminated quote runs on over the `---` lines after it, and where its error is reported
 * depends on the text it runs over. A piece is not remembered when a finding reaches outside
 * it, nor any piece up to one with a parse problem.
 */
import { documentStarts, maskDocuments, serviceDocuments } from '../engine/fast-path.js';
import { byPosition, toResult } from '../engine/linter.js';
import { templateMarker } from '../engine/parse.js';
import { topLevelKind } from '../engine/top-level-kind.js';
import { crossObjectKinds } from '../k8s/disruption.js';
import type { LintMessage, LintResult } from '../types.js';

interface Piece {
  text: string;
  start: number;
  /** 0-based line of `start`. */
  line: number;
  /** 0-based line where the next piece starts. */
  endLine: number;
}

/** Findings of one piece, positioned as if it started at offset 0, line 0. */
interface Remembered {
  messages: LintMessage[];
  suppressed: LintMessage[];
}

export interface IncrementalStats {
  full: number;
  partial: number;
  /** Pieces linted again by partial lints (the work they did). */
  piecesLinted: number;
}

/** A piece other pieces' findings can depend on. */
function sharedPiece(text: string): boolean {
  return text.includes('kube-lifelint') || /^%/m.test(text) || (text.includes('Service') && serviceDocuments(topLevelKind(text), text));
}

function split(text: string): Piece[] {
  const starts = documentStarts(text);
  const pieces: Piece[] = [];
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    const body = text.slice(start, end);
    let lines = 0;
    for (let j = body.indexOf('\n'); j !== -1; j = body.indexOf('\n', j + 1)) lines++;
    pieces.push({ text: body, start, line, endLine: line + lines });
    line += lines;
  }
  return pieces;
}

type Span = { line: number; endLine?: number };

/** Move a message by `lines` and its file offsets by `at` (to or from piece-relative positions). */
function shift(m: LintMessage, lines: number, at: (offset: number) => number): LintMessage {
  const out: LintMessage = { ...m, line: m.line + lines };
  if (m.endLine !== undefined) out.endLine = m.endLine + lines;
  if (m.related) out.related = m.related.map((r) => ({ ...r, line: r.line + lines, ...(r.endLine !== undefined ? { endLine: r.endLine + lines } : {}) }));
  // Both ends move with the start's piece (an end can be the next piece's start).
  const range = (r: [number, number]): [number, number] => [at(r[0]), r[1] + at(r[0]) - r[0]];
  if (m.fix) out.fix = { ...m.fix, range: range(m.fix.range) };
  if (m.suggestions) out.suggestions = m.suggestions.map((s) => ({ ...s, fix: { ...s.fix, range: range(s.fix.range) } }));
  return out;
}

/** A `---`/`...` line with nothing but a comment after it. */
const bareBoundary = /^(?:---|\.\.\.)[ \t]*(?:#[^\n]*)?(?=\r?\n|$)/;

const by = (chars: number) => (o: number) => o + chars;

/** Whether every position of the message lies in the piece (1-based lines in [line+1, endLine+1]). */
function within(m: LintMessage, p: Piece): boolean {
  const inLines = (s: Span) => s.line - 1 >= p.line && s.line - 1 <= p.endLine && (s.endLine === undefined || s.endLine - 1 <= p.endLine);
  const inText = (r: [number, number]) => r[0] >= p.start && r[1] <= p.start + p.text.length;
  return inLines(m) && (m.related ?? []).every(inLines) && (!m.fix || inText(m.fix.range)) && (m.suggestions ?? []).every((s) => inText(s.fix.range));
}

/** The messages that start on the piece's lines (the last piece also owns the line after its last newline). */
function on(p: Piece, last: boolean, messages: readonly LintMessage[]): LintMessage[] {
  return messages.filter((m) => m.line - 1 >= p.line && (m.line - 1 < p.endLine || (last && m.line - 1 === p.endLine)));
}

export class IncrementalLint {
  private memory = new Map<string, Remembered>();
  /** What the memory was made with (the linter and the workspace context); a change forgets it. */
  private basis: readonly unknown[] = [];
  readonly stats: IncrementalStats = { full: 0, partial: 0, piecesLinted: 0 };

  /** `lint` lints a text of the same file as a whole (the linter with its config and context). */
  lint(text: string, basis: readonly unknown[], lint: (text: string) => LintResult): LintResult {
    const pieces = split(text);
    const all = new Set(pieces.map((p) => p.text));
    const sameBasis = basis.length === this.basis.length && basis.every((b, i) => b === this.basis[i]);
    const stale = pieces.filter((p) => !this.memory.has(p.text));
    const sharedChanged = stale.some((p) => sharedPiece(p.text)) || [...this.memory.keys()].some((t) => !all.has(t) && sharedPiece(t));
    // An unrendered template is one finding per file, and its documents' problems none (parse.ts);
    // a disruption budget's findings depend on the workloads of its file (disruption.ts): every
    // piece depends on the others, none is remembered.
    const fileWide = templateMarker.test(text) || [...crossObjectKinds].some((k) => text.includes(k));
    let result: LintResult | undefined;
    let fresh = all;
    if (sameBasis && !sharedChanged && !fileWide && stale.length < pieces.length) {
      const relint = new Set(pieces.filter((p) => !this.memory.has(p.text) || sharedPiece(p.text)).map((p) => p.text));
      result = this.partial(text, pieces, relint, lint);
      if (result) {
        fresh = relint;
        this.stats.partial++;
        this.stats.piecesLinted += pieces.filter((p) => relint.has(p.text)).length;
      }
    }
    if (!result) {
      this.stats.full++;
      result = lint(text);
    }
    if (fileWide) this.memory.clear();
    else this.remember(pieces, result, fresh);
    this.basis = basis;
    return result;
  }

  /**
   * Lint the `fresh` pieces with the others blanked, and add the remembered findings of the
   * others. Undefined when that cannot be exact (then the whole text is linted).
   */
  private partial(text: string, pieces: Piece[], fresh: Set<string>, lint: (text: string) => LintResult): LintResult | undefined {
    const masked = maskDocuments(text, (_kind, body) => fresh.has(body)).text;
    const maskedStarts = documentStarts(masked);
    if (maskedStarts.length !== pieces.length) return undefined; // blanking keeps every `---` line
    for (const [i, p] of pieces.entries()) {
      // maskDocuments keeps some documents whatever it is asked (`--- |`): they would count twice.
      const kept = masked.slice(maskedStarts[i], maskedStarts[i + 1] ?? masked.length) === p.text;
      if (kept && !fresh.has(p.text) && p.text.replace(bareBoundary, '').trim() !== '') return undefined;
    }
    const linted = lint(masked);
    if ([...linted.messages, ...linted.suppressedMessages].some((m) => m.ruleId === null)) return undefined;
    // Blanking keeps lines, not offsets: the linted pieces' file offsets move back piece by piece.
    const toFile = (o: number) => {
      let j = maskedStarts.length - 1;
      while (j > 0 && maskedStarts[j]! > o) j--;
      return o + pieces[j]!.start - maskedStarts[j]!;
    };
    const messages = linted.messages.map((m) => shift(m, 0, toFile));
    const suppressed = linted.suppressedMessages.map((m) => shift(m, 0, toFile));
    for (const p of pieces) {
      if (fresh.has(p.text)) continue;
      const r = this.memory.get(p.text)!;
      messages.push(...r.messages.map((m) => shift(m, p.line, by(p.start))));
      suppressed.push(...r.suppressed.map((m) => shift(m, p.line, by(p.start))));
    }
    const result = toResult(linted.filePath, text, messages.sort(byPosition));
    result.suppressedMessages = suppressed.sort(byPosition);
    return result;
  }

  /** Keep each piece's findings, relative to the piece, for the next lint. */
  private remember(pieces: Piece[], result: LintResult, fresh: Set<string>): void {
    const next = new Map<string, Remembered>();
    const found = [...result.messages, ...result.suppressedMessages];
    /** Texts not to take from memory (by text: a copy of the piece elsewhere neither). */
    const unclear = new Set<string>();
    // A parse problem can be reported far from its cause (after it): pieces up to it are not kept.
    const lastProblem = Math.max(...found.filter((m) => m.ruleId === null).map((m) => m.line - 1));
    for (const p of pieces) if (p.line <= lastProblem) unclear.add(p.text);
    for (const [i, p] of pieces.entries()) {
      if (unclear.has(p.text)) continue;
      const messages = on(p, i === pieces.length - 1, result.messages);
      const suppressed = on(p, i === pieces.length - 1, result.suppressedMessages);
      if (![...messages, ...suppressed].every((m) => within(m, p))) continue;
      if (!fresh.has(p.text)) {
        next.set(p.text, this.memory.get(p.text)!);
        continue;
      }
      const relative = { messages: messages.map((m) => shift(m, -p.line, by(-p.start))), suppressed: suppressed.map((m) => shift(m, -p.line, by(-p.start))) };
      const twin = next.get(p.text);
      // Identical pieces with different findings: neither is kept.
      if (twin && JSON.stringify(twin) !== JSON.stringify(relative)) {
        next.delete(p.text);
        unclear.add(p.text);
      } else next.set(p.text, relative);
    }
    this.memory = next;
  }
}
