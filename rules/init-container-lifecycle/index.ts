import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'init-container-lifecycle',
  meta: {
    description: 'Init containers without restartPolicy: Always, and ephemeral containers, may not have probes or lifecycle hooks.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    messages: {
      forbidden:
        '{{key}} on init container "{{name}}": the API server rejects the pod (may not be set for init containers without restartPolicy=Always). Make it a sidecar (restartPolicy: Always) or move it to containers.',
      ephemeral: '{{key}} on ephemeral container "{{name}}": the API server rejects it (cannot be set for an Ephemeral Container). Remove it; ephemeral containers are never probed or hooked.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        if (c.role !== 'init' && c.role !== 'ephemeral') return;
        // `readinessProbe:` with no value (or null) decodes to a nil pointer, which validation accepts.
        const written = [c.lifecycle && { ...c.lifecycle, name: 'lifecycle' }, ...c.probes.map((p) => ({ ...p, name: `${p.kind}Probe` }))];
        for (const w of written) {
          if (w && !w.empty) ctx.report({ at: w.key, messageId: c.role === 'init' ? 'forbidden' : 'ephemeral', data: { key: w.name, name: c.name.value } });
        }
      },
    };
  },
});
