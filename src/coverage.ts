/**
 * Honest coverage (--verbose, and `stats` in JSON output): for every file a run met, what was done
 * with it and why — linted as written, linted through a Helm or Kustomize render, or skipped — and
 * the custom resources that mention `containers` where no known or configured pod template path
 * leads, so that "no findings" is never mistaken for "checked".
 *
 * It reads the files a second time; it runs only when coverage is asked for.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { toResult } from './engine/linter.js';
import { displayPath } from './text.js';
import { parseYaml } from './engine/parse.js';
import { readManifest } from './engine/read.js';
import { extractDocument } from './k8s/extract.js';
import type { TemplatePath } from './k8s/template-path.js';
import type { CoverageStats, LintResult, UncoveredResource } from './types.js';

/** Coverage of one file (or of a chart's or overlay's render, named by its folder). */
export type FileCoverage = CoverageStats & { filePath: string };

/** Pod templates and uncovered custom resources of a manifest text. */
export function textCoverage(text: string, templatePaths?: Readonly<Record<string, readonly TemplatePath[]>>): { podTemplates: number; uncovered: UncoveredResource[] } {
  const parsed = parseYaml(text);
  let podTemplates = 0;
  const uncovered: UncoveredResource[] = [];
  for (const d of parsed.documents) {
    if (!d.usable) continue;
    const found = extractDocument(d.doc, { filePath: '', source: parsed.text, docIndex: d.index, ...(templatePaths ? { templatePaths } : {}) });
    podTemplates += found.workloads.length;
    if (found.workloads.length || found.services.length) continue;
    const root = d.doc.contents;
    if (!isMap(root)) continue;
    const kind = scalarAt(root.get('kind', true));
    if (!kind || kind === 'List' || kind.endsWith('List')) continue;
    const containers = findContainers(root);
    if (!containers) continue;
    const meta = root.get('metadata', true);
    const at = parsed.lineCounter.linePos(containers.offset);
    uncovered.push({ kind, name: (isMap(meta) && scalarAt(meta.get('name', true))) || '', line: at.line, containersAt: containers.path });
  }
  return { podTemplates, uncovered };
}

/** Coverage of a file linted as written. */
export function fileCoverage(filePath: string, reason: string, templatePaths?: Readonly<Record<string, readonly TemplatePath[]>>): FileCoverage {
  const read = readManifest(filePath);
  if (!read.ok) return { filePath, status: 'skipped', reason: read.message };
  if ('problem' in read) return { filePath, status: 'skipped', reason: read.problem.message };
  const { podTemplates, uncovered } = textCoverage(read.text, templatePaths);
  return { filePath, status: 'linted', reason, podTemplates, ...(uncovered.length ? { uncovered } : {}) };
}

const scalarAt = (node: unknown): string | undefined => (isScalar(node) && typeof node.value === 'string' ? node.value : undefined);

/** The first `containers:` key holding a list, breadth-first (bounded: custom resources can be huge). */
function findContainers(root: Node): { path: string; offset: number } | undefined {
  let frontier: { node: unknown; path: string }[] = [{ node: root, path: '' }];
  let budget = 10_000;
  for (let depth = 0; depth < 16 && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const { node, path } of frontier) {
      if (--budget < 0) return undefined;
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = scalarAt(pair.key);
          if (key === undefined) continue;
          const childPath = path ? `${path}.${key}` : key;
          if (key === 'containers' && isSeq(pair.value)) return { path: childPath, offset: (pair.key as Node).range?.[0] ?? 0 };
          next.push({ node: pair.value, path: childPath });
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => next.push({ node: item, path: `${path}[${i}]` }));
      }
    }
    frontier = next;
  }
  return undefined;
}

/** The --verbose listing: one line per file, then each uncovered custom resource under it. */
export function formatCoverage(list: readonly FileCoverage[], cwd: string): string {
  const shown = (p: string) => displayPath(p, cwd);
  const lines = [`kube-lifelint: coverage of ${list.length} file${list.length === 1 ? '' : 's'}:`];
  for (const c of list) {
    const count = c.podTemplates !== undefined ? ` (${c.podTemplates} pod template${c.podTemplates === 1 ? '' : 's'})` : '';
    lines.push(`  ${c.status.padEnd(8)} ${shown(c.filePath)}${count}: ${c.reason}`);
    for (const u of c.uncovered ?? []) {
      lines.push(`           ${shown(c.filePath)}:${u.line}: ${u.kind}${u.name ? ` "${u.name}"` : ''} has containers at ${u.containersAt}, but no known pod template path leads there: not linted (podTemplatePaths can name it)`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** JSON output with --verbose: every result carries its coverage as `stats`; files without a result get an empty one. */
export function withCoverageStats(results: readonly LintResult[], list: readonly FileCoverage[]): LintResult[] {
  const byFile = new Map(list.map(({ filePath, ...stats }) => [filePath, stats]));
  const out = results.map((r) => (byFile.has(r.filePath) ? { ...r, stats: byFile.get(r.filePath)! } : r));
  const seen = new Set(results.map((r) => r.filePath));
  for (const [filePath, stats] of byFile) {
    if (!seen.has(filePath)) out.push({ ...toResult(filePath, '', []), stats });
  }
  return out;
}
