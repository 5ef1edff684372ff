/**
 * Fixes as ESLint has them: a finding's edits merge into one `{ range, text }`, and applying the
 * fixes of a file takes them in order and leaves out any that overlaps one already taken (it is
 * reported again by the next pass, as in ESLint's source-code fixer).
 */
import type { Edit, RuleCategory } from '../rule-api.js';
import type { LintMessage } from '../types.js';

export interface Fix {
  range: [number, number];
  text: string;
}

/** ESLint passes at most this many times over a file. */
export const maxFixPasses = 10;

/** Several edits → one fix covering them all (the text between them kept). Overlapping edits are a rule bug. */
export function mergeEdits(text: string, edits: readonly Edit[]): Fix {
  if (edits.length === 0) throw new Error('a fix needs at least one edit');
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (const e of sorted) {
    if (!(e.range[0] >= 0 && e.range[0] <= e.range[1] && e.range[1] <= text.length)) throw new Error(`edit range [${e.range.join(', ')}] is outside the file`);
  }
  if (sorted.length === 1) return { range: [...sorted[0]!.range], text: sorted[0]!.text };
  const start = sorted[0]!.range[0];
  let end = start;
  let out = '';
  for (const e of sorted) {
    if (e.range[0] < end) throw new Error(`edits overlap at offset ${e.range[0]}`);
    out += text.slice(end, e.range[0]) + e.text;
    end = e.range[1];
  }
  return { range: [start, end], text: out };
}

/**
 * Apply the fixes of `messages` that `accept` takes, in order of position; a fix that overlaps
 * one applied before it (or touches the same insertion point) is left for the next pass.
 */
export function applyFixes(text: string, messages: readonly LintMessage[], accept: (m: LintMessage) => boolean = () => true): { output: string; applied: number; taken: Fix[] } {
  const fixes = messages.filter((m) => m.fix && accept(m)).map((m) => m.fix!);
  fixes.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let last = -1;
  const taken: Fix[] = [];
  for (const f of fixes) {
    if (f.range[0] <= last) continue;
    out += text.slice(Math.max(last, 0), f.range[0]) + f.text;
    last = f.range[1];
    taken.push(f);
  }
  return { output: taken.length ? out + text.slice(Math.max(last, 0)) : text, applied: taken.length, taken };
}

/** Which fixes `--fix-type` lets through: those of rules in the given categories (all without it). */
export function acceptFix(types: readonly RuleCategory[] | undefined, rules: Readonly<Record<string, { meta: { category?: RuleCategory } }>>): (m: LintMessage) => boolean {
  return (m) => !types || types.includes(rules[m.ruleId ?? '']?.meta.category as RuleCategory);
}

/**
 * Fix a file in passes until no fix applies (at most `maxFixPasses`): each pass applies what it
 * can and lints the result again. The findings returned are those of the fixed text.
 */
export function fixUntilStable<R extends { messages: LintMessage[] }>(text: string, first: R, relint: (text: string) => R, accept: (m: LintMessage) => boolean): { result: R; output: string } {
  let result = first;
  let output = text;
  for (let pass = 0; pass < maxFixPasses; pass++) {
    const next = applyFixes(output, result.messages, accept);
    if (next.applied === 0) break;
    output = next.output;
    result = relint(output);
  }
  return { result, output };
}
