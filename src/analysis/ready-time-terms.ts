/**
 * What adds up to a pod's earliest ready time, as terms with a position and a sentence each: the
 * delay every container puts on the start of the next (its postStart; a sidecar's startupProbe),
 * then the last container's own largest term. For findings that explain a late ready time.
 */
import { formatSeconds } from './durations.js';
import type { ContainerStartup, StartupReason } from './timeline.js';
import type { Span } from '../k8s/views.js';

export interface Term {
  seconds: number;
  at: Span;
  text: string;
}

function describeReason(reason: StartupReason, e: ContainerStartup): string {
  const name = `${e.container.role === 'sidecar' ? 'sidecar' : 'container'} "${e.container.name.value}"`;
  switch (reason.what) {
    case 'postStart':
      return `postStart of ${name} takes at least ${formatSeconds(reason.seconds)}`;
    case 'readiness initialDelaySeconds':
      return `readinessProbe of ${name} waits initialDelaySeconds ${reason.seconds}s`;
    case 'readiness successThreshold': {
      const p = e.container.probes.find((x) => x.kind === 'readiness');
      return `readinessProbe of ${name} needs ${p?.successThreshold.value} successes ${p?.periodSeconds.value}s apart, the last at ${formatSeconds(reason.seconds)}`;
    }
    case 'startupProbe initialDelaySeconds':
      return `startupProbe of ${name} waits initialDelaySeconds ${reason.seconds}s`;
    default:
      return `${reason.what} of ${name} (${formatSeconds(reason.seconds)})`;
  }
}

/** The terms of `last`'s earliest ready time, in start order. */
export function readyTimeTerms(containers: ContainerStartup[], last: ContainerStartup): Term[] {
  const out: Term[] = [];
  const i = containers.indexOf(last);
  for (let k = 0; k < i; k++) {
    const e = containers[k]!;
    const delay = containers[k + 1]!.startAt - e.startAt;
    if (delay <= 0) continue;
    let reason: StartupReason | undefined;
    if (e.readyBecause && e.readyBecause.seconds === delay) reason = e.readyBecause;
    else if (e.postStart && e.postStart.duration.min === delay) {
      reason = { what: 'postStart', seconds: delay, at: e.postStart.duration.evidence[0]?.span ?? e.postStart.hook.keyAt };
    }
    if (reason) out.push({ seconds: delay, at: reason.at, text: describeReason(reason, e) });
  }
  if (last.readyBecause && last.readyBecause.seconds > 0) {
    out.push({ seconds: last.readyBecause.seconds, at: last.readyBecause.at, text: describeReason(last.readyBecause, last) });
  }
  return out;
}
