import { defineRule } from '../../src/rule-api.js';
import { handlerDuration } from '../../src/analysis/durations.js';

export default defineRule({
  id: 'poststart-never-ends',
  meta: {
    description: 'A postStart hook that never finishes keeps the container from ever reaching Running.',
    category: 'startup',
    defaultSeverity: 'error',
    messages: {
      never: 'postStart never finishes ({{construct}}): exec hooks have no timeout, so container "{{container}}" never reaches Running, its probes never run, {{next}}and the pod never becomes Ready.',
    },
  },
  create(ctx) {
    return {
      hook(h) {
        // Hooks on regular init containers are rejected by the API server: init-container-lifecycle.
        if (h.kind !== 'postStart' || !h.handler || h.container.role === 'init' || h.container.role === 'ephemeral') return;
        const d = handlerDuration(h.handler, h.container);
        if (!d.unbounded) return;
        const ev = d.evidence.find((e) => e.kind === 'unbounded') ?? d.evidence[0];
        const all = h.container.pod.containers;
        const i = all.indexOf(h.container);
        const later = all.filter((o, k) => k > i && o.role !== 'ephemeral');
        ctx.report({
          at: ev?.span ?? h.handler.key,
          messageId: 'never',
          data: {
            construct: ev?.text ?? 'unbounded',
            container: h.container.name.value,
            next: later.length ? `the containers after it (${later.map((o) => `"${o.name.value}"`).join(', ')}) never start, ` : '',
          },
        });
      },
    };
  },
});
