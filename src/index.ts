/**
 * Public API. Results are ESLint-shaped (`LintResult[]`), so ESLint formatters and tooling work.
 *
 *   import { lintText, lintFiles } from 'kube-lifelint';
 *   const [result] = lintText(yamlString, { filePath: 'deploy.yaml' });
 */
import { resolve } from 'node:path';
import { rules } from '../rules/index.js';
import { discover } from './engine/discover.js';
import { fileSources, problemResult } from './engine/file-sources.js';
import { lintSources } from './engine/linter.js';
import { resolveThreads } from './engine/threads.js';
import { decodeManifest } from './engine/read.js';
import { resolveConfig, type UserConfig } from './config/resolve.js';
import type { LintResult } from './types.js';

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
  return lintFound(found, userConfig);
}

function lintFound(found: ReturnType<typeof discover>, userConfig: UserConfig): LintFilesOutcome {
  const files = fileSources(found.files);
  const results = files.finish(lintSources(files.sources, resolveConfig(userConfig, rules), rules));
  return { results, errors: [...found.errors, ...files.errors] };
}

/**
 * Lint files, folders and globs on several cores (worker threads). `threads` is a count or
 * `'auto'` (all cores when the input is large enough to pay for the threads' start-up; see
 * engine/parallel.ts). Results and errors are those of `lintFiles`, in the same order.
 */
export async function lintFilesParallel(paths: readonly string[], options: LintOptions & { threads?: number | 'auto' } = {}): Promise<LintFilesOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const userConfig = options.config ?? {};
  const found = discover(paths, { cwd, ignorePatterns: userConfig.ignorePatterns });
  const { threads, sizes } = resolveThreads(String(options.threads ?? 'auto'), found.files);
  if (threads <= 1) return lintFound(found, userConfig);
  const { lintInWorkers } = await import('./engine/parallel.js');
  const run = await lintInWorkers(found.files, sizes, threads, userConfig);
  return { results: run.results, errors: [...found.errors, ...run.errors] };
}

/** Lint bytes read from stdin (decoding problems become findings, like for files). */
export function lintBytes(bytes: Uint8Array, options: LintOptions & { filePath?: string } = {}): LintResult[] {
  const filePath = options.filePath ? resolve(options.cwd ?? process.cwd(), options.filePath) : '<stdin>';
  const read = decodeManifest(bytes);
  if (!read.ok) return [];
  if ('problem' in read) return [problemResult(filePath, read.text, read.problem)];
  return lintText(read.text, { ...options, filePath });
}

