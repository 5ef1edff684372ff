import { defineRule } from '../../src/rule-api.js';
import { preStopFacts } from '../../src/analysis/prestop.js';

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
        const f = preStopFacts(h);
        if (!f?.duration.unbounded) return;
        // With the grace period from a Kustomize base, the hook still never ends; just do not name the default.
        const ev = f.duration.evidence.find((e) => e.kind === 'unbounded') ?? f.duration.evidence[0];
        ctx.report({ at: ev?.span ?? f.handler.key, messageId: 'never', data: { construct: ev?.text ?? 'unbounded', grace: f.graceFromBase ? 'whatever it is' : f.graceText }, related: f.graceFromBase ? [] : [f.related] });
      },
    };
  },
});
