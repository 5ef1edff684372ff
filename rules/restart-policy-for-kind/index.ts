import { defineRule } from '../../src/rule-api.js';
import { alwaysRestartKinds, runToCompletionKinds } from '../../src/k8s/kinds.js';

export default defineRule({
  id: 'restart-policy-for-kind',
  meta: {
    description: 'The pod template restartPolicy must be one the workload kind accepts.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    fixable: 'code',
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
        const unset = rp.state === 'default' || rp.state === 'null';
        if (alwaysRestartKinds.has(kind) && rp.state === 'written' && rp.value !== 'Always') {
          // Always is the one value these kinds accept, so the fix is safe (a Job has two: no fix).
          ctx.report({ at: rp, messageId: 'mustBeAlways', data: { value: rp.value, kind }, related, fix: ctx.edits.replace(rp, 'Always') });
        } else if (runToCompletionKinds.has(kind)) {
          // A partial pod spec (a Kustomize patch) sets restartPolicy in its base.
          if (unset && !pod.partial) ctx.report({ at: rp, messageId: 'unsetInJob', data: { kind }, related });
          else if (rp.value === 'Always' && rp.state === 'written') ctx.report({ at: rp, messageId: 'mustNotBeAlways', data: { kind }, related });
        }
      },
    };
  },
});
