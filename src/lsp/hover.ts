/**
 * Hover: what the cursor is on (a hook, a probe, a container, the grace period, the pod spec or
 * the object's kind), and the part of the `explain` model that concerns it. The model is the
 * explain command's (explain/model.ts); this module only picks the workload and the part.
 */
import { parseYaml } from '../engine/parse.js';
import { buildWorkload } from '../explain/model.js';
import type { ContainerView, Workload } from '../k8s/views.js';
import { extractWorkloads, type LintConfig } from '../engine/linter.js';
import type { LintMessage } from '../types.js';
import { hoverMarkdown, type HoverTarget } from './hover-markdown.js';
import { onlyDocumentAt } from './one-document.js';

type Ranged = { range?: [number, number, number] | null } | null | undefined;

const inRange = (offset: number, start: number | undefined, end: number | undefined) => start !== undefined && end !== undefined && offset >= start && offset < end;
/** From a key to the end of its value (the whole `preStop:` block). */
const inKeyed = (offset: number, key: Ranged, value: Ranged) => inRange(offset, key?.range?.[0], value?.range?.[1] ?? key?.range?.[1]);

export interface HoverInput {
  text: string;
  filePath: string;
  offset: number;
  config: LintConfig;
  /** The file's current findings (the explain model places them on the timeline). */
  messages: readonly LintMessage[];
}

export interface HoverOutput {
  markdown: string;
  /** File offsets of what the hover describes (the key or value under the cursor). */
  start: number;
  end: number;
}

export function hover(input: HoverInput): HoverOutput | null {
  // Not blanked by the fast path nor compacted: node ranges are offsets into the text.
  const parsed = parseYaml(onlyDocumentAt(input.text, input.offset), undefined, false);
  for (const w of extractWorkloads(input.filePath, parsed, input.config).workloads) {
    const found = targetIn(w, input.offset);
    if (!found) continue;
    const model = buildWorkload({ file: input.filePath, workload: w, lineCounter: parsed.lineCounter, messages: input.messages });
    return { markdown: hoverMarkdown(model, found.target), start: found.start, end: found.end };
  }
  return null;
}

function targetIn(w: Workload, offset: number): { target: HoverTarget; start: number; end: number } | null {
  if (!inRange(offset, w.node.range?.[0], w.node.range?.[1])) return null;
  const span = (n: Ranged, fallback: { start: number; end: number }) => ({ start: n?.range?.[0] ?? fallback.start, end: n?.range?.[1] ?? fallback.end });
  if (inRange(offset, w.kindAt.start, w.kindAt.end)) return { target: { part: 'pod' }, ...w.kindAt };
  const pod = w.pod;
  if (inRange(offset, pod.specAt.start, pod.specAt.end)) return { target: { part: 'pod' }, ...pod.specAt };
  const grace = pod.terminationGracePeriodSeconds;
  if (grace.keyNode && inKeyed(offset, grace.keyNode, grace.node)) return { target: { part: 'termination' }, ...span(grace.keyNode, grace.at) };
  for (const c of pod.containers) {
    const t = containerPart(c, offset);
    if (t) return t;
  }
  return null;
}

function containerPart(c: ContainerView, offset: number): { target: HoverTarget; start: number; end: number } | null {
  const name = c.name.value;
  // Only keys open a hover inside a container: hovering `sleep 20` itself shows the diagnostic.
  for (const h of c.hooks) {
    if (inRange(offset, h.keyAt.start, h.keyAt.end)) return { target: { part: h.kind, container: name }, ...h.keyAt };
  }
  for (const p of c.probes) {
    if (inRange(offset, p.keyAt.start, p.keyAt.end)) return { target: { part: 'probe', container: name, probe: p.kind }, ...p.keyAt };
  }
  if (c.lifecycleKey && inKeyed(offset, c.lifecycleKey, null)) {
    const r = c.lifecycleKey.range!;
    return { target: { part: 'container', container: name }, start: r[0], end: r[1] };
  }
  if (inRange(offset, c.at.start, c.at.end) || (c.name.node && inKeyed(offset, c.name.keyNode, c.name.node))) {
    return { target: { part: 'container', container: name }, ...c.at };
  }
  return null;
}
