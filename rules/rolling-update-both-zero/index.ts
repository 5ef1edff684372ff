import { defineRule } from '../../src/rule-api.js';
import { intOrPercent, isZero, rollingUpdates, text } from '../../src/k8s/controller-spec.js';

export default defineRule({
  id: 'rolling-update-both-zero',
  meta: {
    description: 'A rolling update whose maxUnavailable and maxSurge are both 0 could never replace a pod, and the API server rejects it.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    messages: {
      bothZero: '{{kind}} rollingUpdate maxUnavailable is {{maxUnavailable}} and maxSurge is {{maxSurge}}{{defaulted}}: no old pod may go and no new pod may be added, so the API server rejects the object.',
    },
  },
  create(ctx) {
    return {
      workload(w) {
        const strategy = Object.hasOwn(rollingUpdates, w.kind) ? rollingUpdates[w.kind] : undefined;
        if (!strategy) return;
        // Recreate / OnDelete take no rollingUpdate block (a different rejection).
        const type = text(w, strategy.typePath);
        if (type && type.value !== 'RollingUpdate') return;
        const unavailable = intOrPercent(w, [...strategy.path, 'maxUnavailable']);
        const surge = intOrPercent(w, [...strategy.path, 'maxSurge']);
        // At least one must be written: the defaults alone are valid.
        if (!unavailable && !surge) return;
        const maxUnavailable = unavailable?.value ?? strategy.defaults.maxUnavailable;
        const maxSurge = surge?.value ?? strategy.defaults.maxSurge;
        if (!isZero(maxUnavailable) || !isZero(maxSurge)) return;
        const at = unavailable ?? surge!;
        const defaulted = !unavailable || !surge ? ` (${!surge ? 'maxSurge' : 'maxUnavailable'} not set: the default for a ${w.kind})` : '';
        ctx.report({ at: at.at, messageId: 'bothZero', data: { kind: w.kind, maxUnavailable: String(maxUnavailable), maxSurge: String(maxSurge), defaulted } });
      },
    };
  },
});
