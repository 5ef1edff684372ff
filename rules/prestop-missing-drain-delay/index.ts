import { defineRule } from '../../src/rule-api.js';
import { handlerDuration } from '../../src/analysis/durations.js';

export default defineRule({
  id: 'prestop-missing-drain-delay',
  meta: {
    description: 'A container behind a Service without a preStop delay drops in-flight requests while endpoints are being removed.',
    category: 'termination',
    defaultSeverity: 'off',
    messages: {
      missing: 'Container "{{container}}" serves Service "{{service}}" but has no preStop delay: endpoints are removed asynchronously, so during rollouts requests still arrive after SIGTERM and fail. Add a preStop `sleep: {seconds: 5}` (Kubernetes 1.30+) or an exec `sleep 5`.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        if (c.role !== 'app' || c.ports.length === 0) return;
        const svc = ctx.servicesSelecting(c.pod)[0];
        if (!svc) return;
        const preStop = c.hooks.find((h) => h.kind === 'preStop');
        // Any hook that certainly waits, or whose length we cannot know, is given the benefit of the doubt.
        if (preStop?.handler) {
          const d = handlerDuration(preStop.handler, c);
          if (d.min > 0 || d.unbounded || d.unknown || preStop.handler.type === 'httpGet') return;
        }
        ctx.report({
          at: c.at,
          messageId: 'missing',
          data: { container: c.name.value, service: svc.name },
          related: svc.filePath === ctx.filePath ? [{ at: svc.selectorAt, message: `selector of Service "${svc.name}"` }] : [],
        });
      },
    };
  },
});
