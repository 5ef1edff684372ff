/**
 * Public API. Results are ESLint-shaped (`LintResult[]`), so ESLint formatters and tooling work.
 *
 *   import { lintText, lintFiles, createLinter } from 'kube-lifelint';
 *   const [result] = lintText(yamlString, { filePath: 'deploy.yaml' });
 *
 * `createLinter` runs your own rules beside the built-in ones.
 */
import { rules } from '../rules/index.js';
import { ConfigError } from './config/error.js';
import { createLinterWith, type LintOptions, type Linter, type LinterOptions, type LintFilesOutcome } from './create-linter.js';
import * as renderStage from './render/lint-rendered.js';
import type { LintResult } from './types.js';

export type { LintMessage, LintResult, RelatedLocation, Severity, SeverityName, RuleDocsMeta, CoverageStats, UncoveredResource } from './types.js';
export type { UserConfig, RuleEntry } from './config/resolve.js';
export type { FileCoverage } from './coverage.js';
export type { Rule, RuleMeta, RuleContext, RuleListeners, ReportDescriptor, Edit, EditBuilder, SuggestionDescriptor, OptionsOf, RuleCategory } from './rule-api.js';
export { rules };
export { defineRule } from './rule-api.js';
export { ConfigError };
export type { LintOptions, LinterOptions, LintFilesOutcome, LintFilesOptions, LintTextOptions, Linter } from './create-linter.js';

/**
 * A linter with your rules and configuration. The engine gets the rule registry and the resolved
 * configuration from here; rule ids, severities and options are checked now (a ConfigError).
 *
 *   const linter = createLinter({ rules: { 'my-rule': myRule }, config: { rules: { 'my-rule': 'error' } } });
 *   const [result] = linter.lintText(text, { filePath: 'deploy.yaml' });
 */
export function createLinter(options: LinterOptions = {}): Linter {
  return createLinterWith(options, { loaded: renderStage });
}

/** Lint one YAML/JSON text (a file's content or stdin). */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): LintResult[] {
  return createLinter(options).lintText(text, options);
}

/** Lint files, folders and globs. */
export function lintFiles(paths: readonly string[], options: LintOptions = {}): LintFilesOutcome {
  return createLinter(options).lintFiles(paths);
}

/**
 * Lint files, folders and globs on several cores (worker threads). `threads` is a count or
 * `'auto'` (all cores when the input is large enough to pay for the threads' start-up; see
 * engine/parallel.ts). Results and errors are those of `lintFiles`, in the same order.
 */
export function lintFilesParallel(paths: readonly string[], options: LintOptions & { threads?: number | 'auto' } = {}): Promise<LintFilesOutcome> {
  return createLinter(options).lintFilesParallel(paths, options);
}

/** Lint bytes read from stdin (decoding problems become findings, like for files). */
export function lintBytes(bytes: Uint8Array, options: LintOptions & { filePath?: string } = {}): LintResult[] {
  return createLinter(options).lintBytes(bytes, options);
}
