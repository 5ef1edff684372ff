/** The starting point shared by the preStop timing rules. */
import { graceFacts } from '../k8s/describe.js';
import type { HandlerView, HookView } from '../k8s/views.js';
import type { EditBuilder, SuggestionDescriptor } from '../rule-api.js';
import { formatSeconds } from './durations.js';
import { handlerDuration, type HandlerDuration } from './durations.js';

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
 * period of the hook's minimum plus the window, or (a sleep action) a sleep short enough for the
 * window to fit. The numbers are whole seconds, as the API takes them.
 */
export function preStopRepairs(f: PreStopFacts, window: number): { grace: number; sleep: number | undefined } {
  const sleep = f.handler.type === 'sleep' && f.handler.seconds?.state === 'written' && f.grace - window >= 1 ? Math.floor(f.grace - window) : undefined;
  return { grace: Math.ceil(f.duration.min + window), sleep };
}

/** Suggestion messages shared by the preStop timing rules (each rule lists them in its meta). */
export const preStopRepairMessages = {
  raiseGrace: 'Raise terminationGracePeriodSeconds to {{grace}}: the preStop minimum ({{min}}) plus {{window}} to shut down after SIGTERM.',
  shortenSleep: 'Shorten the preStop sleep to {{seconds}}s, leaving {{window}} of the {{grace}}s grace period to shut down after SIGTERM.',
} as const;

/** The suggestions of preStopRepairs: the grace period set (or added) in the pod spec, the sleep action shortened. */
export function preStopSuggestions(edits: EditBuilder, h: HookView, f: PreStopFacts, window: number): SuggestionDescriptor<keyof typeof preStopRepairMessages>[] {
  const { grace, sleep } = preStopRepairs(f, window);
  const out: SuggestionDescriptor<keyof typeof preStopRepairMessages>[] = [];
  // Where an operator sets the grace period from a field that also means something else
  // (Knative's request timeout), raising it is not this rule's call.
  if (h.container.pod.gracePeriodKey === 'terminationGracePeriodSeconds') {
    out.push({
      messageId: 'raiseGrace',
      data: { grace, min: formatSeconds(f.duration.min), window: formatSeconds(window) },
      fix: edits.setEntry(h.container.pod.node, 'terminationGracePeriodSeconds', String(grace)),
    });
  }
  if (sleep !== undefined && f.handler.seconds) {
    out.push({ messageId: 'shortenSleep', data: { seconds: sleep, window: formatSeconds(window), grace: f.grace }, fix: edits.replace(f.handler.seconds, String(sleep)) });
  }
  return out;
}
