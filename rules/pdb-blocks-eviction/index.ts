import { basename } from 'node:path';
import { defineRule } from '../../src/rule-api.js';
import type { Locatable, SuggestionDescriptor } from '../../src/rule-api.js';
import { allowedDisruptions, workloadReplicas, type BudgetValue } from '../../src/k8s/disruption.js';

export default defineRule({
  id: 'pdb-blocks-eviction',
  meta: {
    description: 'A PodDisruptionBudget that allows no eviction of the workload it selects blocks node drains and cluster upgrades for good.',
    category: 'termination',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: {
      allowOne: 'Set maxUnavailable to 1: one pod of {{workload}} may be evicted at a time, and a drain waits for its replacement before the next.',
      useMaxUnavailable: 'Write maxUnavailable: 1 in place of minAvailable {{value}}: one pod may be evicted at a time, whatever the replica count becomes.',
      lowerMinAvailable: 'Lower minAvailable to {{lower}}: one of the {{pods}} replica(s){{hpa}} may be evicted at a time.',
      maxUnavailable: 'PodDisruptionBudget "{{pdb}}"{{where}} has maxUnavailable {{value}}: the eviction API refuses every voluntary eviction of {{workload}}\'s pods, so node drains and cluster upgrades wait forever.',
      minAvailable: 'PodDisruptionBudget "{{pdb}}"{{where}} requires minAvailable {{value}} of {{workload}}\'s {{pods}} replica(s){{hpa}}: no pod may ever be evicted, so node drains and cluster upgrades wait forever.',
    },
  },
  create(ctx) {
    /**
     * A budget that allows one eviction. maxUnavailable: 1 keeps allowing one as the workload
     * scales; minAvailable one below the replica count keeps the author's field but holds only for
     * this count. Only for a budget in this file: edits stay in the file linted.
     */
    const repairs = (field: 'maxUnavailable' | 'minAvailable', value: BudgetValue, pods: number, data: Record<string, string | number>): SuggestionDescriptor<'allowOne' | 'useMaxUnavailable' | 'lowerMinAvailable'>[] => {
      if (field === 'maxUnavailable') return [{ messageId: 'allowOne', data, fix: ctx.edits.replace(value.at, '1') }];
      const out: SuggestionDescriptor<'useMaxUnavailable' | 'lowerMinAvailable'>[] = [];
      if (value.keyAt) out.push({ messageId: 'useMaxUnavailable', data, fix: [...ctx.edits.replace(value.keyAt, 'maxUnavailable'), ...ctx.edits.replace(value.at, '1')] });
      if (pods >= 2) out.push({ messageId: 'lowerMinAvailable', data: { ...data, lower: pods - 1 }, fix: ctx.edits.replace(value.at, String(pods - 1)) });
      return out;
    };
    return {
      workload(w) {
        const budgets = ctx.budgetsSelecting(w);
        const replicas = budgets.length ? workloadReplicas(w) : undefined;
        if (!replicas) return;
        // An autoscaler owns the replica count; at its minimum (low load, when upgrades run) the budget decides.
        const hpa = ctx.autoscalersOf(w)[0];
        const pods = hpa ? hpa.minReplicas.value : replicas.value;
        if (pods === 0) return;
        for (const pdb of budgets) {
          if (allowedDisruptions(pdb, pods) !== 0) continue;
          const field = pdb.maxUnavailable ? 'maxUnavailable' : 'minAvailable';
          const value = (pdb.maxUnavailable ?? pdb.minAvailable)!;
          const here = pdb.filePath === w.filePath;
          const related: { at: Locatable; message: string }[] = [];
          const count: { at: Locatable; message: string } = hpa
            ? { at: hpa.minReplicas.at, message: hpa.minReplicas.defaulted ? `HorizontalPodAutoscaler "${hpa.name}": minReplicas not set, default 1` : `HorizontalPodAutoscaler "${hpa.name}" minReplicas: ${pods}` }
            : { at: replicas.at, message: replicas.defaulted ? `${w.kind} "${w.name}": replicas not set, default 1` : `${w.kind} "${w.name}" replicas: ${pods}` };
          if (!hpa || hpa.filePath === w.filePath) related.push(count);
          // A budget in another file: the finding stays in this file, at the replica count.
          const at = here ? value.at : (related[0]?.at ?? w.kindAt);
          if (here) related.push({ at: w.kindAt, message: `${w.kind} "${w.name}"` });
          const data = {
            pdb: pdb.name, value: value.value, pods, workload: `${w.kind} "${w.name}"`,
            where: here ? '' : ` (${basename(pdb.filePath)}, line ${value.line ?? '?'})`,
            hpa: hpa ? ` at HorizontalPodAutoscaler "${hpa.name}"'s minReplicas` : '',
          };
          ctx.report({ at, messageId: field, data, related, suggest: here ? repairs(field, value, pods, data) : [] });
        }
      },
    };
  },
});
