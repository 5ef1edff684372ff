/**
 * Helm source map: a node of `helm template` output → where the user would edit it. A value read
 * from the values (`{{ .Values.x }}`, `toYaml`, `with`/`range`) maps to that line and column of the
 * values file that set it (a `--values` file over the chart's values.yaml, a parent chart's values
 * over a subchart's); anything else maps to the template line that wrote it. Every values mapping
 * is checked against the rendered value, so a value changed by `--set`, `default` or arithmetic
 * falls back to the template line instead of pointing at a line that did not decide it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isScalar, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import { readTemplate, type TemplateMap, type ValuesStep } from './helm-template-lines.js';
import { nodeAtPath, sameCharacters, scalarText, type LocatedNode, type PathStep } from './yaml-path.js';

export interface SourceSpan {
  filePath: string;
  text: string;
  start: number;
  end: number;
  /** False when no line is certain: the span is then the template file's best guess. */
  certain: boolean;
  /** A values file span: the template action that read the value (`{{ .Values.x | quote }}`, a toYaml include). */
  via?: string;
  /** A span in a YAML source (a Kustomize base or patch): the node written there. */
  node?: Node;
  /** Inside a string of its file (a patch written in the kustomization): only a scalar's characters can be edited there. */
  embedded?: boolean;
}

export interface ValuesFile {
  filePath: string;
  text: string;
  doc: Document;
  /** Where this file's values sit in the chart's values (`[sub]` for a parent's values of subchart `sub`). */
  prefix: string[];
}

/** The rendered node being mapped, with the rendered text it sits in. */
export interface RenderedNode {
  located: LocatedNode;
  source: string;
  start: number;
  end: number;
  /**
   * The rendered document: what a key or collection holds is compared with each source that may
   * have written it (one `containers[]` path stands for every container of the list).
   */
  doc?: Document;
}

/** A chart on disk: its templates and values, read once per run. */
export class ChartSources {
  private templates = new Map<string, { filePath: string; text: string; map: TemplateMap } | null>();
  private values = new Map<string, ValuesFile | null>();

  constructor(
    private readonly chartDir: string,
    /** `--values` files in the order given (the last wins). */
    private readonly userValues: readonly string[],
  ) {}

  /** `app/charts/sub/templates/x.yaml` (a `# Source:` path) → the file under the chart folder. */
  template(sourcePath: string): { filePath: string; text: string; map: TemplateMap } | undefined {
    const rel = sourcePath.split('/').slice(1).join('/');
    if (!this.templates.has(rel)) {
      const filePath = join(this.chartDir, rel);
      let entry = null;
      try {
        const text = readFileSync(filePath, 'utf8');
        entry = { filePath, text, map: readTemplate(text) };
      } catch {
        entry = null; // a packaged subchart (.tgz): no file to point at
      }
      this.templates.set(rel, entry);
    }
    return this.templates.get(rel) ?? undefined;
  }

  /** The values files that can set a value for the template at `sourcePath`, the winning one first. */
  valuesFor(sourcePath: string): ValuesFile[] {
    const parts = sourcePath.split('/');
    const chain: string[] = []; // subchart names from the top chart down
    for (let i = 1; i < parts.length - 1; i++) if (parts[i] === 'charts' && parts[i + 1]) chain.push(parts[++i]!);
    const out: ValuesFile[] = [];
    for (const file of [...this.userValues].reverse()) this.pushValues(out, file, chain);
    let dir = this.chartDir;
    for (let depth = 0; depth <= chain.length; depth++) {
      this.pushValues(out, join(dir, 'values.yaml'), chain.slice(depth));
      if (depth < chain.length) dir = join(dir, 'charts', chain[depth]!);
    }
    return out;
  }

  private pushValues(out: ValuesFile[], filePath: string, prefix: string[]): void {
    if (!this.values.has(filePath)) {
      let entry: ValuesFile | null = null;
      try {
        const text = readFileSync(filePath, 'utf8');
        entry = { filePath, text, doc: parseDocument(text), prefix: [] };
      } catch {
        entry = null;
      }
      this.values.set(filePath, entry);
    }
    const v = this.values.get(filePath);
    if (v) out.push({ ...v, prefix });
  }
}

export const fits = (keyPath: readonly string[], path: readonly PathStep[]) =>
  keyPath.length === path.length && keyPath.every((k, i) => (k === '[]' ? typeof path[i] === 'number' : k === path[i]));

export function mapHelmNode(chart: ChartSources, sourcePath: string, rendered: RenderedNode): SourceSpan | undefined {
  const tpl = chart.template(sourcePath);
  if (!tpl) return undefined;
  const path = rendered.located.path;
  const at = (span: { start: number; end: number }, certain = true): SourceSpan => ({ filePath: tpl.filePath, text: tpl.text, ...span, certain });
  const lines = tpl.map.lines.filter((l) => fits(l.keyPath, path));

  if (rendered.located.isKey) {
    // Several lines write this key under a `[]` (`- name: app`, `- name: sidecar`): the one whose
    // literal is the rendered value.
    const keyed = lines.filter((l) => l.key);
    const value = keyed.length > 1 ? renderedValue(rendered) : undefined;
    const line = (isScalar(value) ? keyed.find((l) => l.value?.literal !== undefined && unquote(l.value.literal) === scalarText(value)) : undefined) ?? keyed[0];
    if (line) return at(line.key!);
  } else {
    for (const line of lines) {
      if (!line.reads) continue;
      const found = fromValues(chart, sourcePath, line.reads, rendered, tpl.text.slice(line.value!.start, line.value!.end));
      if (found) return found;
    }
    const literal = lines.find((l) => l.value?.literal !== undefined && unquote(l.value.literal) === scalarText(rendered.located.node));
    if (literal) return at(literal.value!);
    const written = lines.filter((l) => l.value);
    if (written.length === 1) return at(written[0]!.value!);
  }

  // A flow collection written on the template line (`command: ["sleep", "20"]`).
  for (const line of tpl.map.lines) {
    const literal = line.value?.literal;
    if (literal === undefined || !/^[[{]/.test(literal) || line.keyPath.length >= path.length || !fits(line.keyPath, path.slice(0, line.keyPath.length))) continue;
    const found = nodeAtPath(parseDocument(literal), path.slice(line.keyPath.length));
    const target = found && (rendered.located.isKey ? found.key : found.node);
    if (!target?.range) continue;
    const node = rendered.located.node;
    if (!rendered.located.isKey && isScalar(node) && isScalar(target)) {
      if (scalarText(node) !== scalarText(target)) continue;
      const span = sameCharacters({ source: rendered.source, node, start: rendered.start, end: rendered.end }, { source: literal, node: target });
      return at({ start: line.value!.start + span.start, end: line.value!.start + span.end });
    }
    return at({ start: line.value!.start + target.range[0], end: line.value!.start + target.range[1] });
  }

  const [included] = includedSpans(chart, sourcePath, rendered);
  if (included) return included;

  // Not certain: the line that wrote the deepest enclosing key, else the top of the template file.
  for (let n = path.length; n > 0; n--) {
    const line = tpl.map.lines.find((l) => fits(l.keyPath, path.slice(0, n)) && l.key);
    if (line) return at(n === path.length && rendered.located.isKey ? line.key! : { start: line.key!.start, end: line.key!.end }, n === path.length);
  }
  return at({ start: 0, end: 0 }, false);
}

/**
 * A node in a subtree pasted in by toYaml: the rest of its path continues in the values. Every
 * include that can have written it, the deepest first (two containers' `toYaml` under one `[]` path
 * both can; a scalar is checked against the values, a collection is not).
 */
export function includedSpans(chart: ChartSources, sourcePath: string, rendered: RenderedNode): SourceSpan[] {
  const tpl = chart.template(sourcePath);
  const path = rendered.located.path;
  const includes = (tpl?.map.includes ?? []).filter((inc) => inc.under.length <= path.length && fits(inc.under, path.slice(0, inc.under.length)));
  includes.sort((a, b) => b.under.length - a.under.length);
  return includes.flatMap((inc) => fromValues(chart, sourcePath, [...inc.reads, ...path.slice(inc.under.length)], rendered, tpl!.text.slice(inc.span.start, inc.span.end)) ?? []);
}

/** The values file location `reads` leads to, if the value there is the rendered one. */
function fromValues(chart: ChartSources, sourcePath: string, reads: readonly (ValuesStep | PathStep)[], rendered: RenderedNode, via: string): SourceSpan | undefined {
  for (const path of concretePaths(reads, rendered.located.path)) {
    for (const file of chart.valuesFor(sourcePath)) {
      const found = nodeAtPath(file.doc, [...file.prefix, ...path]);
      if (!found) continue;
      const span = (s: { start: number; end: number }): SourceSpan => ({ filePath: file.filePath, text: file.text, ...s, certain: true, via });
      const node = rendered.located.node;
      if (rendered.located.isKey || !isScalar(node)) {
        // Another container's include under the same `[]` path leads here too: only values holding
        // what was rendered wrote it.
        const value = renderedValue(rendered);
        if (value && rendered.doc && !holds(found.node.toJS(file.doc), value.toJS(rendered.doc))) continue;
        if (rendered.located.isKey) return found.key?.range ? span({ start: found.key.range[0], end: found.key.range[1] }) : undefined;
        return found.node.range ? span({ start: found.node.range[0], end: found.node.range[1] }) : undefined;
      }
      // The file that would win holds another value: --set or the template changed it.
      if (scalarText(found.node) !== scalarText(node) || !isScalar(found.node)) break;
      return span(sameCharacters({ source: rendered.source, node: node as Scalar, start: rendered.start, end: rendered.end }, { source: file.text, node: found.node }));
    }
  }
  return undefined;
}

/**
 * The concrete values paths a read can mean: a `range` element is the rendered list index at the
 * range's depth, or an earlier one when static items precede the range in the same list.
 */
function concretePaths(reads: readonly (ValuesStep | PathStep)[], rendered: readonly PathStep[]): PathStep[][] {
  let paths: PathStep[][] = [[]];
  for (const step of reads) {
    if (typeof step !== 'object') {
      paths = paths.map((p) => [...p, step]);
      continue;
    }
    const depth = step.range.elemDepth;
    const index = depth !== undefined ? rendered[depth] : undefined;
    if (typeof index !== 'number') return [];
    const overs = concretePaths(step.range.over, rendered);
    const next: PathStep[][] = [];
    for (const p of paths) for (const over of overs) for (let i = index; i >= 0; i--) next.push([...p, ...over, i]);
    paths = next;
  }
  return paths;
}

/** The value a rendered key holds (or the rendered node itself), when the rendered document is known. */
function renderedValue(rendered: RenderedNode): Node | undefined {
  if (!rendered.located.isKey) return rendered.located.node;
  return rendered.doc ? nodeAtPath(rendered.doc, rendered.located.path)?.node : undefined;
}

/** True when the rendered value holds all the values wrote (a template may add keys around a pasted mapping). */
function holds(written: unknown, rendered: unknown): boolean {
  if (Array.isArray(written)) return Array.isArray(rendered) && rendered.length === written.length && written.every((w, i) => holds(w, rendered[i]));
  if (written !== null && typeof written === 'object') {
    if (rendered === null || typeof rendered !== 'object' || Array.isArray(rendered)) return false;
    // A null in the values removes the key (helm's way to unset a default).
    return Object.entries(written).every(([k, w]) => w === null || holds(w, (rendered as Record<string, unknown>)[k]));
  }
  return written === rendered || (isPrimitive(written) && isPrimitive(rendered) && String(written) === String(rendered));
}

const isPrimitive = (v: unknown): v is string | number | boolean | bigint => ['string', 'number', 'boolean', 'bigint'].includes(typeof v);

const unquote = (s: string) => (/^"(.*)"$|^'(.*)'$/.exec(s)?.slice(1).find((x) => x !== undefined) ?? s);
