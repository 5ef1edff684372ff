/** Wording shared by rule messages, so the same fact reads the same everywhere. */
import type { Field, PodView } from './views.js';
import type { Locatable } from '../rule-api.js';

/** "3s (line 14)"-ready pieces for the pod's grace period, and its related location. */
export function graceFacts(pod: PodView): { grace: number; graceText: string; related: { at: Locatable; message: string } } {
  const g = pod.terminationGracePeriodSeconds;
  const key = pod.gracePeriodKey;
  // An operator's own field (Knative's timeoutSeconds) says what it stands for.
  const means = key === 'terminationGracePeriodSeconds' ? '' : ' (the operator sets the pod\'s terminationGracePeriodSeconds to it)';
  return {
    grace: g.value,
    graceText: g.state !== 'written' ? `${g.value}s (default; not set)` : `${g.value}s`,
    related: { at: g as Field<unknown>, message: g.state !== 'written' ? `${key} not set: default ${g.value}s${means}` : `${key}: ${g.value}${means}` },
  };
}
