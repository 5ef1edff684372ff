/**
 * Lint what Helm and Kustomize render, reported where the user writes it. Each chart is rendered
 * with `helm template`, each top-level kustomization built; the output is linted as one stream,
 * and every finding is moved through the source map to the values, template, base or patch file
 * and line that wrote the value, with the rendered location kept as a related location.
 *
 * Fixes and suggestions go with them to the source files where the edit is certain
 * (carry-edits.ts) and are left out where it is not; nothing rendered is ever edited. In fix mode
 * the fixes are applied to the source files, which get the fixed text as `output` (fix-sources.ts).
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { LineIndex } from '../engine/line-index.js';
import type { LazySource } from '../engine/linter.js';
import { toResult } from '../engine/linter.js';
import { parseYaml } from '../engine/parse.js';
import type { FileCoverage } from '../coverage.js';
import type { FixEdit, LintMessage, LintResult, RelatedLocation } from '../types.js';
import { carryEdit, type SourceEdit, type SourceSide } from './carry-edits.js';
import { fixSources, type SourceFile } from './fix-sources.js';
import { ChartSources, type SourceSpan } from './helm-source-map.js';
import { kustomizationDocuments } from './kustomize-source-map.js';
import { helmSide, kustomizeSide } from './source-sides.js';
import { kustomizationFile, type SourcePlan } from './plan.js';
import { findHelm, findKustomize, runTool, type RenderTools } from './tools.js';
import { locate } from './yaml-path.js';

export interface RenderOptions extends RenderTools {
  /** `--values FILE` for every chart (the last wins), paths relative to cwd. */
  values?: readonly string[];
  /** `--set K=V` for every chart. */
  set?: readonly string[];
}

export interface RenderOutcome {
  /** The files to lint raw: the plan's, less those a build read. */
  raw: string[];
  results: LintResult[];
  errors: { path: string; message: string }[];
  notes: string[];
  /** What was rendered or skipped, per file, and each chart's and overlay's render (--verbose). */
  coverage: FileCoverage[];
  /** Why a raw file is linted as written when that is not the plain case (an overlay not built). */
  rawReasons: Map<string, string>;
}

/** Counts the pod templates (and uncovered custom resources) of a rendered stream, for coverage. */
export type MeasureText = (text: string) => Pick<FileCoverage, 'podTemplates' | 'uncovered'>;

type Lint = (sources: LazySource[]) => LintResult[];

/** `fix`: fix mode (--fix, --fix-dry-run), taking the fixes it accepts (--fix-type). */
export function lintRendered(plan: SourcePlan, lint: Lint, opts: RenderOptions, cwd: string, measure?: MeasureText, fix?: (m: LintMessage) => boolean): RenderOutcome {
  const out: RenderOutcome = { raw: plan.raw, results: [], errors: [], notes: [], coverage: [], rawReasons: new Map() };
  const covered = (dir: string, files: Iterable<string>, status: FileCoverage['status'], reason: string, rendered?: string) => {
    if (rendered !== undefined && measure) out.coverage.push({ filePath: dir, status, reason, ...measure(rendered) });
    for (const f of files) out.coverage.push({ filePath: f, status, reason });
  };
  const byFile = new Map<string, SourceFile>();
  /** The files a successful render stands for: each gets a result, with findings or none, as a linted file does. */
  const renderedFiles: string[] = [];
  /** Source files that carried edits refer to: their results keep `source` (SARIF reads positions from it). */
  const edited = new Map<string, string>();
  const collect = ({ results, edits }: Mapped) => {
    for (const e of edits) edited.set(e.filePath, e.fileText);
    for (const r of results) {
      const entry = byFile.get(r.filePath) ?? { text: r.source ?? '', messages: [], suppressed: [] };
      entry.messages.push(...r.messages);
      entry.suppressed.push(...r.suppressedMessages);
      byFile.set(r.filePath, entry);
    }
  };

  const helm = plan.charts.length ? findHelm(opts) : undefined;
  for (const chart of plan.charts) {
    const rel = relative(cwd, chart) || '.';
    if (!helm) {
      out.errors.push({ path: chart, message: `'${rel}' is a Helm chart, and helm is needed to render it: install helm (https://helm.sh/docs/intro/install/) or give its path with --helm, or render the chart yourself: helm template ${rel} | kube-lifelint -` });
      covered(chart, plan.chartFiles.get(chart) ?? [], 'skipped', `a file of the Helm chart '${rel}', which was not rendered (no helm)`);
      continue;
    }
    const args = ['template', chart, ...(opts.values ?? []).flatMap((v) => ['--values', v]), ...(opts.set ?? []).flatMap((s) => ['--set', s])];
    const run = runTool(helm, args, cwd);
    if (!run.ok) {
      out.errors.push({ path: chart, message: `helm template ${rel} failed: ${run.message}` });
      covered(chart, plan.chartFiles.get(chart) ?? [], 'skipped', `a file of the Helm chart '${rel}', which helm template could not render`);
      continue;
    }
    covered(chart, plan.chartFiles.get(chart) ?? [], 'rendered', `rendered by helm template ${rel}`, run.stdout);
    renderedFiles.push(...(plan.chartFiles.get(chart) ?? []));
    const sources = new ChartSources(chart, (opts.values ?? []).map((v) => resolve(cwd, v)));
    const side = helmSide(sources, run.stdout);
    const fallback = (d: { sourcePath?: string } | undefined) => (d?.sourcePath && sources.template(d.sourcePath)) || fileAt(join(chart, 'Chart.yaml'));
    collect(mapResults(lint([{ filePath: join(chart, '(helm template)'), text: run.stdout }]), run.stdout, `helm template ${rel}`, side, fallback));
  }

  const kustomize = plan.kustomizations.length ? findKustomize(opts) : undefined;
  const built = new Set<string>();
  const unbuilt: string[] = [];
  const failed: { rel: string; why: string }[] = [];
  for (const dir of plan.kustomizations) {
    const rel = relative(cwd, dir) || '.';
    if (!kustomize) {
      unbuilt.push(rel);
      for (const f of plan.kustomizationFiles.get(dir) ?? []) out.rawReasons.set(f, `linted as written: the Kustomize overlay '${rel}' was not built (no kustomize or kubectl); patches are partial pod specs`);
      continue;
    }
    const run = runTool(kustomize.command, kustomize.args(dir), cwd);
    if (!run.ok) {
      // Its files are still linted, as without the tools: a note, not a run that could not lint.
      const line = run.message.split('\n').find((l) => /error/i.test(l)) ?? run.message.split('\n')[0];
      // kubectl logs through klog: `E1207 15:56:04.663418   24509 run.go:72] "command failed" err=...`.
      const why = (line?.replace(/^[EWIF]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] /, '') ?? '').trim();
      failed.push({ rel, why });
      // Each overlay's own error: --verbose and the JSON stats name it on the overlay's folder.
      out.coverage.push({ filePath: dir, status: 'skipped', reason: `not built: ${basename(kustomize.command)} ${kustomize.args(rel).join(' ')} failed (${why}); its files are linted as written` });
      for (const f of plan.kustomizationFiles.get(dir) ?? []) out.rawReasons.set(f, `linted as written: building the Kustomize overlay '${rel}' failed`);
      continue;
    }
    plan.kustomizationFiles.get(dir)?.forEach((f) => built.add(f));
    const discovered = new Set(plan.raw);
    const read = [...(plan.kustomizationFiles.get(dir) ?? [])].filter((f) => discovered.has(f));
    covered(dir, read, 'rendered', `built by ${basename(kustomize.command)} ${kustomize.args(rel).join(' ')}`, run.stdout);
    renderedFiles.push(...read);
    const docs = kustomizationDocuments(dir);
    const fallback = () => fileAt(kustomizationFile(dir)!);
    collect(mapResults(lint([{ filePath: join(dir, '(kustomize build)'), text: run.stdout }]), run.stdout, `kustomize build ${rel}`, kustomizeSide(docs), fallback));
  }
  out.raw = plan.raw.filter((f) => !built.has(f));
  // One note for every overlay left unbuilt for want of a tool, not one per overlay (a repository
  // of 150 overlays printed 150): --verbose names the files of each.
  if (unbuilt.length) {
    const shown = unbuilt.length === 1 ? `'${unbuilt[0]}' is a Kustomize overlay; it was` : `${unbuilt.length} Kustomize overlays (${unbuilt.slice(0, 3).map((d) => `'${d}'`).join(', ')}${unbuilt.length > 3 ? ', …' : ''}) were`;
    out.notes.push(`${shown} not built (neither kustomize nor kubectl is on PATH; --kustomize PATH names one), so ${unbuilt.length === 1 ? 'its' : 'their'} files are linted as they are, patches as partial${unbuilt.length > 1 ? ' (--verbose lists them)' : ''}.`);
  }
  // Likewise one note for the overlays whose build failed (a corpus with remote bases printed 104
  // notes): the first few named, each one's error in --verbose and the JSON stats.
  if (failed.length === 1) out.notes.push(`building the Kustomize overlay '${failed[0]!.rel}' failed (${failed[0]!.why}), so its files are linted as they are, patches as partial.`);
  else if (failed.length) {
    const shown = failed.slice(0, 3).map((f) => `'${f.rel}'`).join(', ');
    out.notes.push(`building ${failed.length} Kustomize overlays (${shown}${failed.length > 3 ? ', …' : ''}) failed, so their files are linted as they are, patches as partial (--verbose gives each overlay's error).`);
  }

  for (const [filePath, text] of edited) if (!byFile.has(filePath)) byFile.set(filePath, { text, messages: [], suppressed: [] });
  for (const f of renderedFiles) if (!byFile.has(f)) byFile.set(f, { text: '', messages: [], suppressed: [] });
  if (fix) fixSources(byFile, fix);
  for (const [filePath, entry] of byFile) {
    const byPosition = (a: LintMessage, b: LintMessage) => a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId));
    const result = toResult(filePath, entry.text, dedupe(entry.messages).sort(byPosition));
    result.suppressedMessages = dedupe(entry.suppressed).sort(byPosition);
    if (!result.messages.length && !result.suppressedMessages.length && !edited.has(filePath)) delete result.source;
    if (entry.output !== undefined) result.output = entry.output;
    out.results.push(result);
  }
  return out;
}

interface Mapped {
  results: LintResult[];
  /** The source edits the moved findings' fixes and suggestions make. */
  edits: SourceEdit[];
}

/** Move each finding of a rendered stream's result to the file that wrote it, with the edits that can go along. */
function mapResults(results: LintResult[], rendered: string, renderedName: string, side: SourceSide, fallback: (d: { sourcePath?: string } | undefined) => { filePath: string; text: string }): Mapped {
  const parsed = parseYaml(rendered);
  const renderedLines = new LineIndex(rendered);
  const files = new Map<string, { text: string; lines: LineIndex }>();
  const fileOf = (s: { filePath: string; text: string }) => {
    let f = files.get(s.filePath);
    if (!f) files.set(s.filePath, (f = { text: s.text, lines: new LineIndex(s.text) }));
    return f;
  };
  const docAt = (offset: number) => parsed.documents.find((d) => d.doc.range && d.doc.range[0] <= offset && offset <= d.doc.range[2]);
  const offsetOf = (line: number, column: number) => renderedLines.offsetAt(line, column) ?? 0;

  const where = (pos: { line: number; column: number; endLine?: number; endColumn?: number }) => {
    const start = offsetOf(pos.line, pos.column);
    const end = pos.endLine !== undefined ? offsetOf(pos.endLine, pos.endColumn ?? pos.column) : start;
    const d = docAt(start);
    const located = d && locate(d.doc, start);
    const mapped = d && located ? side.map(d, { located, source: rendered, start, end }) : undefined;
    return { mapped, doc: d };
  };
  const position = (s: SourceSpan) => {
    const f = fileOf(s);
    const a = f.lines.linePos(s.start);
    const b = f.lines.linePos(Math.max(s.start, s.end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };

  const edits: SourceEdit[] = [];
  /** A rendered edit as an edit of the source file, named when it is not the finding's file. */
  const carried = (findingFile: string, e: FixEdit): FixEdit | undefined => {
    const c = carryEdit(rendered, docAt, side, e);
    if (!('edit' in c)) return undefined;
    edits.push(c.edit);
    return { range: c.edit.range, text: c.edit.text, ...(c.edit.filePath !== findingFile ? { filePath: c.edit.filePath } : {}) };
  };
  const withEdits = (m: LintMessage, findingFile: string): Pick<LintMessage, 'fix' | 'suggestions'> => {
    const fix = m.fix && carried(findingFile, m.fix);
    const suggestions = (m.suggestions ?? []).flatMap((s) => {
      const f = carried(findingFile, s.fix);
      return f ? [{ ...s, fix: f }] : [];
    });
    return { ...(fix ? { fix } : {}), ...(suggestions.length ? { suggestions } : {}) };
  };

  const move = (m: LintMessage): { filePath: string; text: string; message: LintMessage } => {
    const { mapped, doc } = where(m);
    const renderedAt: RelatedLocation = { message: `as rendered by ${renderedName}${doc?.sourcePath ? ` (${doc.sourcePath})` : ''}`, filePath: renderedName, line: m.line, column: m.column, endLine: m.endLine ?? m.line, endColumn: m.endColumn ?? m.column };
    const related: RelatedLocation[] = [];
    for (const r of m.related ?? []) {
      const mappedRelated = where(r).mapped;
      if (!mappedRelated) continue;
      related.push({ message: r.message, filePath: mappedRelated.winner.filePath, ...position(mappedRelated.winner) });
      // The base value a patch replaced: the user sees both sides of the override.
      for (const other of mappedRelated.others) related.push({ message: `${r.message.split(':')[0]}: overridden here`, filePath: other.filePath, ...position(other) });
    }
    for (const other of mapped?.others ?? []) related.push({ message: 'overridden here', filePath: other.filePath, ...position(other) });
    related.push(renderedAt);
    const { fix: _fix, suggestions: _suggestions, ...rest } = m;
    if (mapped?.winner.certain) {
      return { filePath: mapped.winner.filePath, text: mapped.winner.text, message: { ...rest, ...position(mapped.winner), related, ...withEdits(m, mapped.winner.filePath) } };
    }
    // No certain source line: say so, and point at the template (or the chart / kustomization).
    const at = mapped?.winner ?? { ...fallback(doc), start: 0, end: 0, certain: false };
    return { filePath: at.filePath, text: at.text, message: { ...rest, message: `${m.message} (kube-lifelint cannot tell which line wrote this; see the rendered location)`, ...position(at), related } };
  };

  const out = new Map<string, LintResult>();
  for (const r of results) {
    for (const [list, suppressed] of [[r.messages, false], [r.suppressedMessages, true]] as const) {
      for (const m of list) {
        const moved = move(m);
        let target = out.get(moved.filePath);
        if (!target) out.set(moved.filePath, (target = toResult(moved.filePath, moved.text, [])));
        (suppressed ? target.suppressedMessages : target.messages).push(moved.message);
      }
    }
  }
  return { results: [...out.values()], edits };
}

function fileAt(filePath: string): { filePath: string; text: string } {
  try {
    return { filePath, text: readFileSync(filePath, 'utf8') };
  } catch {
    return { filePath, text: '' };
  }
}

function dedupe(messages: LintMessage[]): LintMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = `${m.ruleId}\0${m.line}\0${m.column}\0${m.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
