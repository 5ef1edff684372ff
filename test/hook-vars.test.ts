/**
 * The kubelet expands `$(NAME)` in exec probes but not in lifecycle hooks (issue 17): the duration
 * analysis, the timeline and `explain` follow it, and `hookVarRefs` finds the references with
 * their spans in every scalar style.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlerDuration } from '../src/analysis/durations.js';
import { hookVarRefs } from '../src/analysis/hook-vars.js';
import { analyzeExec } from '../src/analysis/shell/index.js';
import { podTimeline } from '../src/analysis/timeline.js';
import { parseYaml } from '../src/engine/parse.js';
import { explainSources } from '../src/explain/collect.js';
import { extractDocument } from '../src/k8s/extract.js';
import type { ContainerView } from '../src/k8s/views.js';
import { lintWith, onlyRule, read, root } from './harness.js';

/** A Pod with one container `c` whose body (env, probes, lifecycle) is `body`, indented for it. */
function podText(body: string, spec = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n    - name: c\n      image: busybox:1.36\n${body.replace(/^/gm, '      ')}\n`;
}

function container(text: string): ContainerView {
  const [d] = parseYaml(text).documents;
  const c = d && extractDocument(d.doc, { filePath: 't.yaml', docIndex: d.index, source: text }).workloads[0]?.pod.containers[0];
  if (!c) throw new Error('no container');
  return c;
}

const env = 'env:\n  - name: D\n    value: "25"\n';
const sameCommandInProbeAndHook = podText(`${env}livenessProbe:\n  exec:\n    command: ["sleep", "$(D)"]\nlifecycle:\n  preStop:\n    exec:\n      command: ["sleep", "$(D)"]\n  postStart:\n    exec:\n      command: ["sh", "-c", "sleep $(D)"]`, '  terminationGracePeriodSeconds: 20\n');

describe('analyzeExec without the kubelet expansion', () => {
  it('keeps $(D) as written but still gives the shell the env', () => {
    const noKubelet = { kubeletExpansion: false };
    expect(analyzeExec(['sleep', '$(D)'], { D: '25' }, noKubelet)).toMatchObject({ minSeconds: 0, maxSeconds: 0, unknown: false });
    expect(analyzeExec(['sh', '-c', 'sleep "$D"'], { D: '25' }, noKubelet)).toMatchObject({ minSeconds: 25, maxSeconds: 25 });
    // An unknown value no longer matters to a reference nobody expands.
    expect(analyzeExec(['sleep', '$(D)'], { D: undefined }, noKubelet)).toMatchObject({ minSeconds: 0, maxSeconds: 0, unknown: false });
  });
});

describe('kubelet $(VAR) expansion: probes yes, hooks no', () => {
  const c = container(sameCommandInProbeAndHook);
  const probe = c.probes.find((p) => p.kind === 'liveness')!;
  const preStop = c.hooks.find((h) => h.kind === 'preStop')!;
  const postStart = c.hooks.find((h) => h.kind === 'postStart')!;

  it('expands in an exec probe', () => {
    expect(handlerDuration(probe.handler!, c)).toMatchObject({ min: 25, max: 25 });
  });

  it('does not expand in a hook: `sleep` gets the literal text and fails at once', () => {
    expect(handlerDuration(preStop.handler!, c)).toMatchObject({ min: 0, max: 0, evidence: [] });
  });

  it('in a hook inside sh -c it is command substitution: no certain delay', () => {
    expect(handlerDuration(postStart.handler!, c)).toMatchObject({ min: 0, evidence: [] });
  });

  it('the timeline: no preStop delay, the grace period is not cut, postStart holds nothing', () => {
    const t = podTimeline(c.pod);
    expect(t.termination.containers[0]).toMatchObject({ preStopCut: false, sigtermAt: 0, preStopUntil: 0 });
    expect(t.startup.containers[0]).toMatchObject({ startAt: 0, runningAt: 0 });
  });

  it('explain shows the hooks without the 25 s the kubelet never waits', () => {
    const [w] = explainSources([{ filePath: 't.yaml', text: sameCommandInProbeAndHook }]).workloads;
    const term = w!.termination!.containers[0]!;
    expect(term.preStop).toMatchObject({ min: 0, evidence: [] });
    expect(term).toMatchObject({ preStopCut: false, sigtermAt: 0 });
    expect(w!.startup!.containers[0]!.postStart).toMatchObject({ min: 0, evidence: [] });
  });
});

describe('hookVarRefs', () => {
  /** The source text at each reference's span, with what the rule needs to say about it. */
  function refs(lifecycle: string, extra = env) {
    const text = podText(`${extra}lifecycle:\n${lifecycle.replace(/^/gm, '  ')}`);
    const c = container(text);
    return c.hooks.flatMap((h) => hookVarRefs(h)).map((r) => ({ text: text.slice(r.span.start, r.span.end), name: r.name, from: r.from, shell: r.inShellScript }));
  }

  it('points at the reference in flow, quoted and block scalars', () => {
    expect(refs('preStop:\n  exec:\n    command: [sleep, $(D)]')).toEqual([{ text: '$(D)', name: 'D', from: 'env', shell: false }]);
    expect(refs("preStop:\n  exec:\n    command: ['sh', '-c', 'echo ''it''s''; sleep $(D)']")).toEqual([{ text: '$(D)', name: 'D', from: 'env', shell: true }]);
    expect(refs('preStop:\n  exec:\n    command: ["sh", "-c", "echo \\"a\\tb\\"; sleep $(D)"]')).toEqual([{ text: '$(D)', name: 'D', from: 'env', shell: true }]);
    expect(refs('preStop:\n  exec:\n    command:\n      - /bin/bash\n      - -ec\n      - |\n        echo bye\n        sleep $(D)\n')).toEqual([
      { text: '$(D)', name: 'D', from: 'env', shell: true },
    ]);
  });

  it('follows the kubelet syntax: $$ escapes, an unclosed $( is text, $(( is not a name', () => {
    expect(refs('preStop:\n  exec:\n    command: ["echo", "$$(D)", "$$$(D)", "$(D", "$((D))"]')).toEqual([{ text: '$(D)', name: 'D', from: 'env', shell: false }]);
  });

  it('tells the shell script from arguments around it', () => {
    // Options before the script, and positional parameters after it (read as is, not run).
    expect(refs('postStart:\n  exec:\n    command: ["sh", "-x", "-c", "echo $(D)", "arg0", "$(D)"]').map((r) => r.shell)).toEqual([true, false]);
    // A shell without -c runs a script file: its arguments are literal.
    expect(refs('postStart:\n  exec:\n    command: ["/bin/sh", "/hooks/start.sh", "$(D)"]').map((r) => r.shell)).toEqual([false]);
  });

  it('leaves command substitution alone; envFrom makes upper-case names possible', () => {
    expect(refs('preStop:\n  exec:\n    command: ["sh", "-c", "kill $(cat /tmp/pid); echo $(date +%s) $(DRAIN)"]')).toEqual([]);
    const withEnvFrom = 'envFrom:\n  - configMapRef: { name: cfg }\n';
    expect(refs('preStop:\n  exec:\n    command: ["sh", "-c", "echo $(hostname); sleep $(DRAIN)"]', withEnvFrom)).toEqual([
      { text: '$(DRAIN)', name: 'DRAIN', from: 'envFrom', shell: true },
    ]);
  });

  it('a valueFrom variable is an env var too; other handlers have no command', () => {
    const valueFrom = 'env:\n  - name: POD\n    valueFrom:\n      fieldRef: { fieldPath: metadata.name }\n';
    expect(refs('preStop:\n  exec:\n    command: ["/bin/deregister", "$(POD)"]', valueFrom)).toMatchObject([{ name: 'POD', from: 'env' }]);
    expect(refs('preStop:\n  httpGet:\n    path: /drain/$(D)\n    port: 80')).toEqual([]);
  });
});

describe('hook-var-not-expanded suggestions', () => {
  const apply = (text: string, fix: { range: [number, number]; text: string }) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
  const lint = (text: string, rule = 'hook-var-not-expanded') => lintWith(text, onlyRule(rule)).messages;

  it('every finding of the invalid fixture gets a repair that removes it, and the shell then waits', () => {
    const text = read(join(root, 'fixtures', 'hook-var-not-expanded', 'invalid.yaml'));
    const found = lint(text);
    expect(found.length).toBeGreaterThan(0);
    for (const m of found) {
      const s = m.suggestions?.[0];
      expect(s, `line ${m.line}`).toBeDefined();
      const fixed = apply(text, s!.fix);
      expect(lint(fixed).filter((x) => x.line === m.line).length).toBeLessThan(found.filter((x) => x.line === m.line).length);
    }
    // The case: once rewritten, the 25 s drain outlasts the 20 s grace period.
    const first = found[0]!;
    expect(first.line).toBe(24);
    const fixed = apply(text, first.suggestions![0]!.fix);
    expect(fixed.split('\n')[23]).toContain('command: ["sh", "-c", "sleep \\"${DRAIN}\\""]');
    expect(lint(fixed, 'prestop-exceeds-grace-period').map((x) => x.line)).toEqual([24]);
  });

  it('no shell-form repair for an image without a shell', () => {
    const text = podText(`${env}lifecycle:\n  preStop:\n    exec:\n      command: ["/app/drain", "$(D)"]`).replace('busybox:1.36', 'gcr.io/distroless/static:nonroot');
    const [m] = lint(text);
    expect(m?.ruleId).toBe('hook-var-not-expanded');
    expect(m?.suggestions).toBeUndefined();
  });
});
