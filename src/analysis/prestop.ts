/** The starting point shared by the preStop timing rules. */
import { graceFacts } from '../k8s/describe.js';
import type { HandlerView, HookView } from '../k8s/views.js';
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
