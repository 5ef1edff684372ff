/**
 * Public API. Results are ESLint-shaped (`LintResult[]`), so ESLint formatters and tooling work.
 *
 *   import { lintText, lintFiles } from 'kube-lifelint';
 *   const [result] = lintText(yamlString, { filePath: 'deploy.yaml' });
 */
import { resolve } from 'node:path';
import { rules } from '../rules/index.js';
import { discover } from './engine/discover.js';
import { lintSources, toResult, type LazySource } from './engine/linter.js';
import { positionOf } from './engine/positions.js';
import { decodeManifest, readManifest } from './engine/read.js';
import { LineIndex } from './engine/line-index.js';
import { resolveConfig, type UserConfig } from './config/resolve.js';
import type { LintMessage, LintResult } from './types.js';

export type { LintMessage, LintResult, RelatedLocation, Severity, SeverityName, RuleDocsMeta } from './types.js';
export type { UserConfig, RuleEntry } from './config/resolve.js';
export type { Rule, RuleMeta, RuleContext, RuleListeners } from './rule-api.js';
export { rules };
export { defineRule } from './rule-api.js';

export interface LintOptions {
  /** Settings as in `.kube-lifelint.yaml` (preset, rules, kubernetesVersion, runtime, ...). */
  config?: UserConfig;
  /** Base for relative paths and ignore patterns (default: process.cwd()). */
  cwd?: string;
}

export interface LintFilesOutcome {
  results: LintResult[];
  /** Paths that could not be found or read; every other file was still linted. */
  errors: { path: string; message: string }[];
}

/** Lint one YAML/JSON text (a file's content or stdin). */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResult[] {
  const config = resolveConfig(options.config ?? {}, rules);
  return lintSources([{ filePath: options.filePath ?? '<text>', text }], config, rules);
}

/** Lint files, folders and globs. */
export function lintFiles(paths: readonly string[], options: LintOptions = {}): LintFilesOutcome {
  const cwd = options.cwd ?? process.cwd();
  const userConfig = options.config ?? {};
  const found = discover(paths, { cwd, ignorePatterns: userConfig.ignorePatterns });
  const errors = [...found.errors];
  // Files are read when the linter gets to them (twice: the Service pre-pass, then the lint), so
  // a run over thousands of files never holds all their ASTs or texts at once.
  const problems = new Map<string, LintResult>();
  const unreadable = new Set<string>();
  const read = (file: string) => (): string => {
    const r = readManifest(file);
    if (!r.ok) {
      if (!unreadable.has(file)) errors.push({ path: file, message: r.message });
      unreadable.add(file);
      return '';
    }
    if ('problem' in r) {
      problems.set(file, problemResult(file, r.text, r.problem));
      return '';
    }
    return r.text;
  };
  const sources: LazySource[] = found.files.map((f) => ({ filePath: f, text: read(f) }));
  const config = resolveConfig(userConfig, rules);
  const linted = lintSources(sources, config, rules);
  const results = linted.flatMap((r) => (unreadable.has(r.filePath) ? [] : [problems.get(r.filePath) ?? r]));
  return { results, errors };
}

/** Lint bytes read from stdin (decoding problems become findings, like for files). */
export function lintBytes(bytes: Uint8Array, options: LintOptions & { filePath?: string } = {}): LintResult[] {
  const filePath = options.filePath ? resolve(options.cwd ?? process.cwd(), options.filePath) : '<stdin>';
  const read = decodeManifest(bytes);
  if (!read.ok) return [];
  if ('problem' in read) return [problemResult(filePath, read.text, read.problem)];
  return lintText(read.text, { ...options, filePath });
}

function problemResult(filePath: string, text: string, problem: { id: string; offset: number; message: string }): LintResult {
  const lc = new LineIndex(text);
  const msg: LintMessage = { ruleId: null, severity: 2, fatal: true, message: problem.message, messageId: problem.id, ...positionOf(lc, { start: problem.offset, end: problem.offset }) };
  return toResult(filePath, text, [msg]);
}
