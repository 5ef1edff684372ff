/**
 * How long a handler certainly takes: exec commands through the shell analysis, the sleep action
 * by its seconds, the rest unknown. Evidence is mapped back to source spans, so a finding points
 * at the `sleep 20` inside a YAML string. Memoised per handler: several rules ask for the same one.
 */
import type { Scalar } from 'yaml';
import type { ContainerView, HandlerView, Span } from '../k8s/views.js';
import { spanOf } from '../k8s/extract.js';
import { scalarValueOffsetToSource } from './scalar-offset.js';
import { analyzeExec } from './shell/index.js';
import { servedByDefault } from '../k8s/features.js';

export interface EvidenceSpan {
  span: Span;
  text: string;
  kind: 'sleep' | 'unbounded' | 'timeout' | 'wait';
}

export interface HandlerDuration {
  /** Seconds that certainly elapse. */
  min: number;
  /** Upper bound, null when unbounded or unknown. */
  max: number | null;
  /** Never finishes by itself. */
  unbounded: boolean;
  unknown: boolean;
  evidence: EvidenceSpan[];
}

const cache = new WeakMap<HandlerView, HandlerDuration>();

export function handlerDuration(h: HandlerView, c: ContainerView): HandlerDuration {
  let d = cache.get(h);
  if (!d) {
    d = compute(h, c);
    cache.set(h, d);
  }
  return d;
}

const unknown: HandlerDuration = { min: 0, max: null, unbounded: false, unknown: true, evidence: [] };
const instant: HandlerDuration = { min: 0, max: 0, unbounded: false, unknown: false, evidence: [] };

function compute(h: HandlerView, c: ContainerView): HandlerDuration {
  if (h.type === 'sleep') {
    // Before the sleep action is served, the API server drops it: the hook waits for nothing.
    if (!servedByDefault('sleepAction', c.pod.workload.kubernetesVersion)) return instant;
    const s = h.seconds;
    if (!s || s.state !== 'written' || typeof s.value !== 'number') return unknown;
    return { min: s.value, max: s.value, unbounded: false, unknown: false, evidence: [{ span: s.at, text: `sleep ${s.value}s`, kind: 'sleep' }] };
  }
  if (h.type === 'exec' && h.command) {
    const source = c.pod.workload.source;
    const items = h.command.items;
    // The kubelet expands `$(NAME)` in exec probes but runs hook commands as written
    // (hook-var-not-expanded): in a hook, `sleep $(DRAIN)` gets the literal text and fails at once.
    const kubeletExpansion = !isHookHandler(h, c);
    const r = analyzeExec(h.command.value, c.env, { otherNamesUnknown: c.envFromAny, kubeletExpansion });
    return {
      min: r.minSeconds,
      max: r.maxSeconds,
      unbounded: r.unbounded,
      unknown: r.unknown,
      evidence: r.evidence.map((e) => ({ span: mapSpan(source, items[e.arg], e.offset, e.length), text: e.text, kind: e.kind })),
    };
  }
  // httpGet: the kubelet waits for the response, with no timeout we can count on; tcpSocket fails
  // at once (hook-tcpsocket); grpc is probe-only.
  return unknown;
}

const isHookHandler = (h: HandlerView, c: ContainerView): boolean => c.hooks.some((k) => k.handlers.includes(h));

/** The source span of `length` characters at `offset` in the value of an argv element's scalar. */
export function mapSpan(source: string, node: Scalar | undefined, offset: number, length: number): Span {
  if (!node) return { start: 0, end: 0 };
  const start = scalarValueOffsetToSource(source, node, offset);
  const end = scalarValueOffsetToSource(source, node, offset + length);
  const whole = spanOf(node);
  // Block-folded and other unmapped styles land on the scalar's start: report the whole scalar.
  return end > start ? { start, end } : whole;
}

/** "20s", "1.5s", "2m 30s" style rendering of seconds for messages. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return 'forever';
  const r = Math.round(s * 100) / 100;
  if (r >= 3600 && r % 60 === 0) return `${r}s (${Math.floor(r / 3600)}h${r % 3600 ? ` ${(r % 3600) / 60}m` : ''})`;
  return `${r}s`;
}
