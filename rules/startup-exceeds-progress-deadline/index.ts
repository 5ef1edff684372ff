import { defineRule } from '../../src/rule-api.js';
import { podTimeline, type ContainerStartup, type StartupReason } from '../../src/analysis/timeline.js';
import { formatSeconds } from '../../src/analysis/durations.js';
import type { Span } from '../../src/k8s/views.js';

interface Term {
  seconds: number;
  at: Span;
  text: string;
}

function describe(reason: StartupReason, e: ContainerStartup): string {
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

/**
 * What adds up to the last container's earliest ready time: the delay each container before it
 * puts on the start of the next (its postStart; a sidecar's startupProbe), then its own largest term.
 */
function termsOf(containers: ContainerStartup[], last: ContainerStartup): Term[] {
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
    if (reason) out.push({ seconds: delay, at: reason.at, text: describe(reason, e) });
  }
  if (last.readyBecause && last.readyBecause.seconds > 0) {
    out.push({ seconds: last.readyBecause.seconds, at: last.readyBecause.at, text: describe(last.readyBecause, last) });
  }
  return out;
}

export default defineRule({
  id: 'startup-exceeds-progress-deadline',
  meta: {
    description: 'A Deployment whose pods cannot be ready before progressDeadlineSeconds has every rollout marked failed.',
    category: 'startup',
    defaultSeverity: 'warn',
    messages: {
      late: 'Pods of this Deployment cannot be ready before {{ready}} ({{because}}), but progressDeadlineSeconds is {{deadline}}: every rollout is marked as failed (ProgressDeadlineExceeded).',
    },
  },
  create(ctx) {
    return {
      workload(w) {
        if (w.kind !== 'Deployment') return;
        const { replicas, paused, progressDeadlineSeconds: d } = w.rollout;
        // No pods, or no deadline checks while paused.
        if ((replicas.state === 'written' && replicas.value === 0) || paused.value) return;
        // Written but not a number: the schema rule's finding; the deadline is unknown. A patch
        // that leaves the deadline out may get it from its base.
        if (d.state === 'invalid' || (d.state !== 'written' && w.pod.partial)) return;
        const deadline = d.value;

        const { containers, earliestReady, last } = podTimeline(w.pod).startup;
        // A pod that never becomes ready is poststart-never-ends' finding.
        if (earliestReady === null || !last || earliestReady < deadline) return;
        const terms = termsOf(containers, last);
        // The dominating value: the largest term (on a tie, the one closest to the last container).
        const top = terms.reduce<Term | undefined>((a, b) => (!a || b.seconds >= a.seconds ? b : a), undefined);
        if (!top) return;
        ctx.report({
          at: top.at,
          messageId: 'late',
          data: {
            ready: formatSeconds(earliestReady),
            because: terms.map((t) => t.text).join(', then '),
            deadline: d.state === 'written' ? `${deadline}s` : `${deadline}s (default)`,
          },
          related: [{ at: d, message: d.state === 'written' ? `progressDeadlineSeconds: ${deadline}` : `progressDeadlineSeconds not set: default ${deadline}s` }],
        });
      },
    };
  },
});
