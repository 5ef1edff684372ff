import { defineRule } from '../../src/rule-api.js';
import { hookVarRefs, shellFormCommand } from '../../src/analysis/hook-vars.js';

/** What a hook command broken by the literal text leads to. */
const consequence = {
  postStart: 'If the command fails on it, the kubelet kills the container (FailedPostStartHook), on every start.',
  preStop: 'If the command fails on it, the hook ends at once (FailedPreStopHook) and its drain delay or cleanup never happens.',
};

export default defineRule({
  id: 'hook-var-not-expanded',
  meta: {
    description: 'A lifecycle hook exec command that uses $(NAME) for a container env var gets the literal text: the kubelet expands it in command, args and probes, not in hooks.',
    category: 'runtime',
    defaultSeverity: 'error',
    hasSuggestions: true,
    messages: {
      literal: 'The kubelet does not expand $({{name}}) in a {{hook}} hook (only in command, args and exec probes): "{{program}}" receives the literal text "$({{name}})", not the value of env {{name}}. {{consequence}} Let a shell read it: sh -c \'… "${{name}}" …\'.',
      substitution: 'The kubelet does not expand $({{name}}) in a {{hook}} hook (only in command, args and exec probes): in the shell script it is command substitution, which runs a program called "{{name}}" instead of reading env {{name}}. {{consequence}} Write "${{name}}".',
      literalEnvFrom: '$({{name}}) in a {{hook}} hook: if {{name}} comes from envFrom, the kubelet does not expand it here (only in command, args and exec probes) and "{{program}}" receives the literal text "$({{name}})". {{consequence}} Let a shell read it: sh -c \'… "${{name}}" …\'.',
      useShell: 'Run the hook through sh -c so that the shell reads {{names}} from the environment.',
      readVariable: 'Read the variable in the script: {{text}}.',
      substitutionEnvFrom: '$({{name}}) in a {{hook}} hook: if {{name}} comes from envFrom, the kubelet does not expand it here (only in command, args and exec probes) and in the shell script it is command substitution, which runs a program called "{{name}}". {{consequence}} Write "${{name}}".',
    },
  },
  create(ctx) {
    return {
      hook(h) {
        // Hooks on regular init and ephemeral containers are rejected by the API server
        // (init-container-lifecycle): they never run.
        if (h.container.role === 'init' || h.container.role === 'ephemeral') return;
        const refs = hookVarRefs(h);
        const shellForm = shellFormCommand(h, refs);
        const command = h.handler?.command?.node;
        const names = [...new Set(refs.map((r) => r.name))].join(', ');
        for (const ref of refs) {
          const form = ref.inShellScript ? 'substitution' : 'literal';
          const suggest = ref.shellText
            ? [{ messageId: 'readVariable' as const, data: { text: ref.shellText }, fix: ctx.edits.replace(ref.span, ref.shellText) }]
            : shellForm && command
              ? [{ messageId: 'useShell' as const, data: { names }, fix: ctx.edits.replace(command, shellForm) }]
              : [];
          ctx.report({
            at: ref.span,
            messageId: ref.from === 'env' ? form : `${form}EnvFrom`,
            data: { name: ref.name, hook: h.kind, program: ref.program, consequence: consequence[h.kind] },
            ...(suggest.length ? { suggest } : {}),
          });
        }
      },
    };
  },
});
