/**
 * The fast reader's proof: every document it accepts must equal yaml's parse of the same text,
 * node by node. `node dist/src/tools/yaml-equivalence.js <dir|file>...` (default ../shared/corpus
 * and fixtures/) prints how many documents it read, how many it left to yaml and every
 * difference; exit 1 on any difference. test/fast-yaml.test.ts runs the same comparison.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { documentStarts } from '../engine/fast-path.js';
import { readPlainDocument } from '../engine/fast-yaml.js';
import { composeAt, parseOptions } from '../engine/parse.js';
import { projectRoot } from './project-root.js';

/** yaml's documents of `text[from, to)`, offsets into `text` (as the linter composes them). */
export const yamlDocuments = (text: string, from: number, to: number): Document[] => composeAt(text.slice(from, to), from);

/** The first difference between two nodes (or documents), as a path and both sides; undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  const kind = (n: unknown) => (isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : isPair(n) ? 'pair' : isAlias(n) ? 'alias' : n === null ? 'null' : typeof n);
  if (kind(a) !== kind(b)) return `${path}: ${kind(a)} vs ${kind(b)}`;
  if (isScalar(a) && isScalar(b)) {
    for (const k of ['value', 'type', 'source', 'format', 'tag', 'minFractionDigits'] as const) {
      if (!Object.is(a[k], b[k])) return `${path}.${k}: ${JSON.stringify(a[k])} vs ${JSON.stringify(b[k])}`;
    }
    return sameRange(a.range, b.range, path);
  }
  if ((isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b))) {
    if (Boolean(a.flow) !== Boolean(b.flow)) return `${path}.flow: ${a.flow} vs ${b.flow}`;
    if (a.tag !== b.tag) return `${path}.tag: ${a.tag} vs ${b.tag}`;
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} items vs ${b.items.length}`;
    for (let i = 0; i < a.items.length; i++) {
      const d = firstDifference(a.items[i], b.items[i], `${path}[${i}]`);
      if (d) return d;
    }
    return sameRange(a.range, b.range, path);
  }
  if (isAlias(a) && isAlias(b)) return a.source === b.source ? sameRange(a.range, b.range, path) : `${path}: *${a.source} vs *${b.source}`;
  if (isPair(a) && isPair(b)) return firstDifference(a.key, b.key, `${path}.key`) ?? firstDifference(a.value, b.value, `${path}.value`);
  return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
}

function sameRange(a: unknown, b: unknown, path: string): string | undefined {
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : `${path}.range: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** The fast reader's document against yaml's for one chunk. */
export function documentDifference(fast: Document, text: string, from: number, to: number): string | undefined {
  const docs = yamlDocuments(text, from, to);
  if (docs.length !== 1) return `yaml reads ${docs.length} documents`;
  const y = docs[0]!;
  if (y.errors.length || y.warnings.length) return `yaml reports ${[...y.errors, ...y.warnings].map((e) => e.code).join(', ')}`;
  if (JSON.stringify(fast.range) !== JSON.stringify(y.range)) return `document range ${JSON.stringify(fast.range)} vs ${JSON.stringify(y.range)}`;
  if (Boolean(fast.directives?.docStart) !== Boolean(y.directives?.docStart)) return 'docStart differs';
  return firstDifference(fast.contents, y.contents);
}

export interface EquivalenceReport {
  documents: number;
  read: number;
  differences: string[];
}

/** Every `---` chunk of `text`: read by the fast reader, compared with yaml where it accepts. */
export function checkText(text: string, label: string, report: EquivalenceReport): void {
  if (/^%/m.test(text)) return;
  const starts = documentStarts(text).filter((s) => s === 0 || text.startsWith('---', s));
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const to = starts[i + 1] ?? text.length;
    report.documents++;
    const fast = readPlainDocument(text, from, to, parseOptions);
    if (!fast) continue;
    report.read++;
    const d = documentDifference(fast, text, from, to);
    if (d) report.differences.push(`${label} @${from}: ${d}`);
  }
}

/** Every `.yaml`/`.yml` file under `path` (or `path` itself when it is a file). */
export function yamlFiles(path: string, out: string[] = []): string[] {
  if (statSync(path).isFile()) return [...out, path];
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = projectRoot();
  const args = process.argv.slice(2);
  const paths = args.length ? args : [join(root, '..', 'shared', 'corpus'), join(root, 'fixtures')];
  const report: EquivalenceReport = { documents: 0, read: 0, differences: [] };
  for (const p of paths) for (const f of yamlFiles(p)) checkText(readFileSync(f, 'utf8'), f, report);
  for (const d of report.differences.slice(0, 50)) console.log(d);
  console.log(`${report.documents} documents: ${report.read} read by the fast reader (${((100 * report.read) / Math.max(report.documents, 1)).toFixed(1)}%), the rest left to yaml; ${report.differences.length} differences`);
  process.exitCode = report.differences.length ? 1 : 0;
}
