/**
 * Integrations run for real: the pre-commit framework (Debian's pre-commit), the package as a
 * consumer installs it (npm pack → npm install → import and bin, with its types), the
 * `kube-lifelint rules` command and the GitHub Action's script. In CI (.ci/run installs
 * pre-commit) a missing tool is a failure; locally it skips with the reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { parse } from 'yaml';
import { rules } from '../rules/index.js';
import { root } from './harness.js';
import { k8sToolsAvailable, toolsDir } from './k8s-tools.js';

const hazard = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: 3\n  containers:\n    - name: a\n      image: nginx:1.27\n      lifecycle:\n        preStop:\n          exec:\n            command: ["sh", "-c", "sleep 20"]\n';
const fixed = hazard.replace('terminationGracePeriodSeconds: 3', 'terminationGracePeriodSeconds: 40');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const requireTool = (cmd: string) => {
  if (has(cmd)) return true;
  if (process.env.CI) throw new Error(`${cmd} is not installed; .ci/run installs it (apt-get install ${cmd})`);
  return false;
};

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('fails on a hazardous manifest with the finding, then passes once it is fixed', { timeout: 300_000 }, (ctx) => {
    if (!requireTool('pre-commit')) return ctx.skip();
    const repo = mkdtempSync(join(tmpdir(), 'kll-precommit-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    writeFileSync(join(repo, 'pod.yaml'), hazard);
    git('add', 'pod.yaml');
    // try-repo runs the hook from this checkout (its working tree), as `repo:` + `rev:` would from a tag.
    const run = () => spawnSync('pre-commit', ['try-repo', root, 'kube-lifelint', '--files', 'pod.yaml'], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const bad = run();
    expect(bad.status, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toContain('prestop-exceeds-grace-period');
    expect(bad.stdout).toContain('pod.yaml:13:');
    writeFileSync(join(repo, 'pod.yaml'), fixed);
    const good = run();
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toMatch(/kube-lifelint\.+Passed/);
  });

  // Three pre-commit try-repo runs, each installing and building the hook's package: minutes on a
  // loaded 2-core machine (306 s seen), so the hang guard is generous.
  it('in a chart and kustomize repo: a changed values file, helper or base file lints its chart or overlays', { timeout: 600_000 }, (ctx) => {
    if (!requireTool('pre-commit') || !k8sToolsAvailable()) return ctx.skip();
    const repo = mkdtempSync(join(tmpdir(), 'kll-precommit-render-'));
    cpSync(join(root, 'fixtures', '_sources'), repo, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['add', '.'], { cwd: repo });
    const env = { ...process.env, NO_COLOR: '1', PATH: `${toolsDir}${delimiter}${process.env.PATH ?? ''}` };
    const run = (file: string) => spawnSync('pre-commit', ['try-repo', root, 'kube-lifelint', '--files', file], { cwd: repo, encoding: 'utf8', env });
    for (const file of ['helm/shop/values.yaml', 'helm/shop/templates/_helpers.tpl']) {
      const r = run(file);
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toContain('helm/shop/values.yaml:7:29');
      expect(r.stdout).toContain('helm/shop/templates/deployment.yaml:33:38');
      expect(r.stdout).not.toContain('helm-template');
    }
    const base = run('kustomize/base/deployment.yaml');
    expect(base.status, base.stdout + base.stderr).toBe(1);
    expect(base.stdout).toContain('kustomize/base/deployment.yaml:24:39');
    expect(base.stdout).toContain('kustomize/overlays/prod/shorter-grace.yaml line 9');
  });
});

describe('the package as a consumer installs it', () => {
  it('packs, installs, imports with types, and runs the bin', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-consumer-'));
    // `npm test` has just built dist; without --ignore-scripts, pack's `prepare` would rebuild it
    // under the tests that are running from it.
    const tgz = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tgz)], { cwd: dir, encoding: 'utf8' });
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import { lintText, lintFiles, rules, type LintResult } from 'kube-lifelint';",
        `const results: LintResult[] = lintText(${JSON.stringify(hazard)}, { filePath: 'pod.yaml' });`,
        "const ids: string[] = results[0]!.messages.map((m) => m.ruleId ?? 'engine');",
        "const outcome = lintFiles(['missing.yaml']);",
        "console.log(JSON.stringify({ ids, rules: Object.keys(rules).length, errors: outcome.errors.length }));",
      ].join('\n'),
    );
    // Type-check the consumer against the installed package's declarations.
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'use.ts'], { cwd: dir, encoding: 'utf8' });
    writeFileSync(join(dir, 'use.mjs'), readFileSync(join(dir, 'use.ts'), 'utf8').replace(', type LintResult', '').replace(': LintResult[]', '').replace(': string[]', '').replace('results[0]!', 'results[0]'));
    const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: dir, encoding: 'utf8' }));
    expect(out.ids).toEqual(['prestop-exceeds-grace-period']);
    expect(out.rules).toBeGreaterThan(20);
    expect(out.errors).toBe(1);
    writeFileSync(join(dir, 'pod.yaml'), hazard);
    const bin = spawnSync(join(dir, 'node_modules', '.bin', 'kube-lifelint'), ['--format', 'compact', 'pod.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(bin.status).toBe(1);
    expect(bin.stdout).toContain('pod.yaml:13:');
  });
});

describe('the published files', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
  const packed = (JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);

  it('hold no build tools, and import nothing but dependencies and Node built-ins', () => {
    expect(packed.filter((p) => p.startsWith('dist/src/tools/'))).toEqual([]);
    expect(packed).toContain('dist/bundle/cli.js');
    const imported = new Set<string>();
    for (const file of packed.filter((p) => p.endsWith('.js'))) {
      // TypeScript's pre-processor lists import, export-from, import() and require() specifiers, not comments.
      for (const { fileName } of ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true).importedFiles) {
        if (!fileName.startsWith('.')) imported.add(fileName);
      }
    }
    const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
    const foreign = [...imported].filter((s) => !s.startsWith('node:') && !(packageName(s) in pkg.dependencies));
    expect(foreign).toEqual([]);
  });

  it('build on git installs and `npm ci` (prepare), with no install script for consumers', () => {
    expect(pkg.scripts.prepare).toMatch(/npm run build/);
    expect(Object.keys(pkg.scripts).filter((s) => /^(pre|post)?install$/.test(s))).toEqual([]);
  });
});

describe('kube-lifelint rules', () => {
  const bin = join(root, 'dist', 'src', 'cli.js');
  it('lists every rule with severity, category and doc link, as text and JSON', () => {
    const text = execFileSync(process.execPath, [bin, 'rules'], { encoding: 'utf8' });
    expect(text).toMatch(/prestop-exceeds-grace-period\s+error\s+termination/);
    const json = JSON.parse(execFileSync(process.execPath, [bin, 'rules', '--format', 'json'], { encoding: 'utf8' }));
    expect(json.map((r: { id: string }) => r.id).sort()).toEqual(Object.keys(rules).sort());
    expect(json[0]).toHaveProperty('url');
  });
});

describe('GitHub Action (action.yml)', () => {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { using: string; steps: { run?: string; shell?: string; uses?: string; if?: string; env?: Record<string, string> }[] } };
  /** The lint step run as the runner would: `${{ inputs.x }}` in its env replaced by the input's value. */
  const runLintStep = (dir: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) => {
    const step = action.runs.steps.find((s) => s.run?.includes('cli.js'))!;
    const values: Record<string, string> = { paths: '.', format: 'github', 'sarif-file': '', 'max-warnings': '-1', args: '', ...inputs };
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace(/\$\{\{\s*inputs\.([a-z-]+)\s*\}\}/g, (_m, name: string) => values[name] ?? '')]));
    return spawnSync('bash', ['-c', step.run!], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env, ...extraEnv, GITHUB_ACTION_PATH: root } });
  };
  it('is a composite action whose steps only use declared inputs', () => {
    expect(action.runs.using).toBe('composite');
    const used = JSON.stringify(action.runs.steps).match(/inputs\.([a-z-]+)/g) ?? [];
    for (const u of used) expect(Object.keys(action.inputs)).toContain(u.slice('inputs.'.length));
  });
  it("its lint step emits workflow annotations when run as the runner would", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-action-'));
    writeFileSync(join(dir, 'pod.yaml'), hazard);
    const r = runLintStep(dir, {});
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=pod\.yaml,line=13,/m);
    const listed = runLintStep(dir, { paths: ' pod.yaml\n pod.yaml ', args: '--preset strict --kube-version 1.30', 'sarif-file': 'out.sarif' });
    expect(listed.status).toBe(1);
    expect(existsSync(join(dir, 'out.sarif'))).toBe(true);
  });
  it('in a chart repo, annotates the values and template lines (helm on PATH, as on GitHub-hosted runners)', (ctx) => {
    if (!k8sToolsAvailable()) return ctx.skip();
    const dir = mkdtempSync(join(tmpdir(), 'kll-action-chart-'));
    cpSync(join(root, 'fixtures', '_sources', 'helm', 'shop'), join(dir, 'shop'), { recursive: true });
    const r = runLintStep(dir, {}, { PATH: `${toolsDir}${delimiter}${process.env.PATH ?? ''}` });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^::error file=shop\/values\.yaml,line=7,/m);
    expect(r.stdout).toMatch(/^::error file=shop\/templates\/deployment\.yaml,line=33,/m);
  });
  it('no input is interpolated into a script: a value that looks like shell is data', () => {
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
    const dir = mkdtempSync(join(tmpdir(), 'kll-action-'));
    writeFileSync(join(dir, 'pod.yaml'), hazard);
    const r = runLintStep(dir, { format: 'github"; touch pwned-format; "', paths: 'pod.yaml $(touch pwned-paths)', args: '`touch pwned-args`' });
    expect(existsSync(join(dir, 'pwned-format')) || existsSync(join(dir, 'pwned-paths')) || existsSync(join(dir, 'pwned-args'))).toBe(false);
    expect(r.status).toBe(2); // the odd values reach kube-lifelint as arguments, which rejects them
  });
  it('exists', () => expect(existsSync(join(root, 'action.yml'))).toBe(true));
});
