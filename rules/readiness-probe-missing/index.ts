import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'readiness-probe-missing',
  meta: {
    description: 'A container that serves a Service without a readinessProbe receives traffic before it is ready.',
    category: 'probes',
    defaultSeverity: 'warn',
    messages: {
      missing: 'Container "{{container}}" declares ports and is selected by Service "{{service}}", but has no readinessProbe: it receives traffic as soon as it starts, before the app is ready, and keeps receiving it when the app stops serving.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        if (c.role !== 'app' || c.ports.length === 0 || c.probes.some((p) => p.kind === 'readiness')) return;
        // A partial pod spec (a Kustomize patch) may leave the probe to its base.
        if (c.pod.partial) return;
        const services = ctx.servicesSelecting(c.pod);
        const svc = services[0];
        if (!svc) return;
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
