/**
 * Per pod template: the startup sequence and the termination budget, as the kubelet runs them
 * (reference/lifecycle-facts.md B, C, E). Times are seconds; "min" values are what certainly
 * elapses, so an unknown duration counts as 0 and never produces a finding. Rules read this;
 * `explain` draws it.
 */
import { defaults } from '../k8s/defaults.js';
import type { ContainerView, Field, HookView, PodView, ProbeKind, ProbeView, Span } from '../k8s/views.js';
import { handlerDuration, type HandlerDuration } from './durations.js';

export interface StartupReason {
  what: 'postStart' | 'readiness initialDelaySeconds' | 'readiness successThreshold' | 'startupProbe initialDelaySeconds' | 'earlier containers';
  seconds: number;
  at: Span;
}

export interface ContainerStartup {
  container: ContainerView;
  /** Earliest moment the container is created (its start), from the pod's start. */
  startAt: number;
  postStart?: { hook: HookView; duration: HandlerDuration };
  /** Earliest moment the container is Running (postStart finished); null when it never is. */
  runningAt: number | null;
  /** Earliest moment it can be Ready / started (sidecars); null when never. */
  readyAt: number | null;
  /** What makes readyAt as late as it is (the largest term). */
  readyBecause?: StartupReason;
  /** Seconds from start after which a failing liveness (or startup) probe kills the container. */
  livenessKillAfter?: number;
  startupKillAfter?: number;
  /** When each probe can first run and how long it may fail (startup, liveness, readiness order). */
  probes: ProbeWindow[];
}

/**
 * One probe's window, from the pod's start. Probes only run on a Running container (after
 * postStart), `initialDelaySeconds` counts from the container's start, and liveness/readiness wait
 * for the startup probe's first possible success (reference/lifecycle-facts.md C, D).
 */
export interface ProbeWindow {
  kind: ProbeKind;
  probe: ProbeView;
  /** Earliest first attempt; null when the container never runs (or its startup probe never does). */
  firstAt: number | null;
  /** failureThreshold × max(periodSeconds, timeoutSeconds): how long the probe can keep failing before the kubelet acts. */
  failureWindow: number;
  /** Liveness and startup: when a probe failing from its first attempt gets the container killed (firstAt + failureWindow). Null for readiness or when never probed. */
  killAt: number | null;
}

export interface StartupTimeline {
  containers: ContainerStartup[];
  /** Earliest moment every app container and sidecar can be ready; null when never. */
  earliestReady: number | null;
  /** The container whose readiness comes last. */
  last?: ContainerStartup;
}

export interface ContainerTermination {
  container: ContainerView;
  preStop?: { hook: HookView; duration: HandlerDuration };
  /** Earliest SIGTERM (after the preStop hook, or when the grace period cuts it). */
  sigtermAt: number;
  /** When SIGKILL lands if the process is still running. */
  sigkillAt: number;
  /** preStop certainly runs until the grace period cuts it. */
  preStopCut: boolean;
  /** Seconds between SIGTERM and SIGKILL in the best case. */
  shutdownWindow: number;
  /** When the preStop hook certainly stops: its minimum, or the grace period when it is cut; 0 without one. */
  preStopUntil: number;
}

export interface TerminationTimeline {
  grace: Field<number>;
  containers: ContainerTermination[];
  /** Sidecars stop after the last app container, in reverse order, within the same budget. */
  hasSidecars: boolean;
}

export interface PodTimeline {
  startup: StartupTimeline;
  termination: TerminationTimeline;
}

const cache = new WeakMap<PodView, PodTimeline>();

export function podTimeline(pod: PodView): PodTimeline {
  let t = cache.get(pod);
  if (!t) {
    t = { startup: startup(pod), termination: termination(pod) };
    cache.set(pod, t);
  }
  return t;
}

const hookOf = (c: ContainerView, kind: 'postStart' | 'preStop') => {
  const hook = c.hooks.find((h) => h.kind === kind);
  return hook?.handler ? { hook, duration: handlerDuration(hook.handler, c) } : undefined;
};
const probeOf = (c: ContainerView, kind: ProbeView['kind']) => c.probes.find((p) => p.kind === kind && !p.empty);

function startup(pod: PodView): StartupTimeline {
  const out: ContainerStartup[] = [];
  let t = 0;
  let blocked = false;
  for (const c of pod.containers) {
    if (c.role === 'ephemeral') continue;
    const postStart = hookOf(c, 'postStart');
    const ps = postStart?.duration;
    const startAt = t;
    const runningAt = blocked || ps?.unbounded ? null : startAt + (ps?.min ?? 0);
    const startupProbe = probeOf(c, 'startup');
    const readiness = probeOf(c, 'readiness');
    const liveness = probeOf(c, 'liveness');
    const terms: StartupReason[] = [];
    if (ps && ps.min > 0) terms.push({ what: 'postStart', seconds: ps.min, at: ps.evidence[0]?.span ?? postStart.hook.keyAt });
    if (startupProbe) terms.push({ what: 'startupProbe initialDelaySeconds', seconds: startupProbe.initialDelaySeconds.value, at: startupProbe.initialDelaySeconds.at });
    if (readiness && c.role !== 'init') {
      terms.push({ what: 'readiness initialDelaySeconds', seconds: readiness.initialDelaySeconds.value, at: readiness.initialDelaySeconds.at });
      // successThreshold N: N successes a period apart, the first once the delay and postStart are over.
      const more = (readiness.successThreshold.value - 1) * readiness.periodSeconds.value;
      if (more > 0) terms.push({ what: 'readiness successThreshold', seconds: Math.max(readiness.initialDelaySeconds.value, ps?.min ?? 0) + more, at: readiness.successThreshold.at });
    }
    const readyBecause = terms.reduce<StartupReason | undefined>((a, b) => (!a || b.seconds > a.seconds ? b : a), undefined);
    const readyAt = runningAt === null ? null : startAt + Math.max(0, ...terms.map((x) => x.seconds));
    const entry: ContainerStartup = { container: c, startAt, runningAt, readyAt, ...(postStart ? { postStart } : {}), ...(readyBecause ? { readyBecause } : {}), probes: [] };
    if (liveness) entry.livenessKillAfter = liveness.initialDelaySeconds.value + liveness.failureThreshold.value * liveness.periodSeconds.value;
    if (startupProbe) entry.startupKillAfter = startupProbe.initialDelaySeconds.value + startupProbe.failureThreshold.value * startupProbe.periodSeconds.value;
    if (c.role !== 'init') entry.probes = probeWindows(startAt, runningAt, startupProbe, liveness, readiness);
    out.push(entry);
    if (runningAt === null) {
      blocked = true;
      continue;
    }
    // Init containers and sidecars gate the next one (sidecars once started); app containers are
    // started one after another, each postStart holding the next.
    // A sidecar counts as started once running and, with a startupProbe, once that can succeed;
    // its readiness does not hold the next container.
    if (c.role === 'sidecar') t = runningAt + (startupProbe ? Math.max(0, startupProbe.initialDelaySeconds.value - (ps?.min ?? 0)) : 0);
    else t = runningAt;
  }
  const serving = out.filter((e) => e.container.role === 'app' || e.container.role === 'sidecar');
  let earliestReady: number | null = 0;
  let last: ContainerStartup | undefined;
  for (const e of serving) {
    if (e.readyAt === null) {
      earliestReady = null;
      last = e;
      break;
    }
    if (earliestReady !== null && e.readyAt >= earliestReady) {
      earliestReady = e.readyAt;
      last = e;
    }
  }
  return { containers: out, earliestReady, ...(last ? { last } : {}) };
}

function probeWindows(startAt: number, runningAt: number | null, ...probes: (ProbeView | undefined)[]): ProbeWindow[] {
  const out: ProbeWindow[] = [];
  let startedAt: number | null = runningAt;
  for (const p of probes) {
    if (!p) continue;
    const gate = p.kind === 'startup' ? runningAt : startedAt;
    const firstAt = gate === null ? null : Math.max(gate, startAt + p.initialDelaySeconds.value);
    // An attempt that hangs lasts timeoutSeconds, so attempts come every max(period, timeout): the
    // same window probe-timeout-exceeds-period reports (failureThreshold × timeoutSeconds).
    const failureWindow = p.failureThreshold.value * Math.max(p.periodSeconds.value, p.timeoutSeconds.value);
    const killAt = p.kind === 'readiness' || firstAt === null ? null : firstAt + failureWindow;
    // The startup probe can succeed at its first attempt; until then the other probes are off.
    if (p.kind === 'startup') startedAt = firstAt;
    out.push({ kind: p.kind, probe: p, firstAt, failureWindow, killAt });
  }
  return out;
}

function termination(pod: PodView): TerminationTimeline {
  const grace = pod.terminationGracePeriodSeconds;
  const G = grace.value;
  const floor = defaults.minimumGracePeriodSeconds;
  const containers: ContainerTermination[] = [];
  let lastAppTerm = 0;
  const running = pod.containers.filter((c) => c.role === 'app' || c.role === 'sidecar');
  for (const c of running.filter((x) => x.role === 'app')) {
    const preStop = G > 0 ? hookOf(c, 'preStop') : undefined;
    const entry = terminationOf(c, preStop, G, floor, 0);
    lastAppTerm = Math.max(lastAppTerm, entry.sigtermAt);
    containers.push(entry);
  }
  // Sidecars: their preStop hooks start with the app's, but TERM waits for the app containers.
  for (const c of running.filter((x) => x.role === 'sidecar').reverse()) {
    const preStop = G > 0 ? hookOf(c, 'preStop') : undefined;
    containers.push(terminationOf(c, preStop, G, floor, lastAppTerm));
  }
  return { grace, containers, hasSidecars: running.some((c) => c.role === 'sidecar') };
}

function terminationOf(c: ContainerView, preStop: ContainerTermination['preStop'], G: number, floor: number, notBefore: number): ContainerTermination {
  const d = preStop?.duration;
  const preStopCut = !!d && (d.unbounded || d.min >= G);
  const sigtermAt = Math.min(G, Math.max(notBefore, d?.unbounded ? G : d?.min ?? 0));
  // The kubelet subtracts the preStop time from the grace period, then floors what is left at 2 s.
  const sigkillAt = Math.max(G, sigtermAt + floor);
  const preStopUntil = d ? Math.min(G, d.unbounded ? G : d.min) : 0;
  return { container: c, ...(preStop ? { preStop } : {}), sigtermAt, sigkillAt, preStopCut, shutdownWindow: sigkillAt - sigtermAt, preStopUntil };
}
