import { defineRule } from '../../src/rule-api.js';
import { handlerDuration } from '../../src/analysis/durations.js';
import { graceFacts } from '../../src/k8s/describe.js';

export default defineRule({
  id: 'prestop-never-ends',
  meta: {
    description: 'A preStop hook that never finishes by itself makes every deletion wait the full grace period and end in SIGKILL.',
    category: 'termination',
    defaultSeverity: 'error',
    messages: {
      never: 'preStop never finishes by itself ({{construct}}): every deletion waits the full terminationGracePeriodSeconds, {{grace}}, then the app gets only 2s after SIGTERM before SIGKILL.',
    },
  },
  create(ctx) {
    return {
      hook(h) {
        if (h.kind !== 'preStop' || !h.handler) return;
        const pod = h.container.pod;
        const { grace, graceText, related } = graceFacts(pod);
        if (grace === 0) return;
        // A partial pod spec (a Kustomize patch) gets its grace period from the base: do not name the default.
        const unknownGrace = pod.partial && pod.terminationGracePeriodSeconds.defaulted;
        const d = handlerDuration(h.handler, h.container);
        if (!d.unbounded) return;
        const ev = d.evidence.find((e) => e.kind === 'unbounded') ?? d.evidence[0];
        ctx.report({ at: ev?.span ?? h.handler.key, messageId: 'never', data: { construct: ev?.text ?? 'unbounded', grace: unknownGrace ? 'whatever it is' : graceText }, related: unknownGrace ? [] : [related] });
      },
    };
  },
});
