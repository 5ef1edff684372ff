import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'liveness-restart-never',
  meta: {
    description: 'A livenessProbe in a pod with restartPolicy: Never kills the container for good.',
    category: 'probes',
    defaultSeverity: 'warn',
    messages: {
      never: 'livenessProbe in a pod with restartPolicy: Never: a liveness failure kills container "{{container}}" for good and fails the pod instead of restarting it. Use OnFailure, or drop the liveness probe.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        const rp = p.container.pod.restartPolicy;
        // Sidecars ignore the pod restartPolicy: they are restarted anyway. An empty probe is no
        // probe (probe-empty's finding).
        if (p.kind !== 'liveness' || p.empty || p.container.role !== 'app' || rp.state !== 'written' || rp.value !== 'Never') return;
        // A container-level restartPolicy (ContainerRestartRules, beta 1.35) overrides the pod's;
        // with restartPolicyRules the outcome depends on the exit code: unknown, so no finding.
        const own = p.container.restartPolicy;
        if ((own.value !== undefined && own.value !== 'Never') || p.container.restartPolicyRules.keyNode) return;
        ctx.report({ at: p.key, messageId: 'never', data: { container: p.container.name.value }, related: [{ at: rp, message: 'restartPolicy: Never' }] });
      },
    };
  },
});
