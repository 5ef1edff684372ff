/** The starting point shared by the preStop timing rules. */
import { graceFacts } from '../k8s/describe.js';
import { servedByDefault } from '../k8s/features.js';
import type { HandlerView, HookView, PodView, Span } from '../k8s/views.js';
import type { Edit, EditBuilder, SuggestionDescriptor, YamlValue } from '../rule-api.js';
import { formatSeconds } from './durations.js';
import { handlerDuration, minWithDuration, type HandlerDuration } from './durations.js';

export type PreStopFacts = ReturnType<typeof graceFacts> & {
  handler: HandlerView;
  duration: HandlerDuration;
  /** A partial pod spec (a Kustomize patch) gets its grace period from the base: no default. */
  graceFromBase: boolean;
};

/**
 * The hook's single handler, its duration and the pod's grace period. Undefined for anything but
 * a preStop with one handler, and for a grace period of 0 (the kubelet then skips preStop:
 * grace-period-zero's case).
 */
export function preStopFacts(h: HookView): PreStopFacts | undefined {
  if (h.kind !== 'preStop' || !h.handler) return undefined;
  const pod = h.container.pod;
  const facts = graceFacts(pod);
  if (facts.grace === 0) return undefined;
  return { ...facts, handler: h.handler, duration: handlerDuration(h.handler, h.container), graceFromBase: pod.partial && pod.terminationGracePeriodSeconds.state !== 'written' };
}

/** Seconds an app needs between SIGTERM and SIGKILL unless configured (prestop-starves-shutdown's option). */
export const defaultMinShutdownSeconds = 5;

/** The shutdown window a preStop must leave: doubled for an app with sidecars, which stop after it within the same budget. */
export function shutdownWindow(h: HookView, minShutdownSeconds: number): number {
  const hasSidecars = h.container.pod.containers.some((c) => c.role === 'sidecar');
  return minShutdownSeconds * (hasSidecars && h.container.role === 'app' ? 2 : 1);
}

/**
 * The two repairs of a preStop that leaves less than `window` seconds of the grace period: a grace
 * period of the hook's minimum plus the window, or a sleep short enough for the window to fit.
 * The sleep is one only when the hook's whole minimum is one sleep written as a literal (the sleep
 * action's seconds, `sleep 40` in an exec command), and the command, re-analysed with the new
 * number, takes just that long. The numbers are whole seconds, as the API takes them.
 */
export function preStopRepairs(h: HookView, f: PreStopFacts, window: number): { grace: number; sleep: { seconds: number; at: Span; text: string } | undefined } {
  return { grace: Math.ceil(f.duration.min + window), sleep: shorterSleep(h, f, Math.floor(f.grace - window)) };
}

/** The hook's one literal sleep rewritten to `seconds` (whole, at least 1), when that makes the hook take just that long. */
export function shorterSleep(h: HookView, f: PreStopFacts, seconds: number): { seconds: number; at: Span; text: string } | undefined {
  const [only, ...more] = f.duration.evidence;
  const d = only?.kind === 'sleep' && more.length === 0 ? only.duration : undefined;
  if (!d || seconds < 1 || Math.abs(d.seconds - f.duration.min) > 1e-6) return undefined;
  if (!d.argv) return { seconds, at: d.span, text: String(seconds) };
  // `sleep 6s` stays in seconds with its unit; `sleep 1m` becomes a number of seconds.
  const text = `${seconds}${h.container.pod.workload.source.slice(d.span.start, d.span.end).endsWith('s') ? 's' : ''}`;
  return minWithDuration(f.handler, h.container, d.argv, text) === seconds ? { seconds, at: d.span, text } : undefined;
}

/** The preStop delay suggested where a hook has none: long enough for endpoint removal to reach the proxies in most clusters. */
export const drainDelaySeconds = 5;

/**
 * A handler that waits `seconds`, as the target version can write it: the sleep action where it is
 * served by default, else an exec `sleep` (which needs the binary in the image).
 */
export function sleepHandler(version: string, seconds: number): { type: 'sleep' | 'exec'; value: YamlValue } {
  return servedByDefault('sleepAction', version) ? { type: 'sleep', value: { seconds } } : execSleep(seconds);
}

export const execSleep = (seconds: number) => ({ type: 'exec' as const, value: { command: ['sleep', String(seconds)] } });

/**
 * The edit that sets (or adds) the pod's terminationGracePeriodSeconds. Empty where an operator
 * sets the grace period from a field that also means something else (Knative's request timeout):
 * changing that is not a grace-period repair.
 */
export function setGracePeriod(edits: EditBuilder, pod: PodView, seconds: number): Edit[] {
  return pod.gracePeriodKey === 'terminationGracePeriodSeconds' ? edits.setEntry(pod.node, 'terminationGracePeriodSeconds', String(seconds)) : [];
}

/** Suggestion messages shared by the preStop timing rules (each rule lists them in its meta). */
export const preStopRepairMessages = {
  raiseGrace: 'Raise terminationGracePeriodSeconds to {{grace}}: the preStop minimum ({{min}}) plus {{window}} to shut down after SIGTERM.',
  shortenSleep: 'Shorten the preStop sleep to {{seconds}}s, leaving {{window}} of the {{grace}}s grace period to shut down after SIGTERM.',
} as const;

/** The suggestions of preStopRepairs: the grace period set (or added) in the pod spec, the sleep action shortened. */
export function preStopSuggestions(edits: EditBuilder, h: HookView, f: PreStopFacts, window: number): SuggestionDescriptor<keyof typeof preStopRepairMessages>[] {
  const { grace, sleep } = preStopRepairs(h, f, window);
  const out: SuggestionDescriptor<keyof typeof preStopRepairMessages>[] = [];
  const raise = setGracePeriod(edits, h.container.pod, grace);
  if (raise.length) out.push({ messageId: 'raiseGrace', data: { grace, min: formatSeconds(f.duration.min), window: formatSeconds(window) }, fix: raise });
  if (sleep) out.push({ messageId: 'shortenSleep', data: { seconds: sleep.seconds, window: formatSeconds(window), grace: f.grace }, fix: edits.replace(sleep.at, sleep.text) });
  return out;
}
