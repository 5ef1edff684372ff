import { defineRule } from '../../src/rule-api.js';
import { isScalar, type Scalar } from 'yaml';
import { getNode, getPair } from '../../src/k8s/yaml-util.js';

const forbidden = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'];

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
        for (const key of forbidden) {
          const pair = getPair(c.node, key);
          // `readinessProbe:` with no value (or null) decodes to a nil pointer, which validation accepts.
          const value = getNode(c.pod.doc, c.node, key);
          if (!pair || !value || (isScalar(value) && value.value === null)) continue;
          ctx.report({ at: pair.key as Scalar, messageId: 'forbidden', data: { key, name: c.name.value } });
        }
      },
    };
  },
});
