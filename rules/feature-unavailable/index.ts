import { defineRule, type Locatable, type SuggestionDescriptor } from '../../src/rule-api.js';
import { execSleep } from '../../src/analysis/prestop.js';
import { featureMissing, type FeatureId } from '../../src/k8s/features.js';
import type { HandlerView, HookView } from '../../src/k8s/views.js';

export default defineRule({
  id: 'feature-unavailable',
  meta: {
    description: 'A lifecycle field that the target Kubernetes version does not serve by default.',
    category: 'runtime',
    defaultSeverity: 'error',
    messages: {
      absent: '{{feature}} {{availability}}, and Kubernetes {{target}} does not have the field yet (added in {{added}}): {{outcome}}.',
      rejected: '{{feature}} {{availability}}, and Kubernetes {{target}} does not accept it: {{outcome}}.',
      gated: '{{feature}} {{availability}}; on Kubernetes {{target}} its feature gate {{gate}} is off by default: {{outcome}}.',
      useExecSleep: 'Use an exec `sleep {{seconds}}` instead, which every version runs (the image needs a sleep binary).',
    },
    hasSuggestions: true,
  },
  create(ctx) {
    const target = ctx.settings.kubernetesVersion;
    /** Report `id` at `at` unless the target version serves it; true when reported. */
    const check = (id: FeatureId, at: Locatable, fill: Record<string, string> = {}, extra = '', suggest: () => SuggestionDescriptor<'useExecSleep'>[] = () => []): boolean => {
      const missing = featureMissing(id, target, fill, extra);
      if (missing) ctx.report({ at, messageId: missing.status, data: missing.data, suggest: suggest() });
      return missing !== null;
    };
    /**
     * The older equivalent of a sleep action: an exec sleep of the same seconds, in its place. Only
     * for a lone handler (beside another it is handler-count's) with whole seconds above 0.
     */
    const execSleepInstead = (h: HookView, handler: HandlerView) => (): SuggestionDescriptor<'useExecSleep'>[] => {
      const seconds = handler.seconds;
      if (h.handlers.length !== 1 || seconds?.state !== 'written' || !Number.isInteger(seconds.value) || !(seconds.value! > 0)) return [];
      const exec = execSleep(seconds.value!);
      return [{ messageId: 'useExecSleep', data: { seconds: seconds.value! }, fix: ctx.edits.replaceEntry(handler.key, exec.type, exec.value) }];
    };
    return {
      container(c) {
        if (c.role === 'ephemeral') return;
        const rp = c.restartPolicy;
        if (c.role === 'sidecar' && rp.state === 'written') {
          const hasProbesOrHooks = c.probes.some((p) => !p.empty) || c.hooks.length > 0;
          check('sidecarContainers', rp, {}, hasProbesOrHooks ? '; as it has probes or lifecycle hooks, the API server then rejects the pod (not allowed on regular init containers)' : '');
        } else if (c.role === 'app' || c.role === 'init') {
          // restartPolicy (any value on an app container, not Always on an init container) and
          // restartPolicyRules come with the same gate: one finding per container.
          if (rp.state === 'written') check('containerRestartPolicy', rp);
          else if (c.restartPolicyRules.keyNode) check('containerRestartPolicy', c.restartPolicyRules.keyNode);
        }
        // lifecycle on a regular init container is rejected at any version: init-container-lifecycle.
        if (c.role !== 'init' && c.stopSignal.state === 'written') check('stopSignal', c.stopSignal);
      },
      hook(h) {
        // Hooks and probes on regular init and ephemeral containers are rejected at any version.
        if (h.container.role !== 'app' && h.container.role !== 'sidecar') return;
        for (const handler of h.handlers) {
          if (handler.type !== 'sleep') continue;
          if (check('sleepAction', handler.key, { hook: h.kind }, '', execSleepInstead(h, handler))) continue;
          if (handler.seconds?.state === 'written' && handler.seconds.value === 0) check('sleepZeroSeconds', handler.seconds);
        }
      },
      probe(p) {
        if (p.empty || (p.container.role !== 'app' && p.container.role !== 'sidecar')) return;
        const probe = `${p.kind}Probe`;
        if (p.kind === 'startup') check('startupProbe', p.key);
        for (const handler of p.handlers) if (handler.type === 'grpc') check('grpcProbe', handler.key, { probe });
        // On a readinessProbe the field is rejected at any version: readiness-grace-period.
        const tgps = p.terminationGracePeriodSeconds;
        if (p.kind !== 'readiness' && tgps.node) check('probeTerminationGracePeriod', tgps.node, { probe });
      },
    };
  },
});
