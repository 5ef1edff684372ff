/**
 * Terminal rendering of the explain model: per workload a header, a startup chart and a
 * termination chart (a time axis, one row per container phase, a note beside each row), then the
 * findings. Every line fits the given width (display width: wide characters count 2), colour is
 * ANSI SGR only when asked for, and every manifest-derived string has its control characters
 * replaced, so a manifest can never move the cursor or inject escapes.
 */
import { budgetLine, chartsOf, scaleFor, secs, tickLabel, type Scale, type BarRow, type Chart, type MarkKind, type Row, type SegmentStyle } from './chart.js';
import type { ExplainFinding, ExplainReport, ExplainWorkload } from './model.js';
import { displayWidth, truncate, wrap } from './strings.js';
import { escapeControls } from '../text.js';

export { displayWidth } from './strings.js';

export interface TextOptions {
  /** Columns available (COLUMNS, default 80). Every line is at most this wide. */
  width: number;
  color: boolean;
}

export const MIN_WIDTH = 20;

// Colour ----------------------------------------------------------------------------------------

type Style = 'bold' | 'dim' | 'run' | 'maybe' | 'open' | 'cut' | 'wait' | 'window' | 'grace' | 'shutdown' | 'drain' | 'ready' | 'kill' | 'term' | 'probe' | 'deadline' | 'error' | 'warning' | 'plain';

const sgr: Record<Style, string> = {
  bold: '1',
  dim: '2',
  run: '33',
  maybe: '33',
  open: '2;33',
  cut: '31',
  wait: '2',
  window: '36',
  grace: '34',
  shutdown: '2;31',
  drain: '35',
  deadline: '1;35',
  ready: '1;32',
  kill: '1;31',
  term: '1;33',
  probe: '36',
  error: '1;31',
  warning: '1;33',
  plain: '',
};

function painter(color: boolean) {
  return (style: Style, text: string) => (color && sgr[style] && text ? `\u001b[${sgr[style]}m${text}\u001b[0m` : text);
}

// Glyphs ----------------------------------------------------------------------------------------

const segGlyph: Record<SegmentStyle, string> = {
  run: '█',
  maybe: '▒',
  open: '░',
  cut: '┄',
  wait: '·',
  window: '─',
  grace: '━',
  shutdown: '═',
  drain: '▓',
};
const markGlyph: Record<MarkKind, string> = {
  start: '▶',
  instant: '▏',
  ready: '◆',
  probe: '├',
  kill: '✕',
  term: '▼',
  more: '▶',
  deadline: '┃',
};
const markStyle: Record<MarkKind, Style> = { start: 'dim', instant: 'run', ready: 'ready', probe: 'probe', kill: 'kill', term: 'term', more: 'dim', deadline: 'deadline' };

export const legendItems = [
  '█ runs',
  '▒ may run',
  '░ open-ended (how long is unknown)',
  '▶ goes on',
  '┄ cut by the grace period',
  '├─✕ probe failing, then kill',
  '◆ ready',
  '━ grace period',
  '▼ SIGTERM',
  '═ shutdown window',
  '✕ SIGKILL',
  '[n] finding',
];

/** Legend items for what only some workloads have: listed when one of them is drawn. */
const drainLegend = '▓ draining (mesh proxy, load balancer)';
const deadlineLegend = '┃ spot node gone';

// Layout ----------------------------------------------------------------------------------------

interface Layout {
  width: number;
  label: number;
  cells: number;
  /** Note column width; 0: notes go on their own lines under the row. */
  note: number;
}

function layoutFor(width: number): Layout {
  const label = 12;
  if (width >= 64) {
    const note = Math.max(22, Math.min(56, Math.round((width - label) * 0.45)));
    return { width, label, cells: width - label - 1 - note, note };
  }
  return { width, label, cells: Math.max(4, width - label), note: 0 };
}

// Rendering -------------------------------------------------------------------------------------

export function renderText(report: ExplainReport, options: TextOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width));
  const paint = painter(options.color);
  const out: string[] = [];
  report.workloads.forEach((w, i) => {
    if (i > 0) out.push('');
    out.push(...renderWorkload(w, width, paint));
  });
  if (report.workloads.length > 0) {
    out.push('');
    const t = report.workloads.map((w) => w.termination);
    const extra = [
      ...(t.some((x) => x.proxyDrains.length > 0 || x.loadBalancers.length > 0) ? [drainLegend] : []),
      ...(t.some((x) => x.spotNotice !== null) ? [deadlineLegend] : []),
    ];
    for (const l of packItems([...legendItems, ...extra], width)) out.push(paint('dim', l));
  }
  return out.map((l) => l.replace(/\s+$/, '')).join('\n') + (out.length ? '\n' : '');
}

type Paint = ReturnType<typeof painter>;

/** Items two spaces apart, as many per line as fit; an item wider than a line is wrapped. */
function packItems(items: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && displayWidth(line) + 2 + displayWidth(item) <= width) line += `  ${item}`;
    else {
      if (line) lines.push(line);
      const parts = wrap(item, width);
      line = parts.pop()!;
      lines.push(...parts);
    }
  }
  if (line) lines.push(line);
  return lines;
}

function refTokens(refs: ExplainFinding[], paint: Paint): { plain: string; painted: string } {
  if (refs.length === 0) return { plain: '', painted: '' };
  const plain = refs.map((f) => `[${f.ref}]`).join('');
  const painted = refs.map((f) => paint(f.severity, `[${f.ref}]`)).join('');
  return { plain, painted };
}

/** The one-line summary under a workload's title: readiness, grace period, findings. */
export function workloadSummary(w: ExplainWorkload): string {
  const er = w.startup.earliestReady;
  return [
    w.startup.containers.length === 0 ? 'no containers' : er === null ? 'never ready' : `ready ≥ ${secs(er)} after start`,
    `grace period ${secs(w.gracePeriod.seconds)}${w.gracePeriod.defaulted ? ' (default)' : ''}`,
    w.findings.length === 0 ? 'no findings' : `${w.findings.length} finding${w.findings.length === 1 ? '' : 's'}`,
  ].join(' · ');
}

export function renderWorkload(w: ExplainWorkload, width: number, paint: Paint): string[] {
  const out: string[] = [];
  const rule = '─'.repeat(width);
  const title = escapeControls(`${w.kind} ${w.name || '(no name)'}${w.namespace ? ` · namespace ${w.namespace}` : ''}`);
  out.push(paint('dim', rule));
  for (const l of wrap(title, width)) out.push(paint('bold', l));
  const where = escapeControls(`${w.file}:${w.line}${w.sourcePath ? ` (# Source: ${w.sourcePath})` : ''}`);
  for (const l of wrap(where, width)) out.push(paint('dim', l));
  const charts = chartsOf(w);
  const summary = workloadSummary(w);
  const podRefs = refTokens(charts.podRefs, paint);
  pushNoted(out, summary, podRefs, width);
  for (const b of w.disruptionBudgets) for (const l of wrap(escapeControls(budgetLine(b, w.file)), width)) out.push(l);
  out.push('');
  out.push(...renderChart(charts.startup, 'from the pod start; earliest possible times', width, paint));
  out.push('');
  out.push(...renderChart(charts.termination, 'from the delete request', width, paint));
  out.push('');
  out.push(...renderFindings(w.findings, width, paint));
  return out;
}

/** A line of prose with finding references at its end, wrapped to width. */
function pushNoted(out: string[], text: string, refs: { plain: string; painted: string }, width: number): void {
  const lines = wrap(escapeControls(text) + (refs.plain ? ` ${refs.plain}` : ''), width);
  if (refs.plain) {
    const last = lines.length - 1;
    lines[last] = lines[last]!.endsWith(refs.plain) ? lines[last]!.slice(0, -refs.plain.length) + refs.painted : lines[last]!;
  }
  out.push(...lines);
}

function renderChart(chart: Chart, subtitle: string, width: number, paint: Paint): string[] {
  const L = layoutFor(width);
  const out: string[] = [];
  pushNoted(out, `${chart.title.toUpperCase()} (${subtitle})`, { plain: '', painted: '' }, width);
  out[out.length - 1] = out[out.length - 1]!;
  for (let i = 0; i < out.length; i++) out[i] = paint('bold', out[i]!);
  if (chart.rows.length === 0) {
    out.push(...wrap('(no containers)', width));
    return out;
  }
  const scale = scaleFor(chart.span, L.cells);
  const pad = ' '.repeat(L.label);
  const [labels, axis] = axisLines(scale);
  out.push(pad + paint('dim', labels.trimEnd()));
  out.push(pad + paint('dim', axis));
  for (const row of chart.rows) out.push(...renderRow(row, scale, L, paint));
  return out;
}

function axisLines(scale: Scale): [string, string] {
  const cells = scale.cells;
  const labels = Array<string>(cells).fill(' ');
  const axis = Array<string>(cells).fill('─');
  let lastEnd = -1;
  for (let t = 0; t <= scale.horizon + 1e-9; t += scale.step) {
    const c = scale.col(t);
    axis[c] = c === 0 ? '├' : c === cells - 1 ? '┤' : '┼';
    const text = tickLabel(t, scale.step);
    // Labels start at their tick; the last one ends at it.
    let start = c === cells - 1 ? c - text.length + 1 : c;
    if (start + text.length > cells) start = cells - text.length;
    if (start <= lastEnd || start < 0) continue;
    for (let k = 0; k < text.length; k++) labels[start + k] = text[k]!;
    lastEnd = start + text.length;
  }
  if (axis[cells - 1] === '─') axis[cells - 1] = '┤';
  return [labels.join(''), axis.join('')];
}

function renderRow(row: Row, scale: Scale, L: Layout, paint: Paint): string[] {
  if (row.type === 'header') {
    const refs = refTokens(row.refs, paint);
    const role = ` · ${row.role}`;
    const tail = role + (refs.plain ? ` ${refs.plain}` : '');
    const name = truncate(escapeControls(row.name || '(no name)'), Math.max(4, L.width - displayWidth(tail)));
    if (displayWidth(name + tail) <= L.width) return [paint('bold', name) + paint('dim', role) + (refs.plain ? ` ${refs.painted}` : '')];
    return [paint('bold', truncate(name, L.width)), ...wrap(tail.trim(), L.width)];
  }
  return barLines(row, scale, L, paint);
}

function barLines(row: BarRow, scale: Scale, L: Layout, paint: Paint): string[] {
  const cells: { ch: string; style: Style }[] = Array.from({ length: scale.cells }, () => ({ ch: ' ', style: 'plain' as Style }));
  for (const s of row.segments) {
    const a = scale.col(s.from);
    let b = s.to === 'end' ? scale.cells : scale.col(s.to);
    if (s.to !== 'end' && s.to > s.from && b <= a) b = a + 1;
    for (let c = a; c < Math.min(b, scale.cells); c++) cells[c] = { ch: segGlyph[s.style], style: s.style };
  }
  for (const m of row.marks) {
    const c = scale.col(m.at);
    cells[c] = { ch: markGlyph[m.kind], style: markStyle[m.kind] };
  }
  let bar = '';
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j < cells.length && cells[j]!.style === cells[i]!.style) j++;
    bar += paint(cells[i]!.style, cells.slice(i, j).map((c) => c.ch).join(''));
    i = j;
  }
  // Notes line up across charts: the axis may use fewer columns than the layout gives it.
  if (L.note > 0) bar += ' '.repeat(Math.max(0, L.cells - scale.cells));
  const label = `  ${row.label}`.padEnd(L.label, ' ');
  const refs = refTokens(row.refs, paint);
  const note = escapeControls(row.note) + (refs.plain ? ` ${refs.plain}` : '');
  const paintRefs = (line: string) => (refs.plain && line.endsWith(refs.plain) ? line.slice(0, -refs.plain.length) + refs.painted : line);
  if (L.note === 0) {
    const lines = [paint('dim', label) + bar];
    for (const l of wrap(note, L.width - 4)) lines.push(`    ${paintRefs(l)}`);
    return lines;
  }
  const noteLines = wrap(note, L.note);
  const lines = [`${paint('dim', label)}${bar} ${paintRefs(noteLines[0]!)}`];
  const blank = ' '.repeat(L.label + L.cells + 1);
  for (const l of noteLines.slice(1)) lines.push(blank + paintRefs(l));
  return lines;
}

function renderFindings(findings: ExplainFinding[], width: number, paint: Paint): string[] {
  if (findings.length === 0) return wrap('No findings from the enabled rules.', width).map((l) => paint('dim', l));
  const out: string[] = [paint('bold', 'FINDINGS')];
  for (const f of findings) {
    const where = `line ${f.line}:${f.column}`;
    const indent = width >= 30 ? 4 : 2;
    const head = `[${f.ref}] ${f.severity} ${f.ruleId ?? '(parse)'} · ${where}${findingPlace(f)}`;
    const [first, ...rest] = wrap(escapeControls(head), width);
    const sevText = `[${f.ref}] ${f.severity}`;
    out.push(first!.startsWith(sevText) ? paint(f.severity, sevText) + first!.slice(sevText.length) : first!);
    for (const l of wrap(rest.join(' '), width - indent)) if (l) out.push(' '.repeat(indent) + l);
    const related = f.related.length ? ` (see ${f.related.map((r) => `line ${r.line}: ${r.message}`).join('; ')})` : '';
    for (const l of wrap(escapeControls(f.message.replace(/\.\s*$/, '') + related + '.'), width - indent)) out.push(' '.repeat(indent) + l);
  }
  return out;
}

/** ` · c1 preStop`: where on the timeline a finding sits. */
export function findingPlace(f: ExplainFinding): string {
  const phase = f.phase !== 'pod' && f.phase !== 'container' ? f.phase : '';
  const parts = [f.container ?? '', phase].filter(Boolean).join(' ');
  return parts ? ` · ${parts}` : '';
}

/** Messages for the problems (missing paths, unreadable files, YAML errors), one per line. */
export function renderProblems(report: ExplainReport): string[] {
  // Path and read problems name their path in the message already.
  return report.problems.map((p) => escapeControls(p.kind === 'content' ? `${p.file}${p.line !== null ? `:${p.line}:${p.column}` : ''}: ${p.message}` : p.message));
}
