import { isScalar } from 'yaml';
import { defineRule } from '../../src/rule-api.js';
import { alwaysRestartKinds, runToCompletionKinds } from '../../src/k8s/kinds.js';

export default defineRule({
  id: 'restart-policy-for-kind',
  meta: {
    description: 'The pod template restartPolicy must be one the workload kind accepts.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    messages: {
      mustBeAlways: 'restartPolicy "{{value}}" in a {{kind}}: the API server rejects it (only "Always" is supported).',
      mustNotBeAlways: 'restartPolicy "Always" in a {{kind}}: the API server rejects it (use "OnFailure" or "Never").',
      unsetInJob: 'No restartPolicy in a {{kind}} pod template: the API server rejects it (Required value: valid values "OnFailure", "Never").',
    },
  },
  create(ctx) {
    return {
      pod(pod) {
        const kind = pod.workload.kind;
        const rp = pod.restartPolicy;
        const related = [{ at: pod.workload.kindAt, message: `kind: ${kind}` }];
        // Absent, null and "" are all defaulted to "Always" (SetDefaults_PodSpec) before validation.
        const unset = !rp.node || (isScalar(rp.node) && (rp.node.value === null || rp.node.value === ''));
        if (alwaysRestartKinds.has(kind) && !unset && !rp.defaulted && rp.value !== 'Always') {
          ctx.report({ at: rp, messageId: 'mustBeAlways', data: { value: rp.value, kind }, related });
        } else if (runToCompletionKinds.has(kind)) {
          // Written with no value: point at the key (the empty value has no extent of its own).
          const at = rp.node && isScalar(rp.node) && rp.node.value === null ? (rp.keyNode ?? rp) : rp;
          // A partial pod spec (a Kustomize patch) sets restartPolicy in its base.
          if (unset && !pod.partial) ctx.report({ at, messageId: 'unsetInJob', data: { kind }, related });
          else if (rp.value === 'Always' && !rp.defaulted) ctx.report({ at: rp, messageId: 'mustNotBeAlways', data: { kind }, related });
        }
      },
    };
  },
});
