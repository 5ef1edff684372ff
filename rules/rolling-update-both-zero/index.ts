import { defineRule } from '../../src/rule-api.js';
import type { Field } from '../../src/k8s/views.js';

/** The kinds whose rolling update has both maxUnavailable and maxSurge (apps/v1). */
const rollingUpdateKinds: ReadonlySet<string> = new Set(['Deployment', 'DaemonSet']);

/** "0", 0 and "0%" are zero; validation compares the values as written, before scaling. */
const isZero = (v: number | string): boolean => v === 0 || v === '0%';

/** A written value; an invalid one is the schema rule's, and the default counts instead. */
const asWritten = (f: Field<number | string>) => (f.state === 'written' ? f : undefined);

export default defineRule({
  id: 'rolling-update-both-zero',
  meta: {
    description: 'A rolling update whose maxUnavailable and maxSurge are both 0 could never replace a pod, and the API server rejects it.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    hasSuggestions: true,
    messages: {
      surgeOne: 'Set maxSurge to 1: a new pod is added before an old one goes, so every replica keeps serving during the rollout (it needs room for one more pod).',
      unavailableOne: 'Set maxUnavailable to 1: an old pod goes before its replacement is added, one at a time, with no extra pod (capacity drops by one during the rollout).',
      bothZero: '{{kind}} rollingUpdate maxUnavailable is {{maxUnavailable}} and maxSurge is {{maxSurge}}{{defaulted}}: no old pod may go and no new pod may be added, so the API server rejects the object.',
    },
  },
  create(ctx) {
    return {
      workload(w) {
        if (!rollingUpdateKinds.has(w.kind)) return;
        const { type, maxUnavailable, maxSurge, rollingUpdate } = w.rollout.strategy;
        // Recreate / OnDelete take no rollingUpdate block (a different rejection).
        if (type.state === 'written' && type.value !== 'RollingUpdate') return;
        const unavailable = asWritten(maxUnavailable);
        const surge = asWritten(maxSurge);
        // At least one must be written: the defaults alone are valid.
        if (!unavailable && !surge) return;
        const values = { unavailable: maxUnavailable.value, surge: maxSurge.value };
        if (!isZero(values.unavailable) || !isZero(values.surge)) return;
        const defaulted = !unavailable || !surge ? ` (${!surge ? 'maxSurge' : 'maxUnavailable'} not set: the default for a ${w.kind})` : '';
        // Either count at 1 makes progress; which one is a choice between extra capacity and a gap.
        const suggest = rollingUpdate
          ? (['surgeOne', 'unavailableOne'] as const).map((messageId) => ({ messageId, fix: ctx.edits.setEntry(rollingUpdate, messageId === 'surgeOne' ? 'maxSurge' : 'maxUnavailable', '1') }))
          : [];
        ctx.report({ at: unavailable ?? surge!, messageId: 'bothZero', data: { kind: w.kind, maxUnavailable: String(values.unavailable), maxSurge: String(values.surge), defaulted }, suggest });
      },
    };
  },
});
