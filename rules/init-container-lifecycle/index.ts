import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'init-container-lifecycle',
  meta: {
    description: 'Init containers without restartPolicy: Always may not have probes or lifecycle hooks.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    messages: {
      forbidden:
        '{{key}} on init container "{{name}}": the API server rejects the pod (may not be set for init containers without restartPolicy=Always). Make it a sidecar (restartPolicy: Always) or move it to containers.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        if (c.role !== 'init') return;
        // `readinessProbe:` with no value (or null) decodes to a nil pointer, which validation accepts.
        const written = [c.lifecycle && { ...c.lifecycle, name: 'lifecycle' }, ...c.probes.map((p) => ({ ...p, name: `${p.kind}Probe` }))];
        for (const w of written) {
          if (w && !w.empty) ctx.report({ at: w.key, messageId: 'forbidden', data: { key: w.name, name: c.name.value } });
        }
      },
    };
  },
});
