/**
 * Helm charts and Kustomize overlays, rendered by the real tools (test/tools/install-k8s-tools.sh
 * puts helm v4 and kubectl 1.35 in a cache folder; .ci/run exports it as KUBE_LIFELINT_TOOLS).
 * Each finding must land at the values, template, base or patch line and column the user edits;
 * the fixture files under fixtures/_sources carry `# expect:` markers at those lines. Without the
 * tools the suite skips with the reason, except under CI, where their absence is a failure.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinter, type LintFilesOutcome } from '../src/index.js';
import type { RenderOptions } from '../src/render/lint-rendered.js';
import type { LintMessage } from '../src/types.js';
import { actualFindings, expectedFindings, read, root } from './harness.js';
import { helm, k8sToolsAvailable, kubectl } from './k8s-tools.js';

const available = k8sToolsAvailable();
const suite = available ? describe : describe.skip;

const sources = join(root, 'fixtures', '_sources');
const chart = join(sources, 'helm', 'shop');
const overlay = join(sources, 'kustomize', 'overlays', 'prod');
/** Patches written in the kustomization (strategic merge), and JSON 6902 operations (in files and inline). */
const inlineOverlay = join(sources, 'kustomize', 'overlays', 'inline');
const jsonOverlay = join(sources, 'kustomize', 'overlays', 'json6902');
/** No tool on this PATH: the render code must not find the machine's own helm or kubectl. */
const noTools: RenderOptions = { searchPath: '' };

const lint = (paths: string[], render: RenderOptions, cwd = root): LintFilesOutcome => createLinter({ cwd, render: { searchPath: '', ...render } }).lintFiles(paths);
const messagesOf = (outcome: LintFilesOutcome, file: string): LintMessage[] => outcome.results.find((r) => r.filePath === file)?.messages ?? [];
const at = (m: LintMessage | undefined) => m && `${m.line}:${m.column}-${m.endLine}:${m.endColumn}`;
const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));

/** Every file's findings equal its `# expect:` markers, and no finding is in a file without any. */
function expectMarkers(outcome: LintFilesOutcome, dir: string) {
  const files = filesUnder(dir);
  for (const file of files) expect(actualFindings(messagesOf(outcome, file)), relative(root, file)).toEqual(expectedFindings(read(file)));
  for (const r of outcome.results) if (r.messages.length) expect(files, `findings in ${r.filePath}`).toContain(r.filePath);
}

suite('Helm charts rendered with helm template', () => {
  const outcome = lint([chart], { helm });

  it('reports each finding at the values or template line that wrote it, never the raw templates', () => {
    expect(outcome.errors).toEqual([]);
    expectMarkers(outcome, chart);
  });

  it('maps values, toYaml, with and range reads to the exact columns of values.yaml', () => {
    const values = messagesOf(outcome, join(chart, 'values.yaml'));
    const byRule = (id: string) => values.filter((m) => m.ruleId === id);
    // toYaml .Values.lifecycle: the `sleep 60` inside the flow list of values.yaml.
    const prestop = byRule('prestop-exceeds-grace-period')[0];
    expect(at(prestop)).toBe('7:29-7:39');
    // Its related grace period comes from `{{ .Values.terminationGracePeriodSeconds }}`.
    expect(prestop?.related?.[0]).toMatchObject({ filePath: join(chart, 'values.yaml'), line: 3, column: 32 });
    // The rendered location is kept, named after the helm command and the template.
    expect(prestop?.related?.at(-1)?.message).toBe('as rendered by helm template fixtures/_sources/helm/shop (shop/templates/deployment.yaml)');
    // `with .Values.readiness` + `.httpGet.port`, and `range .Values.sidecars` + `.probePort` (second item).
    expect(byRule('probe-port-unresolved').map(at)).toEqual(['11:11-11:18', '19:16-19:25']);
    // A subchart's value set by the parent under `worker:` maps to the parent's values.yaml.
    expect(at(byRule('grace-period-zero')[0])).toBe('21:34-21:35');
    // A literal in the template stays in the template, at the characters of `sleep 20`.
    expect(at(messagesOf(outcome, join(chart, 'templates', 'deployment.yaml'))[0])).toBe('33:38-33:46');
  });

  it('two containers under one `containers[]` path: each finding maps to its own container\'s values and template line', () => {
    const twins = join(sources, 'helm', 'twins');
    const both = lint([twins], { helm });
    expectMarkers(both, twins);
    // toYaml of each container's lifecycle: the `tcpSocket:` key of the values that hold the rendered port.
    const hooks = messagesOf(both, join(twins, 'values.yaml'));
    expect(hooks.map(at)).toEqual(['6:7-6:16', '11:7-11:16']);
    // Two rendered places (app, then sidecar), not one mapped twice.
    expect(hooks[0]!.related!.at(-1)!.line).toBeLessThan(hooks[1]!.related!.at(-1)!.line);
    // A finding at the second container's `- name:` is at its line, not the first container's.
    expect(messagesOf(both, join(twins, 'templates', 'deployment.yaml')).map(at)).toEqual(['25:11-25:15']);
  });

  it('renders the chart when only a changed template or values file is given (pre-commit)', () => {
    for (const file of [join(chart, 'templates', 'deployment.yaml'), join(chart, 'values.yaml'), join(chart, 'charts', 'worker', 'templates', 'pod.yaml')]) {
      const one = lint([file], { helm });
      expect(one.results.flatMap((r) => r.messages.map((m) => `${relative(chart, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`)).sort()).toEqual(
        outcome.results.flatMap((r) => r.messages.map((m) => `${relative(chart, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`)).sort(),
      );
    }
  });

  it('maps to a --values file that wins, and says so when --set changed the value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-values-'));
    const file = join(dir, 'prod.yaml');
    writeFileSync(file, '# production\nterminationGracePeriodSeconds: 5\n');
    const withFile = lint([chart], { helm, values: [file] });
    const prestop = messagesOf(withFile, join(chart, 'values.yaml')).find((m) => m.ruleId === 'prestop-exceeds-grace-period');
    expect(prestop?.related?.[0]).toMatchObject({ filePath: file, line: 2, column: 32, message: 'terminationGracePeriodSeconds: 5' });

    const withSet = lint([chart], { helm, set: ['readiness.httpGet.port=other'] });
    const port = withSet.results.flatMap((r) => r.messages.map((m) => ({ ...m, filePath: r.filePath }))).find((m) => m.message.includes('"other"'));
    // The value is in no file: the finding points at the template action that wrote it.
    expect(port).toMatchObject({ filePath: join(chart, 'templates', 'deployment.yaml'), line: 28, column: 21, endColumn: 40 });
    expect(port?.message).not.toContain('cannot tell');
  });

  it('without helm: an error naming the chart and how to install helm; every other file is still linted', () => {
    const pod = join(root, 'fixtures', 'prestop-exceeds-grace-period', 'invalid.yaml');
    const none = lint([chart, pod], noTools);
    expect(none.errors).toHaveLength(1);
    expect(none.errors[0]!.path).toBe(chart);
    expect(none.errors[0]!.message).toMatch(/helm is needed.*install helm.*--helm.*helm template fixtures\/_sources\/helm\/shop \| kube-lifelint -/);
    expect(none.results.map((r) => r.filePath)).toEqual([pod]);
    expect(none.results[0]!.messages.length).toBeGreaterThan(0);
  });

  it('coverage: the chart is rendered (its pod templates counted), its files never linted as written', () => {
    const covered = createLinter({ cwd: root, render: { searchPath: '', helm } }).lintFiles([chart], { coverage: true }).coverage!;
    expect(covered.find((c) => c.filePath === chart)).toMatchObject({ status: 'rendered', reason: 'rendered by helm template fixtures/_sources/helm/shop', podTemplates: 2 });
    const files = covered.filter((c) => c.filePath !== chart);
    expect(files.map((c) => relative(chart, c.filePath)).sort()).toEqual(['Chart.yaml', 'charts/worker/Chart.yaml', 'charts/worker/templates/pod.yaml', 'charts/worker/values.yaml', 'templates/deployment.yaml', 'values.yaml']);
    expect(new Set(files.map((c) => c.status))).toEqual(new Set(['rendered']));
    const without = createLinter({ cwd: root, render: noTools }).lintFiles([chart], { coverage: true }).coverage!;
    expect(without.find((c) => c.filePath.endsWith('deployment.yaml'))).toMatchObject({ status: 'skipped', reason: "a file of the Helm chart 'fixtures/_sources/helm/shop', which was not rendered (no helm)" });
  });

  it('a chart whose dependencies are not built is an error that says to run helm dependency build (nothing is downloaded)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-helmdep-'));
    mkdirSync(join(dir, 'app', 'templates'), { recursive: true });
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'app', 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: lib\n    version: 0.1.0\n    repository: file://../lib\n');
    writeFileSync(join(dir, 'lib', 'Chart.yaml'), 'apiVersion: v2\nname: lib\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'app', 'templates', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: a:1\n');
    const outcome = lint([join(dir, 'app')], { helm }, dir);
    expect(outcome.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^helm template app failed: .*helm dependency build/)]);
    expect(readdirSync(join(dir, 'app'))).not.toContain('charts');
  });

  it('the CLI exits 2 without helm, and lints the chart with --helm', () => {
    const cli = join(root, 'dist', 'bundle', 'cli.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, '--format', 'json', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: '', NO_COLOR: '1' } });
    const without = run('fixtures/_sources/helm/shop');
    expect(without.status).toBe(2);
    expect(without.stderr).toContain('install helm');
    expect(without.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const withHelm = run('--helm', helm, 'fixtures/_sources/helm/shop');
    expect(withHelm.status, withHelm.stderr).toBe(1);
    // Every file of the rendered chart has a result, as every linted file does; the findings are where they were written.
    const results = JSON.parse(withHelm.stdout) as { filePath: string; messages: unknown[] }[];
    expect(results.map((r) => relative(chart, r.filePath)).sort()).toEqual(['Chart.yaml', 'charts/worker/Chart.yaml', 'charts/worker/templates/pod.yaml', 'charts/worker/values.yaml', 'templates/deployment.yaml', 'values.yaml']);
    expect(results.filter((r) => r.messages.length).map((r) => relative(chart, r.filePath)).sort()).toEqual(['templates/deployment.yaml', 'values.yaml']);
  });
});

suite('Kustomize overlays built with kubectl kustomize', () => {
  const outcome = lint([overlay], { kustomize: kubectl });
  const every = lint([overlay, inlineOverlay, jsonOverlay], { kustomize: kubectl });
  const relatedOf = (m: LintMessage | undefined) => m?.related?.map((r) => `${relative(sources, r.filePath ?? '')}:${r.line}:${r.column}-${r.endColumn} ${r.message}`);

  it('reports each finding at the base or patch line whose value won', () => {
    expect(every.errors).toEqual([]);
    expectMarkers(every, join(sources, 'kustomize'));
  });

  it('a patch written inside the kustomization maps to its characters there, the base value it overrode related', () => {
    const file = join(inlineOverlay, 'kustomization.yaml');
    const [port, prestop] = messagesOf(every, file);
    // `patches: - patch: |-`: the probe's port inside the block scalar.
    expect(port).toMatchObject({ ruleId: 'probe-port-unresolved', line: 20, column: 27, endLine: 20, endColumn: 32 });
    expect(port?.message).not.toContain('cannot tell');
    // `patchesStrategicMerge: - |-`: the `sleep 45` it writes, related to the grace period it writes and the base's two values.
    expect(prestop).toMatchObject({ ruleId: 'prestop-exceeds-grace-period', line: 36, column: 43, endLine: 36, endColumn: 53 });
    expect(relatedOf(prestop)?.slice(0, 3)).toEqual([
      'kustomize/overlays/inline/kustomization.yaml:30:42-44 terminationGracePeriodSeconds: 20',
      'kustomize/base/deployment.yaml:14:38-40 terminationGracePeriodSeconds: overridden here',
      'kustomize/base/deployment.yaml:24:39-49 overridden here',
    ]);
    // raiseGrace edits the grace period in the kustomization file, the characters `20`.
    const fix = prestop?.suggestions?.find((x) => x.messageId === 'raiseGrace')?.fix;
    expect(read(file).slice(...fix!.range)).toBe('20');
  });

  it('JSON 6902 operations map to their value: in a patch file, inline under patches, and under patchesJson6902', () => {
    const [prestop] = messagesOf(every, join(jsonOverlay, 'kustomization.yaml'));
    // The inline `replace` of the preStop command: the `sleep 45` item of its flow list.
    expect(prestop).toMatchObject({ ruleId: 'prestop-exceeds-grace-period', line: 17, column: 29, endLine: 17, endColumn: 39 });
    // The grace period comes from `value: 10` of grace.yaml (a `replace` at /spec/template/spec/terminationGracePeriodSeconds).
    expect(relatedOf(prestop)?.slice(0, 3)).toEqual([
      'kustomize/overlays/json6902/grace.yaml:3:10-12 terminationGracePeriodSeconds: 10',
      'kustomize/base/deployment.yaml:14:38-40 terminationGracePeriodSeconds: overridden here',
      'kustomize/base/deployment.yaml:24:39-49 overridden here',
    ]);
    // An `add` of a whole probe: the port inside its value, followed below the operation's path.
    expect(at(messagesOf(every, join(jsonOverlay, 'probe.yaml'))[0])).toBe('7:13-7:20');
  });

  it('the patch that lowered the grace period is related, with the base value it overrode', () => {
    const [prestop] = messagesOf(outcome, join(sources, 'kustomize', 'base', 'deployment.yaml'));
    expect(at(prestop)).toBe('24:39-24:49');
    expect(prestop?.related?.map((r) => `${relative(sources, r.filePath ?? '')}:${r.line}:${r.column} ${r.message}`).slice(0, 2)).toEqual([
      'kustomize/overlays/prod/shorter-grace.yaml:9:38 terminationGracePeriodSeconds: 30',
      'kustomize/base/deployment.yaml:14:38 terminationGracePeriodSeconds: overridden here',
    ]);
    expect(at(messagesOf(outcome, join(overlay, 'probes.yaml'))[0])).toBe('18:21-18:26');
  });

  it('a walked folder builds only the top-level overlays, and lints none of their files raw', () => {
    const walked = lint([join(sources, 'kustomize')], { kustomize: kubectl });
    const withFindings = (o: LintFilesOutcome) => o.results.filter((r) => r.messages.length).map((r) => ({ file: r.filePath, findings: actualFindings(r.messages) })).sort((a, b) => a.file.localeCompare(b.file));
    expect(withFindings(walked)).toEqual(withFindings(every));
    // The base's files, read by the build, each have a result too (none is lost from the report).
    expect(walked.results.map((r) => relative(sources, r.filePath)).sort()).toEqual(filesUnder(join(sources, 'kustomize')).map((f) => relative(sources, f)).filter((f) => /\.ya?ml$/.test(f)).sort());
  });

  it('coverage: the overlay is built (its pod templates counted), the files it read are not linted as written', () => {
    const covered = createLinter({ cwd: root, render: { searchPath: '', kustomize: kubectl } }).lintFiles([join(sources, 'kustomize')], { coverage: true }).coverage!;
    expect(covered.find((c) => c.filePath === overlay)).toMatchObject({ status: 'rendered', reason: 'built by kubectl kustomize fixtures/_sources/kustomize/overlays/prod', podTemplates: 1 });
    expect(covered.filter((c) => c.status !== 'rendered')).toEqual([]);
    // Each overlay, and every file the builds read (the base's for each overlay that read it).
    expect(new Set(covered.map((c) => relative(sources, c.filePath)))).toEqual(new Set([...filesUnder(join(sources, 'kustomize')), overlay, inlineOverlay, jsonOverlay].map((f) => relative(sources, f))));
  });

  it('a changed patch given alone builds its overlay (pre-commit)', () => {
    const one = lint([join(overlay, 'probes.yaml')], { kustomize: kubectl });
    expect(one.results.flatMap((r) => actualFindings(r.messages).map((f) => `${relative(sources, r.filePath)}:${f}`))).toEqual(
      outcome.results.flatMap((r) => actualFindings(r.messages).map((f) => `${relative(sources, r.filePath)}:${f}`)),
    );
  });

  it('a changed base file given alone builds the overlays under the working folder that use it (pre-commit)', () => {
    const kustomize = join(sources, 'kustomize');
    const one = lint([join(kustomize, 'base', 'deployment.yaml')], { kustomize: kubectl }, kustomize);
    const findings = (o: LintFilesOutcome) => o.results.flatMap((r) => actualFindings(r.messages).map((f) => `${relative(sources, r.filePath)}:${f}`)).sort();
    expect(findings(one)).toEqual(findings(every));
    // Given as a folder, the base is what was asked for: it is built alone (no finding: 90 s grace).
    expect(lint([join(kustomize, 'base')], { kustomize: kubectl }, kustomize).results.flatMap((r) => r.messages)).toEqual([]);
  });

  it('without the tools, many overlays make one note, not one each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-kmany-'));
    for (const name of ['a', 'b', 'c', 'd']) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'kustomization.yaml'), 'resources:\n  - pod.yaml\n');
      writeFileSync(join(dir, name, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: a:1\n');
    }
    const raw = lint([dir], noTools, dir);
    expect(raw.notes).toEqual(["4 Kustomize overlays ('a', 'b', 'c', …) were not built (neither kustomize nor kubectl is on PATH; --kustomize PATH names one), so their files are linted as they are, patches as partial (--verbose lists them)."]);
    expect(raw.results).toHaveLength(8);
  });

  it('without kustomize or kubectl: linted raw, patches partial (no probe-port-unresolved), and a note', () => {
    const raw = lint([join(sources, 'kustomize')], noTools);
    expect(raw.errors).toEqual([]);
    expect(raw.notes?.[0]).toMatch(/^3 Kustomize overlays .* were not built/);
    expect(raw.results.flatMap((r) => r.messages.map((m) => m.ruleId))).not.toContain('probe-port-unresolved');
  });

  it('overlays that fail to build make one note; each one\'s error is in the coverage (--verbose, JSON stats); their files are linted as written', () => {
    const failing = join(sources, 'kustomize-failing');
    const outcome = createLinter({ cwd: root, render: { searchPath: '', kustomize: kubectl } }).lintFiles([failing], { coverage: true });
    expect(outcome.errors).toEqual([]);
    expect(outcome.notes).toEqual([
      "building 2 Kustomize overlays ('fixtures/_sources/kustomize-failing/bad-patch', 'fixtures/_sources/kustomize-failing/missing-base') failed, so their files are linted as they are, patches as partial (--verbose gives each overlay's error).",
    ]);
    const why = (dir: string) => outcome.coverage!.find((c) => c.filePath === join(failing, dir));
    expect(why('bad-patch')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^not built: kubectl kustomize fixtures\/_sources\/kustomize-failing\/bad-patch failed \(error: no resource matches strategic merge patch .*other.*\); its files are linted as written$/) });
    expect(why('missing-base')?.reason).toMatch(/^not built: kubectl kustomize .*missing-base failed \(error: accumulating resources: .*nowhere.*\); its files are linted as written$/);
    // Nothing is lost: every file is linted as written (the patch as a partial pod spec: no probe-port-unresolved).
    expectMarkers(outcome, failing);
    expect(outcome.results.map((r) => relative(failing, r.filePath)).sort()).toEqual(['bad-patch/deployment.yaml', 'bad-patch/kustomization.yaml', 'bad-patch/patch.yaml', 'missing-base/kustomization.yaml', 'missing-base/pod.yaml']);
    // The CLI prints the one note, and with --verbose each overlay's error.
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'bundle', 'cli.js'), '--kustomize', kubectl, ...args, 'fixtures/_sources/kustomize-failing'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const plain = cli();
    expect(plain.stderr.match(/note:/g)).toHaveLength(1);
    const verbose = cli('--verbose', '-f', 'json');
    expect(verbose.stderr).toMatch(/skipped +fixtures\/_sources\/kustomize-failing\/bad-patch: not built: .*no resource matches/);
    const stats = (JSON.parse(verbose.stdout) as { filePath: string; stats?: { reason: string } }[]).find((r) => r.filePath === join(failing, 'missing-base'))?.stats;
    expect(stats?.reason).toMatch(/accumulating resources/);
  });

  it('a build failure is a note naming the overlay and the tool\'s error; its files are linted as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-kbad-'));
    for (const sub of ['base', join('overlays', 'prod')]) cpSync(join(sources, 'kustomize', sub), join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'overlays', 'prod', 'kustomization.yaml'), 'resources:\n  - ../../missing\n  - ../../base\npatches:\n  - path: shorter-grace.yaml\n  - path: probes.yaml\n');
    const bad = lint([dir], { kustomize: kubectl }, dir);
    expect(bad.errors).toEqual([]);
    expect(bad.notes).toEqual([expect.stringMatching(/^building the Kustomize overlay 'overlays\/prod' failed \(error: .*missing.*\), so its files are linted as they are, patches as partial\.$/)]);
    // The base, linted as written: its own 90 s grace period covers the sleep.
    expect(bad.results.flatMap((r) => r.messages)).toEqual([]);
    const covered = createLinter({ cwd: dir, render: { searchPath: '', kustomize: kubectl } }).lintFiles([dir], { coverage: true }).coverage!;
    expect(covered.find((c) => c.filePath.endsWith('probes.yaml'))?.reason).toBe("linted as written: building the Kustomize overlay 'overlays/prod' failed");
  });
});
