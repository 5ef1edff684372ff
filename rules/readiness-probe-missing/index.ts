import { defineRule } from '../../src/rule-api.js';
import { serviceSelectorRelated, servingContainers } from '../../src/k8s/serving.js';

export default defineRule({
  id: 'readiness-probe-missing',
  meta: {
    description: 'A container that serves a Service without a readinessProbe receives traffic before it is ready.',
    category: 'probes',
    defaultSeverity: 'warn',
    messages: {
      missing: 'Container "{{container}}" serves Service "{{service}}" (the Service selects its pod and sends to a port it serves), but has no readinessProbe: it receives traffic as soon as it starts, before the app is ready, and keeps receiving it when the app stops serving.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        if (c.role !== 'app' || c.probes.some((p) => p.kind === 'readiness')) return;
        // A partial pod spec (a Kustomize patch) may leave the probe to its base.
        if (c.pod.partial) return;
        // The first Service whose traffic this container takes: declared ports are not required
        // (a Service reaches the pod IP whatever the container lists).
        const svc = ctx.servicesSelecting(c.pod).find((s) => servingContainers(c.pod, s).includes(c));
        if (!svc) return;
        ctx.report({
          at: c.at,
          messageId: 'missing',
          data: { container: c.name.value, service: svc.name },
          related: [serviceSelectorRelated(svc, ctx.filePath)].filter((r) => r !== undefined),
        });
      },
    };
  },
});
