/**
 * The charts of one workload, independent of the medium: rows of segments and marks in seconds,
 * with the note written beside each row and the findings that belong to it. The text and HTML
 * renderers only map these to glyphs or SVG; the timing itself comes from the model (timeline).
 */
import type { ExplainBudget, ExplainFinding, ExplainHook, ExplainProbe, ExplainStartupContainer, ExplainTerminationContainer, ExplainWorkload, FindingPhase } from './model.js';
import { outsideRows } from './outside-rows.js';

/**
 * run: a hook certainly runs · maybe: it may run up to its known maximum · open: it may run, for how
 * long is unknown · cut: it would run, but the grace period cuts it · wait: a sidecar waits for the
 * app containers · window: a probe may fail this long before a kill · grace: the grace period ·
 * shutdown: between SIGTERM and SIGKILL · drain: a mesh proxy or a load balancer drains the pod.
 */
export type SegmentStyle = 'run' | 'maybe' | 'open' | 'cut' | 'wait' | 'window' | 'grace' | 'shutdown' | 'drain';
/**
 * start: container created · instant: a 0s hook · ready: ready/started · probe: first probe · kill:
 * killed (probe failure or SIGKILL) · term: SIGTERM · more: goes on past the axis · deadline: the
 * node goes away (spot notice).
 */
export type MarkKind = 'start' | 'instant' | 'ready' | 'probe' | 'kill' | 'term' | 'more' | 'deadline';

export interface Segment {
  from: number;
  /** 'end': open-ended, up to the end of the axis. */
  to: number | 'end';
  style: SegmentStyle;
}

export interface Mark {
  /** 'end': at the end of the axis. */
  at: number | 'end';
  kind: MarkKind;
}

export interface HeaderRow {
  type: 'header';
  /** Container name. */
  name: string;
  role: string;
  refs: ExplainFinding[];
}

export interface BarRow {
  type: 'bar';
  label: string;
  /** Which container and phase the row draws (for HTML data attributes and tests). */
  container: string | null;
  phase: string;
  segments: Segment[];
  marks: Mark[];
  note: string;
  refs: ExplainFinding[];
}

export type Row = HeaderRow | BarRow;

export interface Chart {
  section: 'startup' | 'termination';
  title: string;
  rows: Row[];
  /** The largest finite time the axis must show. */
  span: number;
}

export interface WorkloadCharts {
  startup: Chart;
  termination: Chart;
  /** Findings that belong to no drawn row (the pod as a whole, or rows that are not drawn). */
  podRefs: ExplainFinding[];
}

/** 30 → "30s", 1.5 → "1.5s". */
export function secs(t: number): string {
  return `${Math.round(t * 100) / 100}s`;
}

export function hookNote(h: ExplainHook): string {
  const ev = h.evidence.length ? ` (${h.evidence.map((e) => e.text).join(', ')})` : '';
  switch (h.bound) {
    case 'exact':
      return `${secs(h.min!)}${ev}`;
    case 'range':
      return `${secs(h.min!)}–${secs(h.max!)}${ev}`;
    case 'at-least':
      return `≥ ${secs(h.min!)}${ev}`;
    case 'never-ends':
      return `never ends${ev}`;
    case 'unknown':
      return `unknown${h.handler && h.handler !== 'exec' ? ` (${h.handler})` : ''}`;
  }
}

const probeLabel = { startup: 'startup', liveness: 'liveness', readiness: 'readiness' } as const;
const probePhase = { startup: 'startupProbe', liveness: 'livenessProbe', readiness: 'readinessProbe' } as const;

export function chartsOf(w: ExplainWorkload): WorkloadCharts {
  const placed = new Set<number>();
  const refsFor = (container: string | null, ...phases: FindingPhase[]) => {
    const out = w.findings.filter((f) => f.container === container && phases.includes(f.phase) && !placed.has(f.ref));
    out.forEach((f) => placed.add(f.ref));
    return out;
  };

  // Startup ---------------------------------------------------------------------------------
  const sRows: Row[] = [];
  let sSpan = 0;
  const seeS = (...ts: (number | null | undefined)[]) => {
    for (const t of ts) if (typeof t === 'number' && Number.isFinite(t)) sSpan = Math.max(sSpan, t);
  };
  const startupRows = (c: ExplainStartupContainer): BarRow[] => {
    const rows: BarRow[] = [];
    const bar = (label: string, phase: string, segments: Segment[], marks: Mark[], note: string, refs: ExplainFinding[] = []) =>
      rows.push({ type: 'bar', label, container: c.name, phase, segments, marks, note, refs });
    if (c.blocked) {
      bar('start', 'start', [], [], 'never starts: an earlier container never gets past its postStart hook');
      return rows;
    }
    seeS(c.startAt, c.runningAt, c.readyAt);
    if (c.role === 'init') {
      bar('runs', 'run', [{ from: c.startAt, to: 'end', style: 'open' }], [{ at: c.startAt, kind: 'start' }, { at: 'end', kind: 'more' }], `starts ${secs(c.startAt)}, runs to completion (how long is not analysed)`);
    }
    if (c.postStart) {
      const h = c.postStart;
      const { segments, marks } = hookBar(c.startAt, h);
      if (h.bound !== 'never-ends' && h.bound !== 'unknown') seeS(c.startAt + (h.max ?? h.min ?? 0));
      bar('postStart', 'postStart', segments, marks, `${hookNote(h)}${h.bound === 'never-ends' ? ': never Running' : ''}`, refsFor(c.name, 'postStart'));
    } else if (c.role !== 'init') {
      bar('start', 'start', [], [{ at: c.startAt, kind: 'start' }], `starts ${secs(c.startAt)}`);
    }
    for (const p of c.probes) {
      seeS(p.firstAt, p.killAt);
      bar(probeLabel[p.kind], probePhase[p.kind], ...probeBar(p), refsFor(c.name, probePhase[p.kind]));
    }
    if (c.role !== 'init') {
      const what = c.role === 'sidecar' ? 'started' : 'ready';
      const note = c.readyAt === null
        ? `never ${what}`
        : `≥ ${secs(c.readyAt)}${c.readyBecause && c.readyBecause.seconds > 0 ? ` (${c.readyBecause.what})` : ''}`;
      bar(what, 'ready', [], c.readyAt === null ? [] : [{ at: c.readyAt, kind: 'ready' }], note);
    }
    return rows;
  };
  for (const c of w.startup.containers) {
    sRows.push({ type: 'header', name: c.name, role: c.role, refs: [] });
    sRows.push(...startupRows(c));
  }
  const er = w.startup.earliestReady;
  if (w.startup.containers.filter((c) => c.role === 'app' || c.role === 'sidecar').length > 1) {
    sRows.push({
      type: 'bar',
      label: 'pod ready',
      container: null,
      phase: 'podReady',
      segments: [],
      marks: er === null ? [] : [{ at: er, kind: 'ready' }],
      note: er === null ? `never${w.startup.lastReady !== null ? ` (${w.startup.lastReady})` : ''}` : `≥ ${secs(er)}${w.startup.lastReady !== null && er > 0 ? ` (${w.startup.lastReady})` : ''}`,
      refs: [],
    });
  }

  // Termination -----------------------------------------------------------------------------
  const G = w.termination.gracePeriodSeconds;
  const tRows: Row[] = [];
  let killMax = G;
  for (const c of w.termination.containers) killMax = Math.max(killMax, c.sigkillAt);
  // A cut hook that needs far longer than the budget is drawn to the edge instead of squashing the axis.
  const demandCap = Math.max(killMax * 4, 10);
  let tSpan = killMax;
  const gd = w.gracePeriod;
  tRows.push({
    type: 'bar',
    label: 'grace',
    container: null,
    phase: 'gracePeriod',
    segments: G > 0 ? [{ from: 0, to: G, style: 'grace' }] : [],
    marks: G > 0 ? [] : [{ at: 0, kind: 'instant' }],
    note: `${secs(G)}${gd.defaulted ? ' (default)' : gd.line !== null ? ` (line ${gd.line})` : ''}${G === 0 ? ': no preStop, SIGKILL after 2s' : ''}`,
    refs: refsFor(null, 'gracePeriod'),
  });
  // Proxy drains, the spot notice and load balancers: rows of the pod, under its grace period.
  const outside = outsideRows(w, demandCap, (phase) => refsFor(null, phase));
  tRows.push(...outside.rows);
  tSpan = Math.max(tSpan, outside.span);
  const terminationRows = (c: ExplainTerminationContainer): BarRow[] => {
    const rows: BarRow[] = [];
    const bar = (label: string, phase: string, segments: Segment[], marks: Mark[], note: string, refs: ExplainFinding[] = []) =>
      rows.push({ type: 'bar', label, container: c.name, phase, segments, marks, note, refs });
    const h = c.preStop;
    let uncertain = false;
    if (h) {
      const segments: Segment[] = [];
      const marks: Mark[] = [];
      const certain = c.preStopUntil;
      if (certain > 0) segments.push({ from: 0, to: certain, style: 'run' });
      else if (h.bound === 'exact') marks.push({ at: 0, kind: 'instant' });
      if (h.bound === 'never-ends') {
        segments.push({ from: G, to: 'end', style: 'cut' });
        marks.push({ at: 'end', kind: 'more' });
      } else if (c.preStopCut && h.min !== null) {
        if (h.min > demandCap) {
          segments.push({ from: G, to: 'end', style: 'cut' });
          marks.push({ at: 'end', kind: 'more' });
        } else if (h.min > G) {
          segments.push({ from: G, to: h.min, style: 'cut' });
          tSpan = Math.max(tSpan, h.min);
        }
      } else if (h.bound === 'range' && h.max !== null) {
        segments.push({ from: certain, to: Math.min(h.max, G), style: 'maybe' });
        if (h.max > G) segments.push({ from: G, to: Math.min(h.max, demandCap), style: 'cut' });
        tSpan = Math.max(tSpan, Math.min(h.max, demandCap));
        uncertain = true;
      } else if (h.bound === 'at-least' || h.bound === 'unknown') {
        if (certain < G) segments.push({ from: certain, to: G, style: 'open' });
        uncertain = true;
      }
      const note = `${hookNote(h)}${c.preStopCut ? `, cut at ${secs(G)}` : h.bound === 'unknown' || h.bound === 'at-least' ? `, cut at ${secs(G)} at the latest` : ''}`;
      bar('preStop', 'preStop', segments, marks, note, refsFor(c.name, 'preStop'));
    }
    if (c.role === 'sidecar' && c.sigtermAt > c.preStopUntil) {
      bar('waits', 'wait', [{ from: c.preStopUntil, to: c.sigtermAt, style: 'wait' }], [], `for the app containers to stop`);
    }
    // A sidecar's SIGTERM waits for the app containers to exit, which takes as long as they take.
    const afterApps = c.role === 'sidecar' && w.termination.containers.some((o) => o.role === 'app');
    const q = uncertain || afterApps ? '≥ ' : '';
    bar(
      'stop',
      'stop',
      [{ from: c.sigtermAt, to: c.sigkillAt, style: 'shutdown' }],
      [{ at: c.sigtermAt, kind: 'term' }, { at: c.sigkillAt, kind: 'kill' }],
      `SIGTERM ${q}${secs(c.sigtermAt)}${afterApps ? ' (after the app containers exit)' : ''}, SIGKILL ${q}${secs(c.sigkillAt)}`,
    );
    return rows;
  };
  for (const c of w.termination.containers) {
    tRows.push({ type: 'header', name: c.name, role: c.role, refs: [] });
    tRows.push(...terminationRows(c));
  }

  // Whatever is left goes on its container's header (startup chart), or on the pod.
  for (const row of sRows) if (row.type === 'header') row.refs = refsFor(row.name, 'container', 'postStart', 'startupProbe', 'livenessProbe', 'readinessProbe');
  for (const row of tRows) if (row.type === 'header') row.refs = refsFor(row.name, 'container', 'preStop');
  const podRefs = w.findings.filter((f) => !placed.has(f.ref));

  return {
    startup: { section: 'startup', title: 'Startup', rows: sRows, span: sSpan },
    termination: { section: 'termination', title: 'Termination', rows: tRows, span: tSpan },
    podRefs,
  };
}

function hookBar(start: number, h: ExplainHook): { segments: Segment[]; marks: Mark[] } {
  const segments: Segment[] = [];
  const marks: Mark[] = [];
  const min = h.min ?? 0;
  switch (h.bound) {
    case 'exact':
      if (min > 0) segments.push({ from: start, to: start + min, style: 'run' });
      else marks.push({ at: start, kind: 'instant' });
      break;
    case 'range':
      if (min > 0) segments.push({ from: start, to: start + min, style: 'run' });
      segments.push({ from: start + min, to: start + h.max!, style: 'maybe' });
      break;
    case 'at-least':
      segments.push({ from: start, to: start + min, style: 'run' }, { from: start + min, to: 'end', style: 'open' });
      marks.push({ at: 'end', kind: 'more' });
      break;
    case 'never-ends':
      segments.push({ from: start, to: 'end', style: 'run' });
      marks.push({ at: 'end', kind: 'more' });
      break;
    case 'unknown':
      // Nothing is known, so nothing is drawn but where it starts: a full-width bar would look as
      // loud as a hook that never ends. The note says "unknown".
      marks.push({ at: start, kind: 'start' });
      break;
  }
  return { segments, marks };
}

/** Liveness and readiness wait for the startup probe to succeed (the kubelet skips them until the container is started). */
const gated = (p: ExplainProbe) => (p.afterStartup ? ' (once startup succeeds)' : '');

/** With timeoutSeconds > periodSeconds a hanging attempt sets the pace: say so, with the window probe-timeout-exceeds-period reports. */
const stretched = (p: ExplainProbe) => (p.timeoutSeconds > p.periodSeconds ? ` (${p.failureThreshold} × timeout ${secs(p.timeoutSeconds)} = ${secs(p.failureWindow)})` : '');

function probeBar(p: ExplainProbe): [Segment[], Mark[], string] {
  const every = `every ${secs(p.periodSeconds)}`;
  if (p.firstAt === null) return [[], [], 'never runs'];
  if (p.kind === 'readiness') return [[], [{ at: p.firstAt, kind: 'probe' }], `from ${secs(p.firstAt)}${gated(p)} ${every}`];
  return [
    [{ from: p.firstAt, to: p.killAt!, style: 'window' }],
    [{ at: p.firstAt, kind: 'probe' }, { at: p.killAt!, kind: 'kill' }],
    `from ${secs(p.firstAt)}${gated(p)} ${every}; kill at ${secs(p.killAt!)} after ${p.failureThreshold} failure${p.failureThreshold === 1 ? '' : 's'}${stretched(p)}`,
  ];
}

/** One line about a disruption budget, for the workload's header. */
export function budgetLine(b: ExplainBudget, file: string): string {
  const rule = b.maxUnavailable !== null ? `maxUnavailable ${b.maxUnavailable}` : b.minAvailable !== null ? `minAvailable ${b.minAvailable}` : 'no minAvailable or maxUnavailable';
  const of = b.pods === null ? '' : ` of ${b.pods} ${b.podsFrom === 'autoscaler' ? `pod${b.pods === 1 ? '' : 's'} (autoscaler minReplicas)` : `replica${b.pods === 1 ? '' : 's'}`}`;
  const allows = b.disruptionsAllowed === null ? '' : `: ${b.disruptionsAllowed === 0 ? 'no eviction allowed' : `${b.disruptionsAllowed} eviction${b.disruptionsAllowed === 1 ? '' : 's'} allowed at a time`}`;
  const where = b.line === null ? '' : b.file === file ? ` (line ${b.line})` : ` (${b.file}:${b.line})`;
  return `PodDisruptionBudget ${b.name}: ${rule}${of}${allows}${where}`;
}

/** Axis labels in the unit of the tick step: 10s, 5m, 12h, 2d. */
export function tickLabel(t: number, step: number): string {
  if (step < 60) return secs(t);
  if (step < 3600) return `${Math.round((t / 60) * 100) / 100}m`;
  if (step < 86400) return `${Math.round((t / 3600) * 100) / 100}h`;
  const days = t / 86400;
  return `${days >= 1e6 ? Number(days.toPrecision(3)) : Math.round(days * 100) / 100}d`;
}

// Scale: a time axis over `cells` units (columns, pixels) with round ticks. -------------------

const baseSteps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400];
const steps = [...baseSteps, ...[2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000, 1000000].map((k) => k * 86400)];

export interface Scale {
  /** Seconds at the last unit. */
  horizon: number;
  /** Seconds between ticks. */
  step: number;
  cells: number;
  /** The unit a time falls on ('end': the last one). */
  col(t: number | 'end'): number;
}

/**
 * The smallest round tick step whose labels fit (`labelCells(horizon)` units apart, at most 40
 * ticks); the horizon is the first tick after the span, so the last event never sits on the edge.
 */
export function scaleFor(span: number, cells: number, labelCells: (horizon: number, step: number) => number = (h, step) => tickLabel(h, step).length + 1): Scale {
  // Past 1e300 s the axis stops growing (its arithmetic would overflow to Infinity).
  const need = Number.isFinite(span) ? Math.min(Math.max(span, 1), 1e300) : 1;
  // Valid durations reach 2^63 s (int64): past the table, whole decades of days up to the span,
  // so there are never more than 40 ticks to draw.
  const candidates = [...steps];
  for (let step = 1e7 * 86400; candidates[candidates.length - 1]! < need; step *= 10) candidates.push(step);
  let chosen = candidates[candidates.length - 1]!;
  let horizon = (Math.floor(need / chosen) + 1) * chosen;
  for (const step of candidates) {
    const h = (Math.floor(need / step) + 1) * step;
    if ((cells - 1) * (step / h) >= labelCells(h, step) && h / step <= 40) {
      chosen = step;
      horizon = h;
      break;
    }
  }
  // Whole units per tick, so ticks are evenly spaced; the units left over stay unused.
  const ticks = horizon / chosen;
  const used = Math.max(2, Math.floor((cells - 1) / ticks) * ticks + 1);
  const col = (t: number | 'end') => (t === 'end' ? used - 1 : Math.max(0, Math.min(used - 1, Math.round((t * (used - 1)) / horizon))));
  return { horizon, step: chosen, cells: used, col };
}
