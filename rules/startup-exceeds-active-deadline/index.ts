import { defineRule } from '../../src/rule-api.js';
import { formatSeconds } from '../../src/analysis/durations.js';
import { podTimeline } from '../../src/analysis/timeline.js';
import { runToCompletionKinds } from '../../src/k8s/kinds.js';

export default defineRule({
  id: 'startup-exceeds-active-deadline',
  meta: {
    description: 'An activeDeadlineSeconds no longer than the time a Job pod certainly needs before its containers run fails every run.',
    category: 'startup',
    defaultSeverity: 'error',
    hasSuggestions: true,
    messages: {
      raiseDeadline: 'Raise activeDeadlineSeconds to {{raised}}: the {{deadline}}s written for the run, counted from when "{{container}}" can start ({{startup}}).',
      deadline: '{{where}} activeDeadlineSeconds is {{deadline}}s, but container "{{container}}" cannot start before {{startup}} ({{reason}}): the {{what}} is terminated with DeadlineExceeded before the work starts, every run.',
    },
  },
  create(ctx) {
    return {
      workload(w) {
        // Run-to-completion pods: Jobs, CronJobs and bare Pods (a Pod's own deadline).
        if ((!runToCompletionKinds.has(w.kind) && w.kind !== 'Pod') || w.pod.partial) return;
        const deadlines = [
          { where: 'Job', what: 'Job', value: w.job.activeDeadlineSeconds },
          { where: 'Pod', what: 'pod', value: w.pod.activeDeadlineSeconds },
        ];
        // The last app container is created only once the sidecars have started and the postStart
        // hooks of the containers before it have finished; its process starts then, not before.
        const started = podTimeline(w.pod).startup.containers;
        const app = started.filter((s) => s.container.role === 'app');
        const last = app[app.length - 1];
        if (!last || last.startAt === 0) return;
        const before = started.filter((s) => s !== last && s.container.role !== 'init' && s.startAt < last.startAt && s.postStart);
        const reason = before.length ? `postStart of ${before.map((s) => `"${s.container.name.value}"`).join(', ')}` : 'the sidecars started before it';
        for (const d of deadlines) {
          const deadline = d.value.value;
          if (d.value.state !== 'written' || deadline === undefined || deadline <= 0 || deadline > last.startAt) continue;
          const data = { where: d.where, what: d.what, deadline, container: last.container.name.value, startup: formatSeconds(last.startAt), reason };
          // The deadline was sized for the work; the startup comes before it, so it is added.
          const raised = deadline + Math.ceil(last.startAt);
          ctx.report({ at: d.value, messageId: 'deadline', data, suggest: [{ messageId: 'raiseDeadline', data: { ...data, raised }, fix: ctx.edits.replace(d.value, String(raised)) }] });
        }
      },
    };
  },
});
