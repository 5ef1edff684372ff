/**
 * `--fix` / `--fix-dry-run` for rendered findings: their fixes, carried to the values, template,
 * base and patch files (carry-edits.ts), are applied to those files, which get the fixed text as
 * `output` (what `--fix` writes; nothing rendered is ever written). One pass: rendering again needs
 * the fixed files on disk, so a fixed finding is taken out rather than linted again, and the
 * remaining findings of a fixed file move with the text around them.
 */
import { LineIndex } from '../engine/line-index.js';
import { applyFixes, type Fix } from '../engine/fix.js';
import type { FixEdit, LintMessage, RelatedLocation } from '../types.js';

export interface SourceFile {
  text: string;
  messages: LintMessage[];
  suppressed: LintMessage[];
  output?: string;
}

/** Apply the fixes `accept` takes to the files they edit (each one in `files`); those get `output`. */
export function fixSources(files: Map<string, SourceFile>, accept: (m: LintMessage) => boolean): void {
  const byTarget = new Map<string, { message: LintMessage; fix: Fix }[]>();
  for (const [filePath, file] of files) {
    for (const m of file.messages) {
      if (!m.fix || !accept(m)) continue;
      const target = m.fix.filePath ?? filePath;
      byTarget.set(target, [...(byTarget.get(target) ?? []), { message: m, fix: { range: m.fix.range, text: m.fix.text } }]);
    }
  }
  const fixed = new Set<LintMessage>();
  const moves = new Map<string, Moves>();
  for (const [target, list] of byTarget) {
    const entry = files.get(target);
    if (!entry) continue;
    const applied = applyFixes(entry.text, list.map((x) => ({ ...x.message, fix: x.fix })));
    if (!applied.applied) continue;
    // The same repair reached from two findings (a base built by two overlays) fixes both.
    for (const x of list) if (applied.taken.some((f) => f.range[0] === x.fix.range[0] && f.range[1] === x.fix.range[1] && f.text === x.fix.text)) fixed.add(x.message);
    entry.output = applied.output;
    moves.set(target, { position: mover(entry.text, applied.output, applied.taken), taken: applied.taken });
  }
  if (!moves.size) return;
  const shift = offsetShift(moves);
  for (const [filePath, file] of files) {
    file.messages = file.messages.filter((m) => !fixed.has(m)).map((m) => shift(filePath, m));
    file.suppressed = file.suppressed.map((m) => shift(filePath, m));
  }
}

interface Moves {
  position: (line: number, column: number) => { line: number; column: number };
  taken: readonly Fix[];
}

/** Positions of the original text → positions of the fixed text (edits before them shift them). */
function mover(before: string, after: string, taken: readonly Fix[]): (line: number, column: number) => { line: number; column: number } {
  const from = new LineIndex(before);
  const to = new LineIndex(after);
  return (line, column) => {
    const offset = from.offsetAt(line, column) ?? 0;
    const p = to.linePos(movedOffset(offset, taken));
    return { line: p.line, column: p.col };
  };
}

function movedOffset(offset: number, taken: readonly Fix[]): number {
  let delta = 0;
  for (const f of taken) if (f.range[1] <= offset) delta += f.text.length - (f.range[1] - f.range[0]);
  return offset + delta;
}

/** A message with its position, related locations and edits moved into the fixed texts. */
function offsetShift(moves: Map<string, Moves>) {
  return (filePath: string, m: LintMessage): LintMessage => {
    const at = <T extends { line: number; column: number; endLine?: number; endColumn?: number }>(loc: T, file: string): T => {
      const mv = moves.get(file)?.position;
      if (!mv) return loc;
      const a = mv(loc.line, loc.column);
      const b = loc.endLine !== undefined ? mv(loc.endLine, loc.endColumn ?? loc.column) : undefined;
      return { ...loc, ...a, ...(b ? { endLine: b.line, endColumn: b.column } : {}) };
    };
    const edit = (e: FixEdit): FixEdit | undefined => {
      const taken = moves.get(e.filePath ?? filePath)?.taken;
      if (!taken) return e;
      // An edit that touches a fixed range no longer fits the text: left out, as ESLint's next pass would recompute it.
      if (taken.some((f) => f.range[0] <= e.range[1] && e.range[0] <= f.range[1])) return undefined;
      return { ...e, range: [movedOffset(e.range[0], taken), movedOffset(e.range[1], taken)] };
    };
    const out: LintMessage = { ...at(m, filePath) };
    if (m.related) out.related = m.related.map((r: RelatedLocation) => at(r, r.filePath ?? filePath));
    const fix = m.fix && edit(m.fix);
    if (fix) out.fix = fix;
    else delete out.fix;
    const suggestions = m.suggestions?.flatMap((s) => {
      const moved = edit(s.fix);
      return moved ? [{ ...s, fix: moved }] : [];
    });
    if (suggestions?.length) out.suggestions = suggestions;
    else delete out.suggestions;
    return out;
  };
}
