import { defineRule } from '../../src/rule-api.js';
import { handlerDuration } from '../../src/analysis/durations.js';
import { drainDelaySeconds, sleepHandler } from '../../src/analysis/prestop.js';

export default defineRule({
  id: 'prestop-missing-drain-delay',
  meta: {
    description: 'A container behind a Service without a preStop delay drops in-flight requests while endpoints are being removed.',
    category: 'termination',
    defaultSeverity: 'off',
    hasSuggestions: true,
    messages: {
      missing: 'Container "{{container}}" serves Service "{{service}}" but has no preStop delay: endpoints are removed asynchronously, so during rollouts requests still arrive after SIGTERM and fail. Add a preStop `sleep: {seconds: 5}` (Kubernetes 1.30+) or an exec `sleep 5`.',
      missingNoSleepAction: 'Container "{{container}}" serves Service "{{service}}" but has no preStop delay: endpoints are removed asynchronously, so during rollouts requests still arrive after SIGTERM and fail. Add a preStop exec `sleep 5` (the sleep action needs Kubernetes 1.30+).',
      addSleep: 'Add a preStop sleep action of {{seconds}}s.',
      addExecSleep: 'Add a preStop exec `sleep {{seconds}}` (the image needs a sleep binary).',
    },
  },
  create(ctx) {
    return {
      container(c) {
        // A partial pod spec (a Kustomize patch) may leave the hook to its base.
        if (c.role !== 'app' || c.ports.length === 0 || c.pod.partial) return;
        const svc = ctx.servicesSelecting(c.pod)[0];
        if (!svc) return;
        const preStop = c.hooks.find((h) => h.kind === 'preStop');
        // Only a hook that certainly returns at once counts as no delay (`sleep 5 &`, `echo`, a
        // 0 s sleep). One that waits, or may (a script, `nginx -s quit`, httpGet, an `if` that
        // sleeps), is given the benefit of the doubt.
        if (preStop?.handler) {
          const d = handlerDuration(preStop.handler, c);
          if (d.min > 0 || d.unbounded || d.unknown || d.max === null || d.max > 0 || preStop.handler.type === 'httpGet') return;
        }
        const delay = sleepHandler(c.pod.workload.kubernetesVersion, drainDelaySeconds);
        const sleepAction = delay.type === 'sleep';
        // Only where no preStop is written: beside an instant handler a sleep would be a second handler.
        const suggest = preStop
          ? []
          : [{ messageId: sleepAction ? ('addSleep' as const) : ('addExecSleep' as const), data: { seconds: drainDelaySeconds }, fix: ctx.edits.setPath(c.node, ['lifecycle', 'preStop'], { [delay.type]: delay.value }) }];
        ctx.report({
          at: c.at,
          messageId: sleepAction ? 'missing' : 'missingNoSleepAction',
          data: { container: c.name.value, service: svc.name },
          related: svc.filePath === ctx.filePath ? [{ at: svc.selectorAt, message: `selector of Service "${svc.name}"` }] : [],
          suggest: suggest.filter((s) => s.fix.length > 0),
        });
      },
    };
  },
});
