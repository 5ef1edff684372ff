/**
 * Input that names Object.prototype members (`constructor`, `__proto__`, `isPrototypeOf`) as a kind,
 * a List item's kind, an env name or a rule id: plain data, never a lookup that finds the
 * prototype's member (which ended the whole run with exit 2 and every other file's results lost).
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { resolveConfig } from '../src/config/resolve.js';
import { rules } from '../rules/index.js';

/** A Pod whose preStop (30 s) outlives its grace period (10 s): an error at line 11. */
const HAZARD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  terminationGracePeriodSeconds: 10\n  containers:\n  - name: a\n    image: a:1\n    lifecycle:\n      preStop:\n        exec: {command: ["sleep", "30"]}\n';
const prototypeNames = ['constructor', '__proto__', 'isPrototypeOf', 'hasOwnProperty', 'toString', 'valueOf'];

const ruleLines = (text: string) => lintText(text)[0]!.messages.map((m) => [m.ruleId ?? m.messageId, m.line]);

describe('prototype member names in the input', () => {
  it.each(prototypeNames)('kind: %s (top level and as a List item) is an unknown kind; the Pod after it is still linted', (name) => {
    const top = `apiVersion: v1\nkind: ${name}\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a\n---\n`;
    expect(ruleLines(top + HAZARD)).toEqual([['prestop-exceeds-grace-period', 21]]);
    const list = `apiVersion: v1\nkind: List\nitems:\n- kind: ${name}\n  spec: {template: {spec: {containers: [{name: a, image: a}]}}}\n---\n`;
    expect(ruleLines(list + HAZARD)).toEqual([['prestop-exceeds-grace-period', 17]]);
  });

  it.each(prototypeNames)('an env variable named %s is a plain name for the shell analysis', (name) => {
    const pod = HAZARD.replace('    lifecycle:', `    env:\n    - name: ${name}\n      value: "40"\n    lifecycle:`).replace('["sleep", "30"]', `["sh", "-c", "sleep $${name}"]`);
    // 40 s from the env outlives the 10 s grace period.
    expect(lintText(pod)[0]!.messages.map((m) => [m.ruleId, m.message.match(/at least (\d+)s/)?.[1]])).toEqual([['prestop-exceeds-grace-period', '40']]);
  });

  it.each(prototypeNames)('a config rule id %s is an unknown rule: a config error naming it, not a prototype lookup', (name) => {
    expect(() => resolveConfig({ rules: { [name]: 'warn' } as Record<string, 'warn'> }, rules)).toThrow(`unknown rule '${name}'`);
    expect(ruleLines(HAZARD)).toEqual([['prestop-exceeds-grace-period', 11]]);
  });

  it('a config podTemplatePaths entry named __proto__ or constructor is an ordinary kind', () => {
    const config = { podTemplatePaths: JSON.parse('{"__proto__": "spec.template", "constructor": "spec.template"}') as Record<string, string> };
    const text = 'kind: Unrelated\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 10\n      containers:\n      - name: a\n        lifecycle: {preStop: {exec: {command: [sleep, "30"]}}}\n';
    expect(lintText(text, { config })[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([['prestop-exceeds-grace-period', 8]]);
    expect(resolveConfig(config, rules).templatePaths).toMatchObject({ ['__proto__']: [{ text: 'spec.template', steps: [{ key: 'spec' }, { key: 'template' }] }] });
  });
});
