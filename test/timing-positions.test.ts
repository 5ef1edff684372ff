/**
 * Timing findings point at the construct inside the command string: the reported range is exactly
 * the `sleep N` token, whatever the YAML scalar style around it (plain, single-quoted with ''
 * escapes, double-quoted with backslash escapes, block literal).
 */
import { describe, expect, it } from 'vitest';
import type { LintMessage } from '../src/types.js';
import { lintWith, onlyRule } from './harness.js';

/** A Pod with one container whose preStop runs `command` (YAML lines, indented under `command:`). */
function pod(command: string[], grace = 'terminationGracePeriodSeconds: 20'): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    'spec:',
    ...(grace ? [`  ${grace}`] : []),
    '  containers:',
    '    - name: app',
    '      image: busybox:1.36',
    '      lifecycle:',
    '        preStop:',
    '          exec:',
    ...command.map((l) => `            ${l}`),
    '',
  ].join('\n');
}

/** The source text a single-line finding covers. */
function covered(text: string, m: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>): string {
  expect(m.endLine).toBe(m.line);
  return text.split('\n')[m.line - 1]!.slice(m.column - 1, m.endColumn! - 1);
}

function only(text: string, ruleId: string): LintMessage {
  const { messages } = lintWith(text, onlyRule(ruleId));
  expect(messages.map((m) => m.ruleId)).toEqual([ruleId]);
  return messages[0]!;
}

describe('prestop-exceeds-grace-period reports exactly the sleep token', () => {
  it('in a plain scalar', () => {
    const text = pod(['command:', '  - sh', '  - -c', '  - nginx -s quit; sleep 20']);
    const m = only(text, 'prestop-exceeds-grace-period');
    expect([m.line, m.column, m.endLine, m.endColumn]).toEqual([16, 32, 16, 40]);
    expect(covered(text, m)).toBe('sleep 20');
  });

  it("in a single-quoted scalar with '' escapes before the sleep", () => {
    const text = pod(["command: ['sh', '-c', 'echo ''it''''s'' > /tmp/x; sleep 20']"]);
    const m = only(text, 'prestop-exceeds-grace-period');
    expect([m.line, m.column, m.endLine, m.endColumn]).toEqual([13, 63, 13, 71]);
    expect(covered(text, m)).toBe('sleep 20');
  });

  it('in a double-quoted scalar with backslash escapes before the sleep', () => {
    const text = pod(['command: ["sh", "-c", "printf \\"%s\\\\n\\" \\"a\\tb\\" \\u0041; sleep 20"]']);
    // The line as written: command: ["sh", "-c", "printf \"%s\\n\" \"a\tb\" \u0041; sleep 20"]
    expect(text.split('\n')[12]).toContain('"printf \\"%s\\\\n\\" \\"a\\tb\\" \\u0041; sleep 20"');
    const m = only(text, 'prestop-exceeds-grace-period');
    expect([m.line, m.column, m.endLine, m.endColumn]).toEqual([13, 70, 13, 78]);
    expect(covered(text, m)).toBe('sleep 20');
  });

  it('in a block literal scalar', () => {
    const text = pod(['command:', '  - /bin/sh', '  - -c', '  - |', '    echo "draining"', '    curl -s localhost:8080/drain || true', '    sleep 20']);
    const m = only(text, 'prestop-exceeds-grace-period');
    expect([m.line, m.column, m.endLine, m.endColumn]).toEqual([19, 17, 19, 25]);
    expect(covered(text, m)).toBe('sleep 20');
  });

  it('with units and env values, the token as written', () => {
    const text = pod(['command: ["sh", "-c", "sleep 1m"]']);
    expect(covered(text, only(text, 'prestop-exceeds-grace-period'))).toBe('sleep 1m');
    const withEnv = pod(['command: ["sh", "-c", "sleep $DELAY"]']).replace('      image: busybox:1.36\n', '      image: busybox:1.36\n      env:\n        - name: DELAY\n          value: "25"\n');
    const m = only(withEnv, 'prestop-exceeds-grace-period');
    expect(covered(withEnv, m)).toBe('sleep $DELAY');
    expect(m.message).toContain('at least 25s (sleep $DELAY)');
  });

  it('relates the default grace period to the pod spec key, and says it is the default', () => {
    const text = pod(['command: ["sh", "-c", "sleep 30"]'], '');
    const m = only(text, 'prestop-exceeds-grace-period');
    expect(covered(text, m)).toBe('sleep 30');
    expect(m.message).toContain('30s (default; not set)');
    expect(m.related).toHaveLength(1);
    expect(m.related![0]).toMatchObject({ line: 5, column: 1, endLine: 5, endColumn: 5 });
    expect(m.related![0]!.message).toBe('terminationGracePeriodSeconds not set: default 30s');
  });
});

describe('the other timing rules use the same spans', () => {
  it('prestop-starves-shutdown: the sleep in a double-quoted scalar', () => {
    const text = pod(['command: [/bin/bash, -c, "echo \\"bye\\"; sleep 17"]']);
    const m = only(text, 'prestop-starves-shutdown');
    expect(covered(text, m)).toBe('sleep 17');
    expect(m.message).toContain('leaving at most 3s');
  });

  it('prestop-never-ends: the loop head in a block literal', () => {
    const text = pod(['command:', '  - sh', '  - -c', '  - |', '    while true; do', '      sleep 1', '    done']);
    const m = only(text, 'prestop-never-ends');
    expect([m.line, m.column, m.endColumn]).toEqual([17, 17, 27]);
    expect(covered(text, m)).toBe('while true');
  });

  it('probe-grace-cuts-prestop: the probe value, with the sleep as related location', () => {
    const text = pod(["command: ['sh', '-c', 'sleep 20']"]).replace(
      '      lifecycle:\n',
      '      livenessProbe:\n        tcpSocket: { port: 80 }\n        terminationGracePeriodSeconds: 10\n      lifecycle:\n',
    );
    const m = only(text, 'probe-grace-cuts-prestop');
    expect(covered(text, m)).toBe('10');
    expect(covered(text, m.related![0]!)).toBe('sleep 20');
  });
});
