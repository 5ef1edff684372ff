/**
 * Fixes and suggestions of findings in rendered Helm and Kustomize output, carried to the values,
 * template, base or patch file the user edits (src/render/carry-edits.ts), with the real tools
 * (test/k8s-tools.ts). The expected text after each repair is in fixtures/_sources/expected/,
 * mirroring the source tree: `<file>.output.yaml` after `--fix`, `<file>.suggest-<messageId>.output.yaml`
 * after that suggestion. They cannot sit beside the sources: helm renders every file under
 * templates/, and a walked overlay folder lints every file the build does not read.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinter, type LintFilesOutcome } from '../src/index.js';
import { LineIndex } from '../src/engine/line-index.js';
import { passesThrough } from '../src/render/carry-edits.js';
import type { RenderOptions } from '../src/render/lint-rendered.js';
import type { FixEdit, LintMessage } from '../src/types.js';
import formatSarif from '../src/formatters/sarif.js';
import { actualFindings, expectedFindings, read, root } from './harness.js';
import { helm, k8sToolsAvailable, kubectl } from './k8s-tools.js';

const suite = k8sToolsAvailable() ? describe : describe.skip;

const sources = join(root, 'fixtures', '_sources');
const expectedDir = join(sources, 'expected');
const chart = join(sources, 'helm', 'fixable');
const overlay = join(sources, 'kustomize', 'overlays', 'prod');

const lint = (paths: string[], render: RenderOptions, cwd = root, fix = false): LintFilesOutcome => createLinter({ cwd, fix, render: { searchPath: '', ...render } }).lintFiles(paths);
const messagesOf = (outcome: LintFilesOutcome, file: string): LintMessage[] => outcome.results.find((r) => r.filePath === file)?.messages ?? [];
const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
const expected = (file: string, suffix: string) => read(join(expectedDir, relative(sources, file)).replace(/\.yaml$/, `${suffix}.yaml`));
/** `line:col-endLine:endCol` of an edit's range in the file it edits. */
const span = (file: string, e: FixEdit) => {
  const lines = new LineIndex(read(file));
  const a = lines.linePos(e.range[0]);
  const b = lines.linePos(e.range[1]);
  return `${a.line}:${a.col}-${b.line}:${b.col}`;
};
const apply = (text: string, e: FixEdit) => text.slice(0, e.range[0]) + e.text + text.slice(e.range[1]);
const raiseGrace = (m: LintMessage | undefined) => m?.suggestions?.find((s) => s.messageId === 'raiseGrace')?.fix;

/** An empty folder and a writer of files under it. */
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'kll-carry-'));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  return { dir, write };
}

/** A copy of the sources folder, for re-rendering after an edit; `at(file)` is the copy's path of a source file. */
function copyOfSources() {
  const dir = mkdtempSync(join(tmpdir(), 'kll-carry-'));
  cpSync(sources, dir, { recursive: true });
  return { dir, at: (file: string) => join(dir, relative(sources, file)) };
}

suite('Helm: fixes and suggestions edit values.yaml and templates', () => {
  const outcome = lint([chart], { helm });
  const values = join(chart, 'values.yaml');
  const template = (name: string) => join(chart, 'templates', name);

  it('reports each finding where its `# expect:` marker is', () => {
    expect(outcome.errors).toEqual([]);
    for (const file of filesUnder(chart)) expect(actualFindings(messagesOf(outcome, file)), relative(root, file)).toEqual(expectedFindings(read(file)));
  });

  it('raiseGrace edits the grace period in values.yaml, in its quotes, and the re-render has no finding', () => {
    const prestop = messagesOf(outcome, values).find((m) => m.ruleId === 'prestop-exceeds-grace-period');
    const fix = raiseGrace(prestop);
    // `terminationGracePeriodSeconds: "20"` on line 2: the quoted value, quotes kept.
    expect(fix && span(values, fix)).toBe('2:32-2:36');
    expect(fix?.filePath).toBeUndefined(); // the finding's own file
    const after = apply(read(values), fix!);
    expect(after).toBe(expected(values, '.suggest-raiseGrace.output'));
    const copy = copyOfSources();
    writeFileSync(copy.at(values), after);
    const again = lint([copy.at(chart)], { helm }, copy.dir);
    expect(messagesOf(again, copy.at(values)).map((m) => m.ruleId)).toEqual(['liveness-success-threshold']);
  });

  it('a value the template computes (`add`) gets no edit; neither does a pod spec with an `if` among its keys', () => {
    for (const name of ['computed.yaml', 'conditional.yaml']) {
      const [prestop, ...rest] = messagesOf(outcome, template(name));
      expect(rest).toEqual([]);
      expect(prestop?.ruleId).toBe('prestop-exceeds-grace-period');
      // No grace-period edit; the sleep written as a literal in the template may still be shortened there.
      expect(prestop?.suggestions?.map((s) => s.messageId).filter((id) => id !== 'shortenSleep') ?? [], name).toEqual([]);
      for (const s of prestop?.suggestions ?? []) expect(s.fix.filePath ?? template(name), name).toBe(template(name));
    }
  });

  it('a grace period the template does not write is added to the plain YAML pod spec of the template', () => {
    const file = template('literal.yaml');
    const fix = raiseGrace(messagesOf(outcome, file)[0]);
    expect(fix && span(file, fix)).toBe('15:1-15:1');
    const after = apply(read(file), fix!);
    expect(after).toBe(expected(file, '.suggest-raiseGrace.output'));
    const copy = copyOfSources();
    writeFileSync(copy.at(file), after);
    expect(messagesOf(lint([copy.at(chart)], { helm }, copy.dir), copy.at(file))).toEqual([]);
  });

  it('fix mode (--fix-dry-run): values.yaml gets the fixed text as output, the fixed finding is gone, the rest keep their edits', () => {
    const fixed = lint([chart], { helm }, root, true);
    const result = fixed.results.find((r) => r.filePath === values);
    expect(result?.output).toBe(expected(values, '.output'));
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['prestop-exceeds-grace-period']);
    expect(raiseGrace(result?.messages[0])).toEqual(raiseGrace(messagesOf(outcome, values)[0]));
    // Templates and rendered output are never given an output: no fix edits them.
    expect(fixed.results.filter((r) => r.output !== undefined).map((r) => r.filePath)).toEqual([values]);
  });

  it('--fix writes the successThreshold fix into values.yaml, nothing else, and the chart then lints without it', () => {
    const copy = copyOfSources();
    const cli = join(root, 'dist', 'bundle', 'cli.js');
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, '--helm', helm, '-f', 'json', ...args, relative(copy.dir, copy.at(chart))], { cwd: copy.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const before = new Map(filesUnder(copy.at(chart)).map((f) => [f, readFileSync(f, 'utf8')]));
    const fixed = run('--fix');
    expect(fixed.status, fixed.stderr).toBe(1); // the preStop findings remain: suggestions are never applied
    expect(readFileSync(copy.at(values), 'utf8')).toBe(expected(values, '.output'));
    const changed = filesUnder(copy.at(chart)).filter((f) => before.get(f) !== readFileSync(f, 'utf8'));
    expect(changed).toEqual([copy.at(values)]);
    const again = JSON.parse(run().stdout) as { filePath: string; messages: LintMessage[] }[];
    expect(again.flatMap((r) => r.messages.map((m) => m.ruleId))).not.toContain('liveness-success-threshold');
    expect(again.flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('prestop-exceeds-grace-period');
  });
});

suite('Kustomize: fixes and suggestions edit the base or patch that won', () => {
  const outcome = lint([overlay], { kustomize: kubectl });
  const base = join(sources, 'kustomize', 'base', 'deployment.yaml');
  const patch = join(overlay, 'shorter-grace.yaml');

  it('raiseGrace of a finding at the base edits the patch that lowered the grace period, naming it', () => {
    const fix = raiseGrace(messagesOf(outcome, base).find((m) => m.ruleId === 'prestop-exceeds-grace-period'));
    expect(fix?.filePath).toBe(patch);
    expect(span(patch, fix!)).toBe('9:38-9:40');
    const after = apply(read(patch), fix!);
    expect(after).toBe(expected(patch, '.suggest-raiseGrace.output'));
    const copy = copyOfSources();
    writeFileSync(copy.at(patch), after);
    const again = lint([copy.at(overlay)], { kustomize: kubectl }, copy.dir);
    expect(again.results.flatMap((r) => r.messages.map((m) => m.ruleId))).toEqual(['probe-port-unresolved']);
  });

  it('SARIF names the patch in the fix, at its line and column', () => {
    const sarif = JSON.parse(formatSarif(outcome.results, { cwd: root, color: false, rulesMeta: {}, toolVersion: '0' })) as { runs: { results: { ruleId: string; fixes?: { artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: object }[] }[] }[] }[] }[] };
    const change = sarif.runs[0]!.results.find((r) => r.ruleId === 'prestop-exceeds-grace-period')?.fixes?.[0]?.artifactChanges[0];
    expect(change?.artifactLocation.uri).toBe('fixtures/_sources/kustomize/overlays/prod/shorter-grace.yaml');
    expect(change?.replacements[0]?.deletedRegion).toEqual({ startLine: 9, startColumn: 38, endLine: 9, endColumn: 40 });
  });

  it('a grace period no document writes is added to the document that wrote the pod spec', () => {
    const { dir, write } = scratch();
    write('base/kustomization.yaml', 'resources:\n  - pod.yaml\n');
    write('base/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: example/app:1.0\n      lifecycle:\n        preStop:\n          exec:\n            command: ["sh", "-c", "sleep 40"]\n');
    write('overlay/kustomization.yaml', 'resources:\n  - ../base\nnamePrefix: prod-\n');
    const run = lint([join(dir, 'overlay')], { kustomize: kubectl }, dir);
    const fix = raiseGrace(messagesOf(run, join(dir, 'base', 'pod.yaml'))[0]);
    expect(fix).toMatchObject({ text: '  terminationGracePeriodSeconds: 45\n' });
    const pod = join(dir, 'base', 'pod.yaml');
    writeFileSync(pod, apply(readFileSync(pod, 'utf8'), fix!));
    expect(lint([join(dir, 'overlay')], { kustomize: kubectl }, dir).results.flatMap((r) => r.messages)).toEqual([]);
  });

  it('a removed key is removed from the one patch that wrote it; with the base writing it too, there is no fix', () => {
    const { dir, write } = scratch();
    const probe = (grace: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: example/app:1.0\n      readinessProbe:\n        exec:\n          command: ["true"]\n${grace}`;
    write('base/kustomization.yaml', 'resources:\n  - pod.yaml\n');
    write('base/pod.yaml', probe(''));
    write('overlay/kustomization.yaml', 'resources:\n  - ../base\npatches:\n  - path: probe.yaml\n');
    write('overlay/probe.yaml', `${probe('        terminationGracePeriodSeconds: 10 # no such thing\n        periodSeconds: 5\n')}`.replace('      image: example/app:1.0\n', ''));
    const patch = join(dir, 'overlay', 'probe.yaml');
    const fixed = lint([join(dir, 'overlay')], { kustomize: kubectl }, dir, true);
    expect(fixed.results.find((r) => r.filePath === patch)?.output).toBe(readFileSync(patch, 'utf8').replace('        terminationGracePeriodSeconds: 10 # no such thing\n', ''));
    expect(fixed.results.flatMap((r) => r.messages)).toEqual([]);

    write('base/pod.yaml', probe('        terminationGracePeriodSeconds: 10\n'));
    const both = lint([join(dir, 'overlay')], { kustomize: kubectl }, dir);
    const [finding, ...rest] = both.results.flatMap((r) => r.messages);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'readiness-grace-period' });
    expect(finding?.fix).toBeUndefined();
  });
});

suite('Helm: mappings pasted in from the values', () => {
  it('a new key goes into the values mapping the probe came from, not one shared with the other probe; a column-0 include stays inside its mapping', () => {
    const { dir, write } = scratch();
    write('chart/Chart.yaml', 'apiVersion: v2\nname: probes\nversion: 0.1.0\n');
    const probe = (path: string, port: number) => `  httpGet:\n    path: ${path}\n    port: ${port}\n`;
    write('chart/values.yaml', `sidecarProbe:\n${probe('/', 9000)}livenessProbe:\n${probe('/healthz', 8080)}readinessProbe:\n${probe('/healthz', 8080)}probe:\n${probe('/ready', 8080)}resources:\n  limits:\n    memory: 64Mi\n`);
    const pod = (name: string, containers: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: ${name}\nspec:\n  containers:\n${containers}`;
    write('chart/templates/services.yaml', ['two', 'shared'].map((n) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\nspec:\n  selector:\n    app: ${n}\n  ports:\n    - port: 80\n      targetPort: 8080\n`).join('---\n'));
    // Two toYaml includes under one `containers[]` path: the sidecar's is not the app's liveness probe.
    write('chart/templates/two.yaml', pod('two', '    - name: sidecar\n      image: example/sidecar:1.0\n      livenessProbe:\n        {{- toYaml .Values.sidecarProbe | nindent 8 }}\n    - name: app\n      image: example/app:1.0\n      livenessProbe:\n        {{- toYaml .Values.livenessProbe | nindent 8 }}\n      readinessProbe:\n        {{- toYaml .Values.readinessProbe | nindent 8 }}\n'));
    // One values entry for both probes: a key added there would keep them equal.
    write('chart/templates/shared.yaml', pod('shared', '    - name: app\n      image: example/app:1.0\n      livenessProbe:\n        {{- toYaml .Values.probe | nindent 8 }}\n      readinessProbe:\n        {{- toYaml .Values.probe | nindent 8 }}\n'));
    // The include at column 0 writes lines at column 8: the pod spec goes on after it.
    write('chart/templates/column0.yaml', pod('column0', '    - name: app\n      image: example/app:1.0\n      lifecycle:\n        preStop:\n          exec:\n            command: ["sh", "-c", "sleep 40"]\n      resources:\n{{ toYaml .Values.resources | indent 8 }}\n'));
    const chartDir = join(dir, 'chart');
    const run = () => createLinter({ cwd: dir, config: { extends: 'strict' }, render: { searchPath: '', helm } }).lintFiles([chartDir]);
    const findings = (o: LintFilesOutcome, name: string, ruleId: string) => messagesOf(o, join(chartDir, 'templates', name)).filter((m) => m.ruleId === ruleId);
    const before = run();
    expect(findings(before, 'shared.yaml', 'liveness-matches-readiness')).toMatchObject([{ line: 11 }]);
    expect(findings(before, 'shared.yaml', 'liveness-matches-readiness')[0]?.suggestions).toBeUndefined();
    const relax = findings(before, 'two.yaml', 'liveness-matches-readiness')[0]?.suggestions?.[0]?.fix;
    expect(relax).toMatchObject({ filePath: join(chartDir, 'values.yaml'), text: '  failureThreshold: 6\n' });
    expect(span(relax!.filePath!, relax!)).toBe('9:1-9:1'); // after the livenessProbe entry's last line
    const grace = raiseGrace(findings(before, 'column0.yaml', 'prestop-exceeds-grace-period')[0]);
    expect(grace && span(join(chartDir, 'templates', 'column0.yaml'), grace)).toBe('17:1-17:1'); // after the include's line

    for (const [file, edit] of [[relax!.filePath!, relax!], [join(chartDir, 'templates', 'column0.yaml'), grace!]] as const) writeFileSync(file, apply(read(file), edit));
    const after = run();
    expect(after.errors).toEqual([]);
    expect(findings(after, 'two.yaml', 'liveness-matches-readiness')).toEqual([]);
    expect(findings(after, 'column0.yaml', 'prestop-exceeds-grace-period')).toEqual([]);
    expect(findings(after, 'shared.yaml', 'liveness-matches-readiness')).toHaveLength(1);
  });
});

suite('Helm: removed keys', () => {
  it('a key pasted in from values by toYaml is removed from values.yaml; a key the template writes from a value is not', () => {
    const { dir, write } = scratch();
    write('chart/Chart.yaml', 'apiVersion: v2\nname: probes\nversion: 0.1.0\n');
    write('chart/values.yaml', 'readiness:\n  exec:\n    command: ["true"]\n  terminationGracePeriodSeconds: 10\n  periodSeconds: 5\ngrace: 10\n');
    const pod = (name: string, probe: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: example/app:1.0\n      readinessProbe:\n${probe}`;
    write('chart/templates/pasted.yaml', pod('pasted', '        {{- toYaml .Values.readiness | nindent 8 }}\n'));
    write('chart/templates/read.yaml', pod('read', '        exec:\n          command: ["true"]\n        terminationGracePeriodSeconds: {{ .Values.grace }}\n        periodSeconds: 5\n'));
    write('chart/templates/literal.yaml', pod('literal', '        exec:\n          command: ["true"]\n        terminationGracePeriodSeconds: 10\n        periodSeconds: 5\n'));
    const outcome = lint([join(dir, 'chart')], { helm }, dir, true);
    const output = (rel: string) => outcome.results.find((r) => r.filePath === join(dir, 'chart', rel))?.output;
    expect(output('values.yaml')).toBe('readiness:\n  exec:\n    command: ["true"]\n  periodSeconds: 5\ngrace: 10\n');
    expect(output('templates/literal.yaml')).toBe(pod('literal', '        exec:\n          command: ["true"]\n        periodSeconds: 5\n'));
    expect(output('templates/read.yaml')).toBeUndefined();
    // What is left: the finding whose key the template writes from `.Values.grace`, without a fix.
    const left = outcome.results.flatMap((r) => r.messages.map((m) => ({ file: relative(dir, r.filePath), ruleId: m.ruleId, fix: m.fix })));
    expect(left).toEqual([{ file: 'chart/templates/read.yaml', ruleId: 'readiness-grace-period', fix: undefined }]);
  });
});

describe('which template actions pass a value through unchanged', () => {
  it.each([
    ['{{ .Values.grace }}', true],
    ['{{- .Values.grace | quote }}', true],
    ['{{ quote .Values.grace }}', true],
    ['{{ .Values.grace | default 30 }}', true],
    ['{{ default 30 .Values.grace }}', true],
    ['{{- toYaml .Values.lifecycle | nindent 12 }}', true],
    ['{{ .grace | int }}', true],
    ['{{ add .Values.grace 5 }}', false],
    ['{{ .Values.grace | add 5 }}', false],
    ['{{ mul .Values.grace 2 }}', false],
    ['{{ printf "%ds" .Values.grace }}', false],
    ['"{{ .Values.grace }}s"', false],
  ])('%s → %s', (action, through) => {
    expect(passesThrough(action)).toBe(through);
  });
});
