import { defineRule } from '../../src/rule-api.js';
import { podTimeline } from '../../src/analysis/timeline.js';
import { defaults } from '../../src/k8s/defaults.js';
import { asMap, getNode, getPair } from '../../src/k8s/yaml-util.js';
import { spanOf } from '../../src/k8s/extract.js';
import { isScalar, type Node } from 'yaml';

export default defineRule({
  id: 'startup-exceeds-progress-deadline',
  meta: {
    description: 'A Deployment whose pods cannot be ready before progressDeadlineSeconds has every rollout marked failed.',
    category: 'startup',
    defaultSeverity: 'warn',
    messages: {
      late: 'Pods of this Deployment cannot be ready before {{ready}}s ({{because}} of container "{{container}}"), but progressDeadlineSeconds is {{deadline}}: every rollout is marked as failed (ProgressDeadlineExceeded).',
    },
  },
  create(ctx) {
    return {
      workload(w) {
        if (w.kind !== 'Deployment') return;
        const { earliestReady, last } = podTimeline(w.pod).startup;
        // A pod that never becomes ready is poststart-never-ends' finding.
        if (earliestReady === null || !last?.readyBecause) return;
        const spec = asMap(w.doc, getNode(w.doc, w.node, 'spec'));
        const node = getNode(w.doc, spec, 'progressDeadlineSeconds');
        const written = isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
        const deadline = written ?? defaults.progressDeadlineSeconds;
        if (earliestReady < deadline) return;
        const specKey = getPair(w.node, 'spec')?.key;
        ctx.report({
          at: last.readyBecause.at,
          messageId: 'late',
          data: {
            ready: earliestReady,
            because: last.readyBecause.what,
            container: last.container.name.value,
            deadline: written === undefined ? `${deadline}s (default)` : `${deadline}s`,
          },
          related: [{ at: written !== undefined && node ? node : spanOf((specKey as Node | undefined) ?? w.node), message: written !== undefined ? `progressDeadlineSeconds: ${deadline}` : `progressDeadlineSeconds not set: default ${deadline}s` }],
        });
      },
    };
  },
});
