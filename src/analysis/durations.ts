/**
 * How long a handler certainly takes: exec commands through the shell analysis, the sleep action
 * by its seconds, the rest unknown. Evidence is mapped back to source spans, so a finding points
 * at the `sleep 20` inside a YAML string. Memoised per handler: several rules ask for the same one.
 */
import type { Scalar } from 'yaml';
import type { CommandView, ContainerView, HandlerView, Span } from '../k8s/views.js';
import { spanOf } from '../k8s/extract.js';
import { scalarValueOffsetToSource } from './scalar-offset.js';
import { analyzeExec, type Evidence } from './shell/index.js';
import { servedByDefault } from '../k8s/features.js';

export interface EvidenceSpan {
  span: Span;
  text: string;
  kind: 'sleep' | 'unbounded' | 'timeout' | 'wait';
  /**
   * A sleep's duration operand in the file (`40` of `sleep 40`, a sleep action's seconds) when
   * written as a plain literal; for an exec command also where it sits in the argv.
   */
  duration?: { span: Span; seconds: number; argv?: { arg: number; offset: number; length: number } };
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
    return { min: s.value, max: s.value, unbounded: false, unknown: false, evidence: [{ span: s.at, text: `sleep ${s.value}s`, kind: 'sleep', duration: { span: s.at, seconds: s.value } }] };
  }
  if (h.type === 'exec' && h.command) {
    const source = c.pod.workload.source;
    const command = h.command;
    // The kubelet expands `$(NAME)` in exec probes but runs hook commands as written
    // (hook-var-not-expanded): in a hook, `sleep $(DRAIN)` gets the literal text and fails at once.
    const kubeletExpansion = !isHookHandler(h, c);
    const r = analyzeExec(command.value, c.env, { otherNamesUnknown: c.envFromAny, kubeletExpansion });
    return {
      min: r.minSeconds,
      max: r.maxSeconds,
      unbounded: r.unbounded,
      unknown: r.unknown,
      evidence: r.evidence.map((e) => ({ span: mapSpan(source, command.items[e.arg], e.offset, e.length), text: e.text, kind: e.kind, ...durationSpan(source, command, e) })),
    };
  }
  // httpGet: the kubelet waits for the response, with no timeout we can count on; tcpSocket fails
  // at once (hook-tcpsocket); grpc is probe-only.
  return unknown;
}

/**
 * The file span of a sleep's duration operand. Only where the file holds exactly the operand's
 * text: a folded or escaped scalar maps to the whole scalar, which an edit must not replace.
 */
function durationSpan(source: string, command: CommandView, e: Evidence): Pick<EvidenceSpan, 'duration'> {
  const d = e.duration;
  if (!d || d.arg >= command.items.length) return {};
  const span = command.spanIn(d.arg, d.offset, d.length);
  const written = command.value[d.arg]!.slice(d.offset, d.offset + d.length);
  return source.slice(span.start, span.end) === written ? { duration: { span, seconds: d.seconds, argv: { arg: d.arg, offset: d.offset, length: d.length } } } : {};
}

/**
 * The minimum of an exec handler with one sleep's duration operand rewritten to `text`: whether
 * shortening that sleep shortens the command as much (nothing else as long runs beside it).
 */
export function minWithDuration(h: HandlerView, c: ContainerView, argv: { arg: number; offset: number; length: number }, text: string): number | undefined {
  if (h.type !== 'exec' || !h.command) return undefined;
  const command = h.command.value.map((a, i) => (i === argv.arg ? a.slice(0, argv.offset) + text + a.slice(argv.offset + argv.length) : a));
  const r = analyzeExec(command, c.env, { otherNamesUnknown: c.envFromAny, kubeletExpansion: !isHookHandler(h, c) });
  return r.unbounded ? undefined : r.minSeconds;
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
