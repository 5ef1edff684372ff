import { defineRule } from '../../src/rule-api.js';
import { formatSeconds, handlerDuration } from '../../src/analysis/durations.js';

export default defineRule<{ maxSeconds: number }>({
  id: 'poststart-slow',
  meta: {
    description: 'A postStart hook that certainly takes long keeps the container out of Running and delays the containers after it.',
    category: 'startup',
    defaultSeverity: 'warn',
    messages: {
      slow: 'postStart takes at least {{min}} ({{evidence}}): container "{{container}}" stays Waiting (ContainerCreating) that long, its probes do not run, {{next}}and the time counts against initialDelaySeconds.',
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
        if (d.unbounded || d.min < ctx.options.maxSeconds) return;
        const c = h.container;
        const later = c.pod.containers.filter((o) => o.role !== 'ephemeral' && c.pod.containers.indexOf(o) > c.pod.containers.indexOf(c));
        ctx.report({
          at: d.evidence[0]?.span ?? h.handler.key,
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
