/**
 * Files → the explain model: discover and read like `lint`, lint every file with the configured
 * rules through the engine's stages (so the findings are the ones `kube-lifelint` reports) and
 * build one `ExplainWorkload` per workload the rules saw.
 */
import { rules } from '../../rules/index.js';
import { resolveConfig, type UserConfig } from '../config/resolve.js';
import { discover } from '../engine/discover.js';
import { lintRelevant } from '../engine/fast-path.js';
import { extractWorkloads, lintParsed, prepareSources, ServiceIndex } from '../engine/linter.js';
import { parseYaml } from '../engine/parse.js';
import { readManifest } from '../engine/read.js';
import { displayPath } from '../text.js';
import { buildWorkload, explainSchemaVersion, type ExplainProblem, type ExplainReport } from './model.js';

/** A manifest text and the path it came from. */
export interface ExplainSource {
  filePath: string;
  text: string;
}

export interface ExplainOptions {
  config?: UserConfig;
  /** Base for relative paths (default: process.cwd()). */
  cwd?: string;
}

/**
 * Explain texts already read. The engine's own run: the same Service pre-pass, one parse per
 * file, and the workloads the rules saw are the ones drawn (their timelines are computed once,
 * for the rules and the drawing alike), so every position is the one lint reports.
 */
export function explainSources(sources: readonly ExplainSource[], options: ExplainOptions = {}): ExplainReport {
  const cwd = options.cwd ?? process.cwd();
  const config = resolveConfig(options.config ?? {}, rules);
  const services = new ServiceIndex();
  prepareSources(sources, config, services);
  const keep = lintRelevant(Object.keys(config.templatePaths ?? {}));
  const report: ExplainReport = { schemaVersion: explainSchemaVersion, workloads: [], problems: [] };
  for (const src of sources) {
    const file = displayPath(src.filePath, cwd);
    const parsed = parseYaml(src.text, keep, config.fastPath !== false);
    const extracted = extractWorkloads(src.filePath, parsed, config);
    const { workloads } = extracted;
    const { messages } = lintParsed(src.filePath, parsed, services, config, rules, extracted);
    for (const p of parsed.problems) {
      if (!p.fatal) continue;
      const at = parsed.lineCounter.linePos(p.span.start);
      report.problems.push({ kind: 'content', file, line: at.line, column: at.col, message: `${p.message} (this document is not drawn)` });
    }
    for (const workload of workloads) {
      const siblings = workloads.filter((other) => other !== workload && other.node === workload.node);
      const context = { budgets: services.budgetsSelecting(workload), autoscalers: services.autoscalersOf(workload), loadBalancers: services.loadBalancersOf(workload.pod), display: (p: string) => displayPath(p, cwd) };
      report.workloads.push(buildWorkload({ file, workload, lineCounter: parsed.lineCounter, messages, siblings, context }));
    }
  }
  return report;
}

/** Explain files, folders and globs. Unusable paths become problems; every other file is still explained. */
export function explainPaths(paths: readonly string[], options: ExplainOptions = {}): ExplainReport {
  const cwd = options.cwd ?? process.cwd();
  const found = discover(paths, { cwd, ignorePatterns: options.config?.ignorePatterns });
  const problems: ExplainProblem[] = found.errors.map((e) => ({ kind: 'path', file: e.path, line: null, column: null, message: e.message }));
  const sources: ExplainSource[] = [];
  for (const file of found.files) {
    const read = readManifest(file);
    if (!read.ok) problems.push({ kind: 'read', file: displayPath(file, cwd), line: null, column: null, message: read.message });
    else if ('problem' in read) problems.push({ kind: 'content', file: displayPath(file, cwd), line: null, column: null, message: read.problem.message });
    else sources.push({ filePath: file, text: read.text });
  }
  const report = explainSources(sources, { ...options, cwd });
  report.problems.unshift(...problems);
  return report;
}
