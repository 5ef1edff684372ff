/** Config files: discovery, validation with positions, presets and CLI overrides. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { ConfigError, findConfigFile, loadConfigFile } from '../src/config/load.js';
import { presetSeverities } from '../src/config/presets.js';
import { resolveConfig } from '../src/config/resolve.js';
import { root } from './harness.js';

const bin = join(root, 'dist', 'src', 'cli.js');
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      readinessProbe:\n';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kll-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('presets', () => {
  it('are derived from rule metadata', () => {
    const rec = presetSeverities('recommended', rules);
    const strict = presetSeverities('strict', rules);
    for (const [id, r] of Object.entries(rules)) {
      expect(rec[id]).toBe(r.meta.defaultSeverity);
      expect(strict[id]).not.toBe('off');
    }
    expect(Object.values(presetSeverities('none', rules)).every((s) => s === 'off')).toBe(true);
  });

  it('rule entries set severity and options over the defaults', () => {
    const c = resolveConfig({ rules: { 'probe-empty': 'off', 'poststart-slow': { severity: 'error', maxSeconds: 3 } } }, rules);
    expect(c.rules['probe-empty']).toBeUndefined();
    expect(c.rules['poststart-slow']).toEqual({ severity: 2, options: { maxSeconds: 3 } });
  });
});

describe('config files', () => {
  it('are found upward from the working directory', () => {
    const dir = project({ '.kube-lifelint.yml': 'extends: strict\n', 'a/b/pod.yaml': pod });
    expect(findConfigFile(join(dir, 'a', 'b'))).toBe(join(dir, '.kube-lifelint.yml'));
  });

  it('an invalid config names the config file line and column and what was expected', () => {
    const dir = project({ '.kube-lifelint.yaml': 'extends: recommended\nrules:\n  probe-emtpy: warn\n  poststart-slow:\n    severity: error\n    maxSecond: 3\nkubernetesVersion: 1.30\n' });
    let err: unknown;
    try {
      loadConfigFile(join(dir, '.kube-lifelint.yaml'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain(".kube-lifelint.yaml:3:3: unknown key 'probe-emtpy' in 'rules' (did you mean 'probe-empty'?)");
    expect(msg).toContain(".kube-lifelint.yaml:6:5: unknown key 'maxSecond'");
    expect(msg).toMatch(/\.kube-lifelint\.yaml:7:20: 'kubernetesVersion' must be string/);
  });

  it('the CLI applies the config, lets flags override it, and exits 2 on a bad one', () => {
    const dir = project({ '.kube-lifelint.yaml': 'rules:\n  probe-empty: error\n', 'pod.yaml': pod });
    expect(run(['pod.yaml'], dir).status).toBe(1);
    expect(run(['pod.yaml', '--rule', 'probe-empty=warn'], dir).status).toBe(0);
    expect(run(['pod.yaml', '--no-config'], dir).status).toBe(0);
    const bad = project({ '.kube-lifelint.yaml': 'extends: everything\n', 'pod.yaml': pod });
    const r = run(['pod.yaml'], bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('.kube-lifelint.yaml:1:10');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--print-config shows the resolved configuration', () => {
    const dir = project({ '.kube-lifelint.yaml': 'extends: none\nrules:\n  probe-empty: error\n', 'pod.yaml': pod });
    const out = JSON.parse(run(['--print-config', 'pod.yaml'], dir).stdout);
    expect(Object.keys(out.resolved.rules)).toEqual(['probe-empty']);
    expect(out.configFile).toBe(join(dir, '.kube-lifelint.yaml'));
  });

  it('schemas/config.schema.json is a valid JSON Schema that accepts a full config', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'config.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ extends: 'strict', rules: { 'poststart-slow': { severity: 'warn', maxSeconds: 20 } }, kubernetesVersion: '1.33', runtime: 'auto', podTemplatePaths: { MyJob: 'spec.podTemplate' }, ignorePatterns: ['charts/'] })).toBe(true);
    expect(validate({ rules: { 'poststart-slow': 'sometimes' } })).toBe(false);
  });
});
