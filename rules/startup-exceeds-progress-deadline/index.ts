import { defineRule } from '../../src/rule-api.js';
import { podTimeline } from '../../src/analysis/timeline.js';
import { readyTimeTerms, type Term } from '../../src/analysis/ready-time-terms.js';
import { formatSeconds } from '../../src/analysis/durations.js';

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
        const terms = readyTimeTerms(containers, last);
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
