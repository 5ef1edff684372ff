/**
 * The explain model as hover Markdown: a short table per timeline (time, what happens), limited to
 * the part under the cursor. Times are the model's minimums ("≥" where the model says a time can
 * be later). Manifest strings are shown in code spans with backticks removed, so a container name
 * cannot inject Markdown.
 */
import { hookNote, secs } from '../explain/chart.js';
import type { ExplainProbe, ExplainStartupContainer, ExplainTerminationContainer, ExplainWorkload } from '../explain/model.js';
import type { HookKind, ProbeKind } from '../k8s/views.js';

export type HoverTarget =
  | { part: 'pod' }
  | { part: 'termination' }
  | { part: HookKind; container: string }
  | { part: 'probe'; container: string; probe: ProbeKind }
  | { part: 'container'; container: string };

const code = (s: string) => `\`${s.replace(/[`\r\n]/g, ' ')}\``;

interface Row {
  at: string;
  what: string;
}

function table(rows: Row[]): string {
  return ['| at | what happens |', '|---:|---|', ...rows.map((r) => `| ${r.at} | ${r.what.replace(/\|/g, '\\|')} |`)].join('\n');
}

export function hoverMarkdown(w: ExplainWorkload, target: HoverTarget): string {
  const title = `**${w.kind} ${code(w.name)}**`;
  switch (target.part) {
    case 'pod':
      return [title, startupSection(w), terminationSection(w)].join('\n\n');
    case 'termination':
      return [title, terminationSection(w)].join('\n\n');
    case 'preStop':
      return [title, terminationSection(w, target.container)].join('\n\n');
    case 'postStart':
      return [title, startupSection(w, target.container)].join('\n\n');
    case 'probe':
      return [title, probeSection(w, target.container, target.probe)].join('\n\n');
    case 'container':
      return [title, startupSection(w, target.container), terminationSection(w, target.container)].join('\n\n');
  }
}

function graceLine(w: ExplainWorkload): string {
  const g = w.gracePeriod;
  return `grace period ${secs(g.seconds)}${g.defaulted ? ' (default)' : g.line !== null ? ` (line ${g.line})` : ''}`;
}

/** Termination from the deletion request: preStop hooks, SIGTERM and SIGKILL per container. */
function terminationSection(w: ExplainWorkload, only?: string): string {
  const t = w.termination;
  const rows: (Row & { t: number })[] = [{ t: 0, at: secs(0), what: `deletion requested: ${graceLine(w)} starts${t.containers.some((c) => c.preStop) ? ', preStop hooks start' : ''}` }];
  const hasApps = t.containers.some((c) => c.role === 'app');
  for (const c of t.containers) {
    if (only !== undefined && c.name !== only) continue;
    rows.push(...terminationRows(w, c, hasApps));
  }
  rows.sort((a, b) => a.t - b.t);
  const where = only !== undefined ? ` of ${code(only)}` : '';
  return `*Termination${where}* — ${graceLine(w)}, at least ${secs(t.minimumGracePeriodSeconds)} between SIGTERM and SIGKILL\n\n${table(rows)}`;
}

function terminationRows(w: ExplainWorkload, c: ExplainTerminationContainer, hasApps: boolean): (Row & { t: number })[] {
  const G = w.termination.gracePeriodSeconds;
  const rows: (Row & { t: number })[] = [];
  const h = c.preStop;
  let uncertain = false;
  if (h) {
    uncertain = h.bound === 'range' || h.bound === 'at-least' || h.bound === 'unknown';
    const cut = c.preStopCut ? `, **cut by the grace period at ${secs(G)}**` : '';
    rows.push({ t: c.preStopUntil, at: secs(c.preStopUntil), what: `${code(c.name)}: preStop (${h.handler ?? 'no handler'}) ends: ${hookNote(h)}${cut}` });
  }
  const afterApps = c.role === 'sidecar' && hasApps;
  const q = uncertain || afterApps ? '≥ ' : '';
  rows.push({ t: c.sigtermAt, at: `${q}${secs(c.sigtermAt)}`, what: `${code(c.name)}: **SIGTERM**${afterApps ? ' (a sidecar: after the app containers exit)' : ''}` });
  rows.push({ t: c.sigkillAt, at: `${q}${secs(c.sigkillAt)}`, what: `${code(c.name)}: **SIGKILL** if still running (${secs(c.shutdownWindow)} after SIGTERM to shut down)` });
  return rows;
}

/** Startup from the pod's start: creation, postStart, probes, ready. */
function startupSection(w: ExplainWorkload, only?: string): string {
  const rows: (Row & { t: number })[] = [];
  const never = Number.POSITIVE_INFINITY;
  for (const c of w.startup.containers) {
    if (only !== undefined && c.name !== only) continue;
    rows.push(...startupRows(c, never));
  }
  if (only === undefined) {
    const er = w.startup.earliestReady;
    rows.push({ t: er ?? never, at: er === null ? 'never' : `≥ ${secs(er)}`, what: `pod ready${w.startup.lastReady !== null ? ` (last: ${code(w.startup.lastReady)})` : ''}` });
  }
  rows.sort((a, b) => a.t - b.t);
  const where = only !== undefined ? ` of ${code(only)}` : '';
  return `*Startup${where}* — times from the pod's start, at the earliest\n\n${table(rows)}`;
}

function startupRows(c: ExplainStartupContainer, never: number): (Row & { t: number })[] {
  const name = code(c.name);
  if (c.blocked) return [{ t: never, at: 'never', what: `${name} is never created: an earlier container never gets past its postStart hook` }];
  const rows: (Row & { t: number })[] = [{ t: c.startAt, at: secs(c.startAt), what: `${name} (${c.role}) is created${c.postStart ? `; postStart runs: ${hookNote(c.postStart)}` : ''}` }];
  if (c.postStart) {
    rows.push({ t: c.runningAt ?? never, at: c.runningAt === null ? 'never' : secs(c.runningAt), what: `${name} is Running (postStart done${c.runningAt === null ? ': it never is' : ''})` });
  }
  for (const p of c.probes) rows.push(...probeRows(c.name, p, never));
  if (c.role !== 'init') {
    const what = c.role === 'sidecar' ? 'started' : 'ready';
    const because = c.readyBecause && c.readyBecause.seconds > 0 ? ` (${c.readyBecause.what})` : '';
    rows.push({ t: c.readyAt ?? never, at: c.readyAt === null ? 'never' : `≥ ${secs(c.readyAt)}`, what: `${name} ${what}${because}` });
  }
  return rows;
}

function probeRows(container: string, p: ExplainProbe, never: number): (Row & { t: number })[] {
  const rows: (Row & { t: number })[] = [
    {
      t: p.firstAt ?? never,
      at: p.firstAt === null ? 'never' : secs(p.firstAt),
      what: `${code(container)}: first ${p.kind} probe (${p.handler ?? 'no handler'}; every ${secs(p.periodSeconds)}, timeout ${secs(p.timeoutSeconds)})`,
    },
  ];
  if (p.killAt !== null) rows.push({ t: p.killAt, at: secs(p.killAt), what: `${code(container)}: restarted if the ${p.kind} probe fails from its first try (${p.failureThreshold} × ${secs(p.periodSeconds)} = ${secs(p.failureWindow)})` });
  return rows;
}

function probeSection(w: ExplainWorkload, container: string, kind: ProbeKind): string {
  const c = w.startup.containers.find((x) => x.name === container);
  const p = c?.probes.find((x) => x.kind === kind);
  if (!c || !p) return `*${kind} probe of ${code(container)}*: not on the startup timeline (init containers are not probed).`;
  const rows = probeRows(container, p, Number.POSITIVE_INFINITY);
  const settings = `initialDelaySeconds ${p.initialDelaySeconds}, periodSeconds ${p.periodSeconds}, timeoutSeconds ${p.timeoutSeconds}, successThreshold ${p.successThreshold}, failureThreshold ${p.failureThreshold}`;
  return `*${kind} probe of ${code(container)}* — ${settings}\n\n${table(rows)}`;
}
