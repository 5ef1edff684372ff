import { defineRule } from '../../src/rule-api.js';
import { podTimeline } from '../../src/analysis/timeline.js';
import { readyTimeTerms, type Term } from '../../src/analysis/ready-time-terms.js';
import { formatSeconds } from '../../src/analysis/durations.js';
import type { Field } from '../../src/k8s/views.js';

const deadlineNote = (d: Field<number>) => (d.state === 'written' ? `progressDeadlineSeconds: ${d.value}` : `progressDeadlineSeconds not set: default ${d.value}s`);

export default defineRule({
  id: 'startup-exceeds-progress-deadline',
  meta: {
    description: 'A Deployment whose pods cannot be ready before progressDeadlineSeconds has every rollout marked failed.',
    category: 'startup',
    defaultSeverity: 'warn',
    messages: {
      late: 'Pods of this Deployment cannot be ready before {{ready}} ({{because}}), but progressDeadlineSeconds is {{deadline}}: every rollout is marked as failed (ProgressDeadlineExceeded).',
      minReady: 'minReadySeconds is {{minReady}}s but progressDeadlineSeconds is {{deadline}}: a ready pod counts as available only minReadySeconds later, and the API server rejects a deadline that is not greater.',
    },
  },
  create(ctx) {
    return {
      workload(w) {
        if (w.kind !== 'Deployment') return;
        const { replicas, paused, progressDeadlineSeconds: d, minReadySeconds: minReady } = w.rollout;
        // Written but not a number: the schema rule's finding; the deadline is unknown. A patch
        // that leaves the deadline out may get it from its base.
        if (d.state === 'invalid' || (d.state !== 'written' && w.pod.partial)) return;
        const deadline = `${d.value}s${d.state === 'written' ? '' : ' (default)'}`;
        // The controller counts progress again when a pod becomes ready and when it becomes
        // available (minReadySeconds later): minReadySeconds is a span of its own against the
        // deadline, not a term of the ready time, and ValidateDeploymentSpec enforces it.
        if (minReady.state !== 'invalid' && minReady.value >= d.value) {
          const written = minReady.state === 'written';
          ctx.report({
            at: written ? minReady : d,
            messageId: 'minReady',
            data: { minReady: String(minReady.value), deadline },
            related: [written ? { at: d, message: deadlineNote(d) } : { at: minReady, message: `minReadySeconds not set: default ${minReady.value}s` }],
          });
          return;
        }
        // No pods, or no deadline checks while paused.
        if ((replicas.state === 'written' && replicas.value === 0) || paused.value) return;

        const { containers, earliestReady, last } = podTimeline(w.pod).startup;
        // A pod that never becomes ready is poststart-never-ends' finding.
        if (earliestReady === null || !last || earliestReady < d.value) return;
        const terms = readyTimeTerms(containers, last);
        // The dominating value: the largest term (on a tie, the one closest to the last container).
        const top = terms.reduce<Term | undefined>((a, b) => (!a || b.seconds >= a.seconds ? b : a), undefined);
        if (!top) return;
        ctx.report({
          at: top.at,
          messageId: 'late',
          data: { ready: formatSeconds(earliestReady), because: terms.map((t) => t.text).join(', then '), deadline },
          related: [{ at: d, message: deadlineNote(d) }],
        });
      },
    };
  },
});
