import { defineRule } from '../../src/rule-api.js';
import { formatSeconds, handlerDuration } from '../../src/analysis/durations.js';
import { setGracePeriod } from '../../src/analysis/prestop.js';
import { graceFacts } from '../../src/k8s/describe.js';
import type { ContainerView } from '../../src/k8s/views.js';

/** The containers the kubelet starts after `c` (init containers, sidecars, app containers, in spec order). */
function startedAfter(c: ContainerView): ContainerView[] {
  const all = c.pod.containers;
  const i = all.indexOf(c);
  return all.filter((o, k) => k > i && o.role !== 'ephemeral');
}

export default defineRule({
  id: 'poststart-slow',
  meta: {
    description: 'A postStart hook that certainly takes long keeps the container out of Running and delays the containers after it.',
    category: 'startup',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: {
      slow: 'postStart takes at least {{min}} ({{evidence}}): container "{{container}}" stays Waiting (ContainerCreating) that long, its probes do not run, {{next}}and the time counts against initialDelaySeconds.',
      sleepRejected: 'postStart sleep.seconds {{min}} is greater than terminationGracePeriodSeconds {{grace}}: the API server rejects the pod (a sleep action may not outlast the grace period, in postStart as in preStop).',
      raiseGrace: 'Raise terminationGracePeriodSeconds to {{seconds}}, the postStart sleep, so that the API server accepts the pod.',
      shortenSleep: 'Shorten the postStart sleep to {{seconds}}s, the grace period, so that the API server accepts the pod.',
    },
    options: {
      type: 'object',
      properties: {
        maxSeconds: { type: 'number', minimum: 0, default: 10, description: 'Report a postStart hook that certainly takes this many seconds or more.' },
      },
      additionalProperties: false,
    },
  },
  create(ctx) {
    return {
      hook(h) {
        // Hooks on regular init containers are rejected by the API server: init-container-lifecycle.
        if (h.kind !== 'postStart' || !h.handler || h.container.role === 'init' || h.container.role === 'ephemeral') return;
        const d = handlerDuration(h.handler, h.container);
        // A hook that never ends is poststart-never-ends' finding.
        if (d.unbounded || d.min < ctx.options.maxSeconds) return;
        const c = h.container;
        const at = d.evidence[0]?.span ?? h.handler.key;
        const grace = c.pod.terminationGracePeriodSeconds;
        if (h.handler.type === 'sleep' && d.min > grace.value) {
          // Only a rejected sleep has a repair that keeps the hook's meaning: the two numbers made to agree.
          const seconds = h.handler.seconds;
          const raise = setGracePeriod(ctx.edits, c.pod, Math.ceil(d.min));
          ctx.report({
            at,
            messageId: 'sleepRejected',
            data: { min: d.min, grace: grace.state !== 'written' ? `${grace.value} (default)` : grace.value },
            related: [graceFacts(c.pod).related],
            suggest: [
              ...(raise.length ? [{ messageId: 'raiseGrace' as const, data: { seconds: Math.ceil(d.min) }, fix: raise }] : []),
              ...(seconds?.state === 'written' && grace.value >= 1 ? [{ messageId: 'shortenSleep' as const, data: { seconds: Math.floor(grace.value) }, fix: ctx.edits.replace(seconds, String(Math.floor(grace.value))) }] : []),
            ],
          });
          return;
        }
        const later = startedAfter(c);
        ctx.report({
          at,
          messageId: 'slow',
          data: {
            min: formatSeconds(d.min),
            evidence: d.evidence.map((e) => e.text).join(', ') || h.handler.type,
            container: c.name.value,
            next: later.length ? `the containers after it (${later.map((o) => `"${o.name.value}"`).join(', ')}) start that much later, ` : '',
          },
        });
      },
    };
  },
});
