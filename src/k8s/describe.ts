/** Wording shared by rule messages, so the same fact reads the same everywhere. */
import type { Field, PodView } from './views.js';
import type { Locatable } from '../rule-api.js';

/** "3s (line 14)"-ready pieces for the pod's grace period, and its related location. */
export function graceFacts(pod: PodView): { grace: number; graceText: string; related: { at: Locatable; message: string } } {
  const g = pod.terminationGracePeriodSeconds;
  return {
    grace: g.value,
    graceText: g.state !== 'written' ? `${g.value}s (default; not set)` : `${g.value}s`,
    related: { at: g as Field<unknown>, message: g.state !== 'written' ? `terminationGracePeriodSeconds not set: default ${g.value}s` : `terminationGracePeriodSeconds: ${g.value}` },
  };
}
