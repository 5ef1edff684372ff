/**
 * One self-contained HTML page: every workload's startup and termination chart as inline SVG,
 * with the findings listed under them. Inline CSS only, no script, no external resource (a
 * Content-Security-Policy forbids them), and every manifest-derived string escaped.
 */
import { budgetLine, chartsOf, scaleFor, tickLabel, type BarRow, type Chart, type Mark, type Row } from './chart.js';
import type { ExplainFinding, ExplainReport, ExplainWorkload } from './model.js';
import { wrap } from './strings.js';
import { escapeControls } from '../text.js';
import { findingPlace, workloadSummary } from './text.js';

/** Escape for HTML text and attribute values (control characters made visible first). */
export function escapeHtml(text: string): string {
  return escapeControls(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const legendItems: [string, string][] = [
  ['seg-run', 'runs (certain)'],
  ['seg-maybe', 'may run (up to its known maximum)'],
  ['seg-open', 'open-ended: how long is unknown'],
  ['seg-cut', 'cut by the grace period'],
  ['seg-window', 'probe may fail, then kill ✕'],
  ['seg-grace', 'grace period'],
  ['seg-shutdown', 'SIGTERM ▼ to SIGKILL ✕'],
  ['seg-drain', 'draining: mesh proxy, load balancer'],
];

const css = `
:root { color-scheme: light dark; --fg: #1d232a; --muted: #5b6670; --line: #c9d1d9; --bg: #ffffff; --panel: #f6f8fa;
  --run: #d29922; --maybe: #e3b341; --open: #d29922; --cut: #cf222e; --wait: #8c959f; --window: #1f883d; --grace: #0969da;
  --shutdown: #cf222e; --drain: #8250df; --deadline: #8250df; --ready: #1a7f37; --kill: #cf222e; --term: #bc4c00; --probe: #1f883d; --error: #cf222e; --warning: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #8d96a0; --line: #30363d; --bg: #0d1117; --panel: #161b22;
  --run: #d29922; --maybe: #e3b341; --open: #d29922; --cut: #ff7b72; --wait: #6e7681; --window: #3fb950; --grace: #58a6ff;
  --shutdown: #f85149; --drain: #bc8cff; --deadline: #bc8cff; --ready: #3fb950; --kill: #ff7b72; --term: #ffa657; --probe: #3fb950; --error: #ff7b72; --warning: #d29922; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1060px; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 0; overflow-wrap: anywhere; }
.kind { color: var(--muted); font-weight: normal; }
.where, .summary, .lead { color: var(--muted); margin: .2rem 0; overflow-wrap: anywhere; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
nav ul { padding-left: 1.2rem; }
section.workload { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; margin: 1.2rem 0; background: var(--panel); }
figure { margin: 1rem 0 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
figcaption span { font-weight: normal; color: var(--muted); }
svg.timeline { width: 100%; height: auto; display: block; background: var(--bg); border-radius: 6px; }
svg text { fill: var(--fg); font: 12px system-ui, -apple-system, "Segoe UI", sans-serif; }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .axis, svg .gridline { stroke: var(--line); }
svg .row-label { fill: var(--muted); }
svg .container-name { font-weight: 600; }
svg .role { fill: var(--muted); font-weight: normal; }
svg .note { fill: var(--fg); }
.seg-run { fill: var(--run); }
.seg-maybe { fill: var(--maybe); fill-opacity: .45; }
.seg-open { fill: var(--open); fill-opacity: .3; }
.seg-cut { fill: none; stroke: var(--cut); stroke-width: 2; stroke-dasharray: 4 3; }
.seg-wait { fill: none; stroke: var(--wait); stroke-width: 2; stroke-dasharray: 1 3; }
.seg-window { fill: var(--window); fill-opacity: .25; stroke: var(--window); }
.seg-grace { fill: var(--grace); fill-opacity: .35; stroke: var(--grace); }
.seg-shutdown { fill: var(--shutdown); fill-opacity: .2; stroke: var(--shutdown); stroke-dasharray: 3 2; }
.seg-drain { fill: var(--drain); fill-opacity: .45; stroke: var(--drain); }
.mark-deadline { fill: var(--deadline); }
.mark-ready { fill: var(--ready); }
.mark-kill { stroke: var(--kill); stroke-width: 2.5; fill: none; }
.mark-term { fill: var(--term); }
.mark-probe { stroke: var(--probe); stroke-width: 2; }
.mark-start, .mark-more { fill: var(--muted); }
.mark-instant { fill: var(--run); }
svg .ref-error, .sev-error { fill: var(--error); color: var(--error); font-weight: 600; }
svg .ref-warning, .sev-warning { fill: var(--warning); color: var(--warning); font-weight: 600; }
ol.findings { padding-left: 0; list-style: none; }
ol.findings li { margin: .5rem 0; padding: .4rem .6rem; border-left: 3px solid var(--line); background: var(--bg); border-radius: 4px; overflow-wrap: anywhere; }
ol.findings li.error { border-left-color: var(--error); }
ol.findings li.warning { border-left-color: var(--warning); }
ol.findings .head { font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; color: var(--muted); font-size: .9rem; padding: 0; list-style: none; }
.legend svg { vertical-align: middle; margin-right: .3rem; }
.problems { color: var(--error); }
`;

export function renderHtml(report: ExplainReport, options: { title?: string } = {}): string {
  const title = options.title ?? 'kube-lifelint explain';
  const n = report.workloads.length;
  const body: string[] = [];
  body.push(`<header><h1>${escapeHtml(title)}</h1>`);
  body.push(`<p class="lead">${n} workload${n === 1 ? '' : 's'}. Times are the earliest possible, in seconds (what certainly elapses); unknown and never-ending durations are drawn open-ended, never as invented numbers.</p>`);
  body.push(`<ul class="legend">${legendItems.map(([cls, text]) => `<li><svg width="26" height="12" aria-hidden="true"><rect class="${cls}" x="1" y="1" width="24" height="10"/></svg>${escapeHtml(text)}</li>`).join('')}<li>◆ ready</li><li>[n] finding</li></ul>`);
  if (n > 1) body.push(`<nav><ul>${report.workloads.map((w, i) => `<li><a href="#w${i + 1}">${escapeHtml(`${w.kind} ${w.name}`)}</a> <span class="where">${escapeHtml(`${w.file}:${w.line}`)}</span></li>`).join('')}</ul></nav>`);
  body.push('</header>');
  if (report.problems.length) {
    body.push(`<ul class="problems">${report.problems.map((p) => `<li>${escapeHtml(`${p.file}${p.line !== null ? `:${p.line}:${p.column}` : ''}: ${p.message}`)}</li>`).join('')}</ul>`);
  }
  report.workloads.forEach((w, i) => body.push(workloadHtml(w, `w${i + 1}`)));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function workloadHtml(w: ExplainWorkload, id: string): string {
  const charts = chartsOf(w);
  const summary = workloadSummary(w);
  const out: string[] = [];
  out.push(`<section class="workload" id="${id}" data-kind="${escapeHtml(w.kind)}" data-name="${escapeHtml(w.name)}">`);
  out.push(`<h2><span class="kind">${escapeHtml(w.kind)}</span> ${escapeHtml(w.name || '(no name)')}${w.namespace ? ` <span class="kind">· namespace ${escapeHtml(w.namespace)}</span>` : ''}</h2>`);
  out.push(`<p class="where mono">${escapeHtml(`${w.file}:${w.line}`)}${w.sourcePath ? ` (# Source: ${escapeHtml(w.sourcePath)})` : ''}</p>`);
  out.push(`<p class="summary">${escapeHtml(summary)}${refsHtml(charts.podRefs, id)}</p>`);
  for (const b of w.disruptionBudgets) out.push(`<p class="summary budget" data-pdb="${escapeHtml(b.name)}">${escapeHtml(budgetLine(b, w.file))}</p>`);
  out.push(chartHtml(charts.startup, 'from the pod start; earliest possible times', id));
  out.push(chartHtml(charts.termination, 'from the delete request', id));
  out.push(findingsHtml(w.findings, id));
  out.push('</section>');
  return out.join('\n');
}

function refsHtml(refs: ExplainFinding[], id: string): string {
  return refs.map((f) => ` <a class="sev-${f.severity}" href="#${id}-f${f.ref}">[${f.ref}]</a>`).join('');
}

function findingsHtml(findings: ExplainFinding[], id: string): string {
  if (findings.length === 0) return '<p class="summary">No findings from the enabled rules.</p>';
  const items = findings.map((f) => {
    const where = `line ${f.line}:${f.column}${findingPlace(f)}`;
    const related = f.related.length ? `<br><span class="where">see ${f.related.map((r) => escapeHtml(`line ${r.line}: ${r.message}`)).join('; ')}</span>` : '';
    return `<li id="${id}-f${f.ref}" class="${f.severity}" data-rule="${escapeHtml(f.ruleId ?? '(parse)')}"><span class="head"><span class="sev-${f.severity}">[${f.ref}] ${f.severity}</span> <code>${escapeHtml(f.ruleId ?? '(parse)')}</code></span> <span class="where">${escapeHtml(where)}</span><br>${escapeHtml(f.message)}${related}</li>`;
  });
  return `<h3>Findings</h3>\n<ol class="findings">\n${items.join('\n')}\n</ol>`;
}

// SVG -------------------------------------------------------------------------------------------

const W = 1000;
const X0 = 150; // chart start
const X1 = 610; // chart end
const NOTE_X = 622;
const NOTE_CHARS = 52;
const ROW = 22;
const LINE = 15;
const TOP = 34;

function chartHtml(chart: Chart, subtitle: string, id: string): string {
  const cells = X1 - X0;
  const scale = scaleFor(chart.span, cells, (h, step) => (tickLabel(h, step).length + 2) * 7);
  const x = (t: number | 'end') => X0 + scale.col(t);
  const parts: string[] = [];
  let y = TOP;
  for (const row of chart.rows) {
    const { svg, height } = rowSvg(row, y, x, id);
    parts.push(svg);
    y += height;
  }
  const height = y + 8;
  const axis: string[] = [`<line class="axis" x1="${X0}" y1="${TOP - 8}" x2="${x('end')}" y2="${TOP - 8}"/>`];
  for (let t = 0; t <= scale.horizon + 1e-9; t += scale.step) {
    const tx = x(t);
    axis.push(`<line class="gridline" x1="${tx}" y1="${TOP - 12}" x2="${tx}" y2="${height - 4}" stroke-dasharray="2 4"/>`);
    axis.push(`<text class="tick" x="${tx}" y="${TOP - 16}" text-anchor="middle">${tickLabel(t, scale.step)}</text>`);
  }
  const aria = `${chart.title} timeline`;
  return `<figure class="chart ${chart.section}"><figcaption>${chart.title} <span>(${escapeHtml(subtitle)})</span></figcaption>
<svg class="timeline" data-section="${chart.section}" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${escapeHtml(aria)}" xmlns="http://www.w3.org/2000/svg">
${axis.join('\n')}
${parts.join('\n')}
</svg></figure>`;
}

function rowSvg(row: Row, y: number, x: (t: number | 'end') => number, id: string): { svg: string; height: number } {
  if (row.type === 'header') {
    const refs = row.refs.map((f) => `<a href="#${id}-f${f.ref}"><tspan class="ref-${f.severity}"> [${f.ref}]</tspan></a>`).join('');
    return {
      svg: `<text class="container-name" x="8" y="${y + 15}" data-container="${escapeHtml(row.name)}">${escapeHtml(row.name || '(no name)')}<tspan class="role"> · ${escapeHtml(row.role)}</tspan>${refs}</text>`,
      height: ROW,
    };
  }
  return barSvg(row, y, x, id);
}

function barSvg(row: BarRow, y: number, x: (t: number | 'end') => number, id: string): { svg: string; height: number } {
  const noteLines = wrap(row.note, NOTE_CHARS);
  const height = Math.max(ROW, noteLines.length * LINE + 7);
  const mid = y + ROW / 2;
  const data = `data-container="${escapeHtml(row.container ?? '')}" data-phase="${escapeHtml(row.phase)}"`;
  const tip = `<title>${escapeHtml(`${row.container !== null ? `${row.container} ` : ''}${row.label}: ${row.note}`)}</title>`;
  const out: string[] = [`<g class="row" ${data}>`, `<text class="row-label" x="22" y="${mid + 4}">${escapeHtml(row.label)}</text>`];
  for (const s of row.segments) {
    const a = x(s.from);
    let b = x(s.to);
    if (s.to !== 'end' && s.to > s.from && b - a < 2) b = a + 2;
    const h = s.style === 'wait' || s.style === 'cut' ? 8 : 12;
    out.push(`<rect class="seg seg-${s.style}" ${data} data-from="${s.from}" data-to="${s.to}" x="${a}" y="${mid - h / 2}" width="${Math.max(0, b - a)}" height="${h}" rx="2">${tip}</rect>`);
  }
  for (const m of row.marks) out.push(markSvg(m, x(m.at), mid, data, tip));
  const refs = row.refs.map((f) => `<a href="#${id}-f${f.ref}"><tspan class="ref-${f.severity}"> [${f.ref}]</tspan></a>`).join('');
  const tspans = noteLines.map((l, i) => `<tspan x="${NOTE_X}" dy="${i === 0 ? 0 : LINE}">${escapeHtml(l)}</tspan>`).join('');
  out.push(`<text class="note" ${data} x="${NOTE_X}" y="${mid + 4}">${tspans}${refs}</text>`);
  out.push('</g>');
  return { svg: out.join(''), height };
}

function markSvg(m: Mark, cx: number, cy: number, data: string, tip: string): string {
  const cls = `mark mark-${m.kind}`;
  switch (m.kind) {
    case 'ready':
      return `<polygon class="${cls}" ${data} points="${cx},${cy - 7} ${cx + 7},${cy} ${cx},${cy + 7} ${cx - 7},${cy}">${tip}</polygon>`;
    case 'kill':
      return `<path class="${cls}" ${data} d="M${cx - 5} ${cy - 5}L${cx + 5} ${cy + 5}M${cx + 5} ${cy - 5}L${cx - 5} ${cy + 5}">${tip}</path>`;
    case 'term':
      return `<polygon class="${cls}" ${data} points="${cx - 6},${cy - 8} ${cx + 6},${cy - 8} ${cx},${cy + 2}">${tip}</polygon>`;
    case 'probe':
      return `<line class="${cls}" ${data} x1="${cx}" y1="${cy - 8}" x2="${cx}" y2="${cy + 8}">${tip}</line>`;
    case 'instant':
      return `<rect class="${cls}" ${data} x="${cx - 1}" y="${cy - 7}" width="3" height="14">${tip}</rect>`;
    case 'deadline':
      return `<rect class="${cls}" ${data} data-at="${m.at}" x="${cx - 1.5}" y="${cy - 10}" width="3" height="20">${tip}</rect>`;
    case 'start':
    case 'more':
      return `<polygon class="${cls}" ${data} points="${cx - 5},${cy - 6} ${cx + 5},${cy} ${cx - 5},${cy + 6}">${tip}</polygon>`;
  }
}
