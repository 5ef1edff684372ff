/**
 * What `createLinter` (index.ts) builds, with the render stage given by the caller. The render
 * stage (render/lint-rendered.ts with the Helm and Kustomize builds and source maps behind it,
 * ~9% of the CLI's code) is only needed when the files include a chart or an overlay: index.ts
 * gives it loaded, as the synchronous `lintFiles` needs it; the CLI gives a loader, so a run
 * without charts or overlays never reads, compiles or links it (`lintFilesParallel` awaits it
 * when planSources finds one).
 */
import { resolve } from 'node:path';
import { rules } from '../rules/index.js';
import { discover, type DiscoverResult } from './engine/discover.js';
import { fileSources, problemResult } from './engine/file-sources.js';
import { lintPrepared, lintSources, prepareSources, ServiceIndex, type LintConfig } from './engine/linter.js';
import { acceptFix } from './engine/fix.js';
import { repoContextSources } from './engine/repo-context.js';
import { resolveThreads } from './engine/threads.js';
import { decodeManifest, defaultMaxInputBytes, tooLarge } from './engine/read.js';
import { resolveConfig, type UserConfig } from './config/resolve.js';
import { ConfigError } from './config/error.js';
import { planSources, type SourcePlan } from './render/plan.js';
import { fileCoverage, textCoverage, type FileCoverage } from './coverage.js';
import type { lintRendered, RenderOptions, RenderOutcome } from './render/lint-rendered.js';
import type { Rule, RuleCategory } from './rule-api.js';
import type { LintResult } from './types.js';

/** The render stage's entry (render/lint-rendered.ts). */
export interface RenderStage {
  lintRendered: typeof lintRendered;
}

/** The render stage loaded (what the synchronous `lintFiles` needs), or how to load it. */
export type RenderStageSource = { loaded: RenderStage } | { load: () => Promise<RenderStage> };

export interface LintOptions {
  /** Settings as in `.kube-lifelint.yaml` (preset, rules, kubernetesVersion, runtime, ...). */
  config?: UserConfig;
  /** Base for relative paths and ignore patterns (default: process.cwd()). */
  cwd?: string;
}

export interface LinterOptions extends LintOptions {
  /** Your own rules by id (`defineRule(...)` objects), next to the built-in ones. */
  rules?: Readonly<Record<string, Rule<any, any>>>;
  /** Apply fixes, as `--fix-dry-run` does: results whose text changed get it as `output`. */
  fix?: boolean;
  /** With `fix`: only fixes of rules in these categories. */
  fixTypes?: RuleCategory[];
  /**
   * Inputs larger than this many bytes are not read: the file (or stdin) gets one finding,
   * `input-too-large`, and every other file is still linted. Default 256 MiB.
   */
  maxInputBytes?: number;
  /** How Helm charts and Kustomize overlays found among the paths are rendered (tools, values). */
  render?: RenderOptions;
  /**
   * Whether results carry the linted text as `source` (default true, as in ESLint: formatters
   * draw code frames from it). False keeps a large run from holding the text of every file with
   * findings; results of rendered charts and overlays keep theirs (their fixes are positioned in it).
   */
  keepSource?: boolean;
}

export interface LintFilesOutcome {
  results: LintResult[];
  /** Paths that could not be found or read; every other file was still linted. */
  errors: { path: string; message: string }[];
  /** Things the user should know that are not errors (an overlay linted unbuilt). */
  notes?: string[];
  /** With `coverage: true`: per file, what was linted, rendered or skipped and why. */
  coverage?: FileCoverage[];
}

export interface LintFilesOptions {
  /** Report per file what was linted, rendered or skipped (reads the files once more). */
  coverage?: boolean;
}

export interface LintTextOptions {
  filePath?: string;
  /**
   * Other files of the project, read only for the objects cross-object rules match against
   * (Services): what an editor holds for the rest of the workspace. They get no results.
   */
  context?: readonly { filePath: string; text: string }[];
}

export interface Linter {
  /** Lint one YAML/JSON text (a file's content or stdin). */
  lintText(text: string, options?: LintTextOptions): LintResult[];
  /** Lint files, folders and globs. */
  lintFiles(paths: readonly string[], options?: LintFilesOptions): LintFilesOutcome;
  /**
   * `lintFiles` on worker threads (`threads`: a count or `'auto'`; see engine/parallel.ts).
   * Custom rules cannot cross to other threads: a linter with custom rules uses one thread.
   */
  lintFilesParallel(paths: readonly string[], options?: LintFilesOptions & { threads?: number | 'auto' }): Promise<LintFilesOutcome>;
  /** Lint bytes read from stdin (decoding problems become findings, like for files). */
  lintBytes(bytes: Uint8Array, options?: { filePath?: string; truncated?: boolean }): LintResult[];
  /** The rules this linter knows: the built-in ones and yours. */
  readonly rules: Readonly<Record<string, Rule<any>>>;
}

/** See createLinter in index.ts. */
export function createLinterWith(options: LinterOptions, render: RenderStageSource): Linter {
  const registry = withCustomRules(options.rules ?? {});
  const userConfig = options.config ?? {};
  const config: LintConfig = { ...resolveConfig(userConfig, registry), ...(options.fix ? { fix: options.fixTypes ? { types: options.fixTypes } : {} } : {}), ...(options.maxInputBytes !== undefined ? { maxInputBytes: options.maxInputBytes } : {}), ...(options.keepSource === false ? { keepSource: false } : {}) };
  const cwd = options.cwd ?? process.cwd();
  const custom = Object.keys(options.rules ?? {}).length > 0;
  // Charts and overlays are rendered first; the files their builds read are not linted raw.
  // Rendered results are put together from the source files' texts (render/lint-rendered.ts).
  const { fix: _fix, keepSource: _keepSource, ...renderedConfig } = config;
  const measure = (text: string) => textCoverage(text, config.templatePaths);
  // Without a chart or an overlay among the files, the render stage is not needed (nor loaded).
  const needsRendering = (plan: SourcePlan) => plan.charts.length > 0 || plan.kustomizations.length > 0;
  const renderPlanned = (found: DiscoverResult, plan: SourcePlan, o: LintFilesOptions, stage: RenderStage | undefined): RenderOutcome => {
    if (!needsRendering(plan)) return { raw: found.files, results: [], errors: [], notes: [], coverage: [], rawReasons: new Map() };
    if (!stage) throw new Error('lintFiles needs the render stage for charts and overlays: use the createLinter of index.js, or lintFilesParallel.');
    const fix = config.fix && acceptFix(config.fix.types, registry);
    return stage.lintRendered(plan, (sources) => lintSources(sources, renderedConfig, registry), options.render ?? {}, cwd, o.coverage ? measure : undefined, fix || undefined);
  };
  // Services and other cross objects of the git work tree's other tracked files (repo-context.ts).
  const contextOf = (found: DiscoverResult) => (config.repoContext === false ? [] : repoContextSources(found.files));
  const lintFound = (found: DiscoverResult, raw: readonly string[]) => {
    const files = fileSources(raw, config);
    const results = files.finish(lintSources(files.sources, config, registry, contextOf(found)));
    return { results, errors: [...found.errors, ...files.errors] };
  };
  const withRendered = (outcome: LintFilesOutcome, rendered: RenderOutcome, o: LintFilesOptions, found: DiscoverResult): LintFilesOutcome => ({
    results: [...outcome.results, ...rendered.results],
    errors: [...outcome.errors, ...rendered.errors],
    ...(rendered.notes.length ? { notes: rendered.notes } : {}),
    ...(o.coverage
      ? {
          coverage: [
            ...rendered.raw.map((f) => fileCoverage(f, rendered.rawReasons.get(f) ?? 'linted as written', config.templatePaths)),
            ...rendered.coverage,
            ...found.ignored.map((f) => ({ filePath: f, status: 'skipped' as const, reason: 'matches ignorePatterns' })),
          ],
        }
      : {}),
  });
  const lintText = (text: string, o: LintTextOptions = {}) => {
    const target = { filePath: o.filePath ?? '<text>', text };
    if (!o.context?.length) return lintSources([target], config, registry);
    // Pass 1 over the target and its context fills the index; pass 2 lints the target only.
    const services = new ServiceIndex();
    const prepared = prepareSources([target, ...o.context], config, services);
    return lintPrepared(prepared.slice(0, 1), [target], services, config, registry);
  };
  return {
    rules: registry,
    lintText,
    lintFiles: (paths, o = {}) => {
      const found = discover(paths, { cwd, ignorePatterns: userConfig.ignorePatterns });
      const rendered = renderPlanned(found, planSources(found.files, cwd), o, 'loaded' in render ? render.loaded : undefined);
      return withRendered(lintFound(found, rendered.raw), rendered, o, found);
    },
    async lintFilesParallel(paths, o = {}) {
      const found = discover(paths, { cwd, ignorePatterns: userConfig.ignorePatterns });
      const plan = planSources(found.files, cwd);
      const stage = 'loaded' in render ? render.loaded : needsRendering(plan) ? await render.load() : undefined;
      const rendered = renderPlanned(found, plan, o, stage);
      const { threads, sizes } = resolveThreads(custom ? '1' : String(o.threads ?? 'auto'), rendered.raw);
      if (threads <= 1) return withRendered(lintFound(found, rendered.raw), rendered, o, found);
      const { lintInWorkers } = await import('./engine/parallel.js');
      const run = await lintInWorkers(rendered.raw, sizes, threads, config, contextOf(found));
      return withRendered({ results: run.results, errors: [...found.errors, ...run.errors] }, rendered, o, found);
    },
    lintBytes(bytes, o = {}) {
      const filePath = o.filePath ? resolve(cwd, o.filePath) : '<stdin>';
      const max = config.maxInputBytes ?? defaultMaxInputBytes;
      const read = bytes.length > max ? tooLarge(bytes.length, max, o.truncated ?? false) : decodeManifest(bytes);
      if (!read.ok) return [];
      if ('problem' in read) return [problemResult(filePath, read.text, read.problem, config.keepSource)];
      return lintText(read.text, { filePath });
    },
  };
}

/** The built-in rules plus custom ones, which must be well-formed and must not reuse a built-in id. */
function withCustomRules(custom: Readonly<Record<string, Rule<any, any>>>): Readonly<Record<string, Rule<any>>> {
  const problems: string[] = [];
  for (const [id, rule] of Object.entries(custom)) {
    if (Object.hasOwn(rules, id)) problems.push(`custom rule '${id}': a built-in rule has this id.`);
    else if (!rule || typeof rule.create !== 'function' || !rule.meta || typeof rule.meta.messages !== 'object') problems.push(`custom rule '${id}': not a rule (use defineRule({ id, meta: { messages, ... }, create })).`);
    else if (rule.id !== id) problems.push(`custom rule '${id}': registered under '${id}' but its id is '${rule.id}'.`);
  }
  if (problems.length) throw new ConfigError(problems.join('\n'));
  return Object.keys(custom).length ? { ...rules, ...custom } : rules;
}
