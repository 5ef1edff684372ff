/**
 * Files on disk as lazy sources for the linter, with what reading them can go wrong: a path that
 * cannot be read becomes an error naming it (and no result); bytes that are not UTF-8 text become
 * a fatal finding in place of the file's result. Shared by the single-threaded run and the workers.
 */
import type { LintMessage, LintResult } from '../types.js';
import { LineIndex } from './line-index.js';
import { toResult, type LazySource, type LintConfig } from './linter.js';
import { positionOf } from './positions.js';
import { readManifest } from './read.js';

export interface FileError {
  path: string;
  message: string;
}

export interface FileSources {
  sources: LazySource[];
  /** Read failures, in the order the files were first read. */
  errors: FileError[];
  /** The linter's results with read problems put in and unreadable files taken out. */
  finish(linted: LintResult[]): LintResult[];
}

export function fileSources(files: readonly string[], { maxInputBytes, keepSource }: Pick<LintConfig, 'maxInputBytes' | 'keepSource'> = {}): FileSources {
  const errors: FileError[] = [];
  const problems = new Map<string, LintResult>();
  const unreadable = new Set<string>();
  // Files are read when the linter gets to them (twice: the Service pre-pass, then the lint), so
  // a run over thousands of files never holds all their ASTs or texts at once.
  const read = (file: string) => (): string => {
    const r = readManifest(file, maxInputBytes);
    if (!r.ok) {
      if (!unreadable.has(file)) errors.push({ path: file, message: r.message });
      unreadable.add(file);
      return '';
    }
    if ('problem' in r) {
      problems.set(file, problemResult(file, r.text, r.problem, keepSource));
      return '';
    }
    return r.text;
  };
  return {
    sources: files.map((f) => ({ filePath: f, text: read(f) })),
    errors,
    finish: (linted) => linted.flatMap((r) => (unreadable.has(r.filePath) ? [] : [problems.get(r.filePath) ?? r])),
  };
}

/** A file that could not be linted as text: one fatal finding (`keepSource`: see LintConfig). */
export function problemResult(filePath: string, text: string, problem: { id: string; offset: number; message: string }, keepSource = true): LintResult {
  const lc = new LineIndex(text);
  const msg: LintMessage = { ruleId: null, severity: 2, fatal: true, message: problem.message, messageId: problem.id, ...positionOf(lc, { start: problem.offset, end: problem.offset }) };
  const result = toResult(filePath, text, [msg]);
  if (keepSource === false) delete result.source;
  return result;
}
