import { defineRule } from '../../src/rule-api.js';

const windowsSignals = new Set(['SIGTERM', 'SIGKILL']);

export default defineRule({
  id: 'stop-signal-without-os',
  meta: {
    description: 'lifecycle.stopSignal needs spec.os.name, and on Windows only SIGTERM or SIGKILL.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    hasSuggestions: true,
    messages: {
      noOs: 'lifecycle.stopSignal {{signal}} without spec.os.name: the API server rejects it (stopSignal can only be set for Pods with a non-empty .spec.os.name).',
      windows: 'lifecycle.stopSignal {{signal}} on a Windows pod: only SIGTERM and SIGKILL are accepted.',
      setLinux: 'Set spec.os.name to linux (the pod runs on Linux nodes).',
    },
  },
  create(ctx) {
    return {
      container(c) {
        const sig = c.stopSignal;
        if (sig.state !== 'written' || sig.value === undefined) return;
        const os = c.pod.osName;
        // A suggestion, not a fix: os.name also restricts scheduling and pod security checks.
        if (os.value === undefined || os.value === '') {
          const fix = ctx.edits.setPath(c.pod.node, ['os', 'name'], 'linux');
          ctx.report({ at: sig, messageId: 'noOs', data: { signal: sig.value }, suggest: fix.length ? [{ messageId: 'setLinux', fix }] : [] });
        }
        else if (os.value === 'windows' && !windowsSignals.has(sig.value)) {
          ctx.report({ at: sig, messageId: 'windows', data: { signal: sig.value }, related: [{ at: os, message: 'os.name: windows' }] });
        }
      },
    };
  },
});
