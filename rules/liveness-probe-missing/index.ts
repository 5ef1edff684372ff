import { defineRule } from '../../src/rule-api.js';
import { longRunningKinds } from '../../src/k8s/kinds.js';

export default defineRule({
  id: 'liveness-probe-missing',
  meta: {
    description: 'A long-running app container without a livenessProbe is never restarted when it hangs.',
    category: 'probes',
    defaultSeverity: 'off',
    messages: {
      missing: 'Container "{{container}}" of {{kind}} "{{name}}" has no livenessProbe: if the app hangs without exiting, it is never restarted.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        const w = c.pod.workload;
        if (c.role !== 'app' || !longRunningKinds.has(w.kind) || c.probes.some((p) => p.kind === 'liveness')) return;
        // A partial pod spec (a Kustomize patch) may leave the probe to its base.
        if (c.pod.partial) return;
        ctx.report({ at: c.at, messageId: 'missing', data: { container: c.name.value, kind: w.kind, name: w.name } });
      },
    };
  },
});
