/**
 * The explain model: what `kube-lifelint explain` draws, as plain data. It is built from the
 * timeline (`podTimeline`) and the findings of the enabled rules; nothing here computes timing.
 * `--format json` prints an `ExplainReport`; the text and HTML renderers read nothing else.
 *
 * Conventions: times are seconds (numbers) counted from the pod's start (startup) or from the
 * deletion request (termination). They are minimums, what certainly elapses: an unknown duration
 * counts as 0 and is flagged as unknown, never replaced by a guess. `null` means "never" (a
 * container blocked behind a hook that never ends is never Running, never ready). Lines and
 * columns are 1-based. Strings are as written in the manifest (JSON escapes them; renderers
 * escape them for their medium).
 */
import type { LineIndex } from '../engine/line-index.js';
import { podTimeline, type ContainerStartup, type ContainerTermination, type ProbeWindow } from '../analysis/timeline.js';
import type { HandlerDuration } from '../analysis/durations.js';
import { defaults } from '../k8s/defaults.js';
import type { ContainerRole, ContainerView, HookView, HandlerType, ProbeKind, Span, Workload } from '../k8s/views.js';
import type { LintMessage } from '../types.js';
import { budgetsOf, loadBalancersOf, outsideRanges, proxyDrainsOf, spotNoticeOf, type ExplainContext } from './cross-objects.js';

export const explainSchemaVersion = 1;

/** The whole `--format json` document. */
export interface ExplainReport {
  schemaVersion: 1;
  /** Every workload drawn, in file order then document order. */
  workloads: ExplainWorkload[];
  /** Paths that could not be used, files that could not be read, documents that could not be parsed. */
  problems: ExplainProblem[];
}

export interface ExplainProblem {
  /** path: not found / not usable · read: could not be read · content: binary, not UTF-8, YAML error. */
  kind: 'path' | 'read' | 'content';
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

export interface ExplainWorkload {
  /** The file, relative to the working directory, `/`-separated. */
  file: string;
  /** Position of the object's `kind:` value. */
  line: number;
  column: number;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string | null;
  /** 0-based index of the YAML document in the file. */
  documentIndex: number;
  /** `# Source:` of `helm template` output, when present. */
  sourcePath: string | null;
  gracePeriod: { seconds: number; defaulted: boolean; line: number | null };
  startup: ExplainStartup;
  termination: ExplainTermination;
  /** PodDisruptionBudgets that select this workload's pods (as pdb-blocks-eviction pairs them). */
  disruptionBudgets: ExplainBudget[];
  /** Findings of the enabled rules inside this object, by position; `ref` numbers them from 1. */
  findings: ExplainFinding[];
}

export interface ExplainStartup {
  /** Earliest moment every app container and sidecar can be ready; null: never. */
  earliestReady: number | null;
  /** The container whose readiness comes last (or that is never ready). */
  lastReady: string | null;
  /** In start order: init containers and sidecars, then app containers. */
  containers: ExplainStartupContainer[];
}

export interface ExplainStartupContainer {
  name: string;
  role: ContainerRole;
  /** Line of the container's `- name:`. */
  line: number;
  /** Earliest moment the container is created. */
  startAt: number;
  /** Earliest moment it is Running (postStart finished); null: never. */
  runningAt: number | null;
  /** Never created: an earlier container never gets past its postStart hook. */
  blocked: boolean;
  /** Earliest moment it can be ready (sidecars: started); null: never. Init containers: when the next one may start. */
  readyAt: number | null;
  /** The largest term behind readyAt. */
  readyBecause: { what: string; seconds: number; line: number } | null;
  postStart: ExplainHook | null;
  /** startup, liveness, readiness (those present, in that order). */
  probes: ExplainProbe[];
}

export interface ExplainProbe {
  kind: ProbeKind;
  /** Line of the `livenessProbe:` (…) key. */
  line: number;
  handler: HandlerType | null;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  /** Earliest first attempt; null: never runs. */
  firstAt: number | null;
  /** failureThreshold × the longer of periodSeconds and timeoutSeconds (as probe-timeout-exceeds-period counts). */
  failureWindow: number;
  /** Liveness or readiness of a container with a startup probe: runs only once the startup probe succeeds. */
  afterStartup: boolean;
  /** liveness/startup: when a probe failing from its first attempt gets the container killed; readiness: null. */
  killAt: number | null;
}

/**
 * exact: min = max · range: min..max · at-least: min, no known upper bound · never-ends: never
 * finishes by itself (min and max null) · unknown: nothing certain (min 0, max null).
 */
export type DurationBound = 'exact' | 'range' | 'at-least' | 'never-ends' | 'unknown';

export interface ExplainHook {
  handler: HandlerType | null;
  /** Line of the `postStart:` / `preStop:` key. */
  line: number;
  bound: DurationBound;
  min: number | null;
  max: number | null;
  /** The constructs that make it take this long (`sleep 20`, `tail -f`), with positions. */
  evidence: { text: string; kind: string; line: number; column: number }[];
}

export interface ExplainTermination {
  gracePeriodSeconds: number;
  /** The kubelet's minimum window between SIGTERM and SIGKILL once preStop has used the budget. */
  minimumGracePeriodSeconds: number;
  hasSidecars: boolean;
  /** App containers first, then sidecars in the order they stop (reverse spec order). */
  containers: ExplainTerminationContainer[];
  /** Service-mesh proxy drains the pod's annotations ask for (Istio, Linkerd), from the deletion request. */
  proxyDrains: ExplainProxyDrain[];
  /** Spot or preemptible nodes the pod is placed on: the node is gone this long after the platform's notice. */
  spotNotice: ExplainSpotNotice | null;
  /** Load balancers whose targets are these pods: how long each keeps draining a deregistered pod. */
  loadBalancers: ExplainLoadBalancer[];
}

export interface ExplainProxyDrain {
  mesh: 'istio' | 'linkerd';
  /** terminationDrainDuration · proxy-wait-before-exit-seconds */
  setting: string;
  seconds: number;
  /** The value as written ("45s"). */
  text: string;
  line: number;
  column: number;
  /** Istio EXIT_ON_ZERO_ACTIVE_CONNECTIONS: the proxy may exit before the duration, once connections reach zero. */
  exitOnZeroConnections: boolean;
}

export interface ExplainSpotNotice {
  /** The profile's name (gke-spot, eks-spot, ...) and title ("GKE Spot VMs"). */
  platform: string;
  title: string;
  /** Seconds from the notice until the node goes away, at most (the longest of the platforms the placement may mean). */
  seconds: number;
  /** Line of the placement signal (node selector, affinity, toleration). */
  line: number;
}

export interface ExplainLoadBalancer {
  /** alb: AWS Load Balancer Controller Ingress · nlb: its Service of type LoadBalancer · gke: a BackendConfig's connection draining. */
  kind: 'alb' | 'nlb' | 'gke';
  /** The object that asks for it: Ingress, Service or BackendConfig, and its name. */
  via: { kind: string; name: string; file: string; line: number | null };
  /** The Service that selects the pods. */
  service: string;
  /** deregistration_delay.timeout_seconds (default 300) or drainingTimeoutSec: in-flight requests are cut at this time at the latest. */
  seconds: number;
  defaulted: boolean;
}

export interface ExplainBudget {
  name: string;
  file: string;
  /** Line of its minAvailable / maxUnavailable value; null when neither is readable. */
  line: number | null;
  minAvailable: number | string | null;
  maxUnavailable: number | string | null;
  /** The pods the budget counts: the workload's replicas, or its autoscaler's minReplicas; null when not a replica count. */
  pods: number | null;
  podsFrom: 'replicas' | 'autoscaler' | null;
  /** Evictions allowed with every pod healthy, as the disruption controller computes them; null when pods is null. */
  disruptionsAllowed: number | null;
}

export interface ExplainTerminationContainer {
  name: string;
  role: ContainerRole;
  line: number;
  preStop: ExplainHook | null;
  /** When the preStop hook certainly stops (its minimum, or the grace period when cut); 0 without one. */
  preStopUntil: number;
  /** The grace period cuts the hook. */
  preStopCut: boolean;
  sigtermAt: number;
  sigkillAt: number;
  /** sigkillAt − sigtermAt. */
  shutdownWindow: number;
}

export type FindingPhase = 'postStart' | 'preStop' | 'startupProbe' | 'livenessProbe' | 'readinessProbe' | 'gracePeriod' | 'proxyDrain' | 'spotNotice' | 'container' | 'pod';

export interface ExplainFinding {
  ref: number;
  ruleId: string | null;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
  related: { message: string; line: number; column: number }[];
  /** Where on the timeline it happens: a container (by name) and a phase, or the pod as a whole. */
  container: string | null;
  phase: FindingPhase;
}

// ---------------------------------------------------------------------------------------------

export interface ModelInput {
  /** The display path of the file. */
  file: string;
  workload: Workload;
  lineCounter: LineIndex;
  /** All findings of the file (they are matched to the workload by position). */
  messages: readonly LintMessage[];
  /** Other pod templates of the same object (ECK node sets, Kubeflow roles): their findings are theirs. */
  siblings?: readonly Workload[];
  /** The budgets, autoscalers and load balancers of the run that concern the workload. */
  context?: ExplainContext;
}

export function buildWorkload(input: ModelInput): ExplainWorkload {
  const { workload: w, lineCounter: lc } = input;
  const pos = (offset: number) => lc.linePos(offset);
  const lineOf = (span: Span) => pos(span.start).line;
  const t = podTimeline(w.pod);
  const grace = t.termination.grace;
  const kindPos = pos(w.kindAt.start);

  const hook = (h: { hook: HookView; duration: HandlerDuration } | undefined): ExplainHook | null => {
    if (!h) return null;
    const d = h.duration;
    return {
      handler: h.hook.handler?.type ?? null,
      line: lineOf(h.hook.keyAt),
      ...bound(d),
      evidence: d.evidence.map((e) => ({ text: e.text, kind: e.kind, line: pos(e.span.start).line, column: pos(e.span.start).col })),
    };
  };
  const probe = (p: ProbeWindow): ExplainProbe => ({
    kind: p.kind,
    line: lineOf(p.probe.keyAt),
    handler: p.probe.handler?.type ?? null,
    initialDelaySeconds: p.probe.initialDelaySeconds.value,
    periodSeconds: p.probe.periodSeconds.value,
    timeoutSeconds: p.probe.timeoutSeconds.value,
    successThreshold: p.probe.successThreshold.value,
    failureThreshold: p.probe.failureThreshold.value,
    firstAt: p.firstAt,
    failureWindow: p.failureWindow,
    afterStartup: p.kind !== 'startup' && p.probe.container.probes.some((q) => q.kind === 'startup'),
    killAt: p.killAt,
  });
  const startupContainer = (e: ContainerStartup): ExplainStartupContainer => ({
    name: e.container.name.value,
    role: e.container.role,
    line: lineOf(e.container.at),
    startAt: e.startAt,
    runningAt: e.runningAt,
    blocked: e.runningAt === null && !e.postStart?.duration.unbounded,
    readyAt: e.readyAt,
    readyBecause: e.readyBecause ? { what: e.readyBecause.what, seconds: e.readyBecause.seconds, line: lineOf(e.readyBecause.at) } : null,
    postStart: hook(e.postStart),
    probes: e.probes.map(probe),
  });
  const terminationContainer = (e: ContainerTermination): ExplainTerminationContainer => ({
    name: e.container.name.value,
    role: e.container.role,
    line: lineOf(e.container.at),
    preStop: hook(e.preStop),
    preStopUntil: e.preStopUntil,
    preStopCut: e.preStopCut,
    sigtermAt: e.sigtermAt,
    sigkillAt: e.sigkillAt,
    shutdownWindow: e.shutdownWindow,
  });

  return {
    file: input.file,
    line: kindPos.line,
    column: kindPos.col,
    kind: w.kind,
    apiVersion: w.apiVersion,
    name: w.name,
    namespace: w.namespace ?? null,
    documentIndex: w.docIndex,
    sourcePath: w.sourcePath ?? null,
    gracePeriod: { seconds: grace.value, defaulted: grace.state !== 'written', line: grace.state !== 'written' && !grace.node ? null : lineOf(grace.at) },
    startup: {
      earliestReady: t.startup.earliestReady,
      lastReady: t.startup.last?.container.name.value ?? null,
      containers: t.startup.containers.map(startupContainer),
    },
    termination: {
      gracePeriodSeconds: grace.value,
      minimumGracePeriodSeconds: defaults.minimumGracePeriodSeconds,
      hasSidecars: t.termination.hasSidecars,
      containers: t.termination.containers.map(terminationContainer),
      proxyDrains: proxyDrainsOf(w, lc),
      spotNotice: spotNoticeOf(w, lc),
      loadBalancers: loadBalancersOf(input.context),
    },
    disruptionBudgets: budgetsOf(w, input.context),
    findings: findingsOf(w, lc, input.messages, input.siblings ?? []),
  };
}

function bound(d: HandlerDuration): { bound: DurationBound; min: number | null; max: number | null } {
  if (d.unbounded) return { bound: 'never-ends', min: null, max: null };
  if (d.max === null) return d.min > 0 ? { bound: 'at-least', min: d.min, max: null } : { bound: 'unknown', min: 0, max: null };
  if (d.unknown && d.min === 0) return { bound: 'unknown', min: 0, max: null };
  return { bound: d.max === d.min ? 'exact' : 'range', min: d.min, max: d.max };
}

// ---------------------------------------------------------------------------------------------
// Findings → places on the timeline, by position.

const range = (start: number | undefined, end: number | undefined): [number, number] | null =>
  start === undefined || end === undefined ? null : [start, end];
const inside = (offset: number, r: [number, number] | null) => r !== null && offset >= r[0] && offset < r[1];

function nodeRange(n: { range?: [number, number, number] | null } | null | undefined): [number, number] | null {
  return n?.range ? [n.range[0], n.range[1]] : null;
}

/** From a key to the end of its value. */
function keyedRange(key: { range?: [number, number, number] | null }, value: { range?: [number, number, number] | null } | null): [number, number] | null {
  return range(key.range?.[0], value?.range?.[1] ?? key.range?.[1]);
}

const probePhase: Record<ProbeKind, FindingPhase> = { startup: 'startupProbe', liveness: 'livenessProbe', readiness: 'readinessProbe' };

function placeIn(c: ContainerView, offset: number): FindingPhase | null {
  for (const h of c.hooks) if (inside(offset, keyedRange(h.key, h.node))) return h.kind;
  for (const p of c.probes) if (inside(offset, keyedRange(p.key, p.node))) return probePhase[p.kind];
  const whole = nodeRange(c.node);
  if (inside(offset, whole) || inside(offset, [c.at.start, c.at.end])) return 'container';
  return null;
}

function findingsOf(w: Workload, lc: LineIndex, messages: readonly LintMessage[], siblings: readonly Workload[]): ExplainFinding[] {
  const objectRange = nodeRange(w.node);
  const siblingRanges = siblings.map((s) => nodeRange(s.pod.node));
  const grace = w.pod.terminationGracePeriodSeconds;
  const graceRange = grace.keyNode ? keyedRange(grace.keyNode, grace.node) : null;
  const outside = outsideRanges(w);
  const out: ExplainFinding[] = [];
  for (const m of messages) {
    const offset = offsetOf(lc, m.line, m.column);
    if (!inside(offset, objectRange) || siblingRanges.some((r) => inside(offset, r))) continue;
    let container: string | null = null;
    let phase: FindingPhase = 'pod';
    const beside = outside.find((o) => inside(offset, o.range));
    if (inside(offset, graceRange)) phase = 'gracePeriod';
    else if (beside) phase = beside.phase;
    else {
      for (const c of w.pod.containers) {
        const p = placeIn(c, offset);
        if (p) {
          container = c.name.value;
          phase = p;
          break;
        }
      }
    }
    out.push({
      ref: out.length + 1,
      ruleId: m.ruleId,
      severity: m.severity === 2 || m.fatal ? 'error' : 'warning',
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine ?? null,
      endColumn: m.endColumn ?? null,
      related: (m.related ?? []).map((r) => ({ message: r.message, line: r.line, column: r.column })),
      container,
      phase,
    });
  }
  return out;
}

/** 1-based line and column → offset into the text the line index was built for. */
function offsetOf(lc: LineIndex, line: number, column: number): number {
  return lc.offsetAt(line, column) ?? -1;
}

// ---------------------------------------------------------------------------------------------
// Filters (--workload, --container).

/** `--workload`: the object's name, or `Kind/name` (kind case-insensitive). */
export function matchesWorkload(w: ExplainWorkload, wanted: string): boolean {
  const slash = wanted.indexOf('/');
  if (slash === -1) return w.name === wanted;
  return w.kind.toLowerCase() === wanted.slice(0, slash).toLowerCase() && w.name === wanted.slice(slash + 1);
}

/** `--container`: keep only that container's rows and findings (pod-level findings stay). Null when it has no such container. */
export function onlyContainer(w: ExplainWorkload, name: string): ExplainWorkload | null {
  if (!w.startup.containers.some((c) => c.name === name) && !w.termination.containers.some((c) => c.name === name)) return null;
  const findings = w.findings.filter((f) => f.container === null || f.container === name);
  return {
    ...w,
    startup: { ...w.startup, containers: w.startup.containers.filter((c) => c.name === name) },
    termination: { ...w.termination, containers: w.termination.containers.filter((c) => c.name === name) },
    findings,
  };
}
