import { defineRule, type Locatable } from '../../src/rule-api.js';
import type { ContainerView, HandlerView, HookKind, ProbeKind } from '../../src/k8s/views.js';
import {
  execCommandHandling, failureConsequence, hookHandling, ignoredConsequence, probeHandling, runtimeDetector,
  runtimeProfileListItemSchema, type Handling, type RuntimeMatch, type RuntimeProfile,
} from '../../src/runtime/profiles.js';

/** Only app containers and sidecars may have hooks and probes; anything else is rejected by the API server. */
const runsHooksAndProbes = (c: ContainerView) => c.role === 'app' || c.role === 'sidecar';

const defaultDetail = { ignored: 'the platform does not run it', rejected: 'the platform does not support it', fails: 'it cannot work there' } as const;

export default defineRule<{ profiles: RuntimeProfile[] }>({
  id: 'runtime-unsupported',
  meta: {
    description: "A probe or lifecycle hook that the pod's runtime platform ignores, rejects or cannot run.",
    category: 'runtime',
    defaultSeverity: 'error',
    messages: {
      ignored: '{{what}} on {{platform}}: {{detail}}. It is silently ignored: {{consequence}}.',
      rejected: '{{what}} on {{platform}}: {{detail}}. The platform rejects the pod, so it never runs there.',
      fails: '{{what}} on {{platform}}: {{detail}}. It fails at runtime: {{consequence}}.',
    },
    options: {
      type: 'object',
      properties: {
        profiles: {
          type: 'array',
          default: [],
          description: 'Extra runtime profiles (same shape as the config\'s `runtimes`); one with a built-in\'s name replaces it.',
          items: runtimeProfileListItemSchema,
        },
      },
      additionalProperties: false,
    },
  },
  create(ctx) {
    // The config's `runtimes`, then this rule's `profiles` option, may replace a built-in.
    const runtimeOf = runtimeDetector(ctx.settings, ctx.options.profiles);

    const report = (m: RuntimeMatch, handling: Handling, at: Locatable, what: string, kind: HookKind | ProbeKind) => {
      const t = handling.treatment as Exclude<Handling['treatment'], 'supported'>;
      const platform = m.source === 'setting' ? `${m.profile.title} (runtime '${m.profile.name}' from the settings)` : m.profile.title;
      ctx.report({
        at,
        messageId: t,
        data: {
          what,
          platform,
          detail: handling.detail ?? defaultDetail[t],
          consequence: t === 'ignored' ? ignoredConsequence[kind] : failureConsequence[kind],
        },
        related: m.evidence.map((e) => ({ at: e.at, message: `${m.profile.title}: ${e.message}` })),
      });
    };

    /** exec argv[0] that a profile cannot run (Windows: POSIX shells). */
    const checkExec = (matches: RuntimeMatch[], h: HandlerView, where: string, kind: HookKind | ProbeKind): void => {
      const argv0 = h.type === 'exec' ? h.command?.items[0] : undefined;
      if (!argv0 || !h.command) return;
      for (const m of matches) {
        const rule = execCommandHandling(m.profile, h.command.value[0]!);
        if (rule) return report(m, rule, argv0, `exec command \`${h.command.value[0]}\` (${rule.label}) in the ${where}`, kind);
      }
    };

    return {
      hook(hk) {
        const h = hk.handler;
        // None or several handlers: handler-count; on regular init and ephemeral containers the API
        // server rejects any hook (init-container-lifecycle, schema).
        if (!h || !runsHooksAndProbes(hk.container)) return;
        const matches = runtimeOf(hk.container.pod);
        for (const m of matches) {
          const handling = hookHandling(m.profile, h.type);
          if (handling) return report(m, handling, h.key, `${h.type} ${hk.kind} hook`, hk.kind);
        }
        checkExec(matches, h, `${hk.kind} hook`, hk.kind);
      },
      probe(p) {
        const h = p.handler;
        // Empty: probe-empty; none or several handlers: handler-count.
        if (p.empty || !h || !runsHooksAndProbes(p.container)) return;
        const matches = runtimeOf(p.container.pod);
        const sidecar = p.container.role === 'sidecar';
        for (const m of matches) {
          const handling = probeHandling(m.profile, p.kind, h.type, sidecar);
          if (!handling) continue;
          if (m.profile.probes?.[p.kind] === handling) return report(m, handling, p.key, `${p.kind}Probe`, p.kind);
          if (m.profile.initContainerProbes === handling) return report(m, handling, p.key, `${p.kind}Probe on an init container`, p.kind);
          return report(m, handling, h.key, `${h.type} ${p.kind}Probe`, p.kind);
        }
        checkExec(matches, h, `${p.kind}Probe`, p.kind);
      },
    };
  },
});
