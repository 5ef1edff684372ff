/**
 * The language server over stdio, driven by the protocol library's client side (test/lsp-client.ts):
 * initialize, open, change, code actions, hover, config reload, a Service edited in another file,
 * files that must stay silent, and the ways the server ends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver';
import { bin, startSession, uriOf, type Session } from './lsp-client.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
          livenessProbe:
            httpGet: { path: /healthz, port: 80 }
            successThreshold: 2
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "40"]
`;

const service = (app: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: ${app}
  ports:
    - port: 80
`;

let dir: string;
let session: Session | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kll-lsp-'));
  mkdirSync(join(dir, 'app'));
});

afterEach(async () => {
  if (session && session.child.exitCode === null) await session.close().catch(() => undefined);
  session = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();

function write(rel: string, text: string): string {
  const p = join(dir, rel);
  writeFileSync(p, text);
  return p;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), edits);
}

async function actionsAt(s: Session, path: string, line: number, only?: string[]): Promise<CodeAction[]> {
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  return (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(path) }, range, context: { diagnostics: [], ...(only ? { only } : {}) } })) as CodeAction[];
}

const editsOf = (a: CodeAction, path: string) => a.edit!.changes![uriOf(path)]!;

describe('kube-lifelint lsp --stdio', () => {
  test('initialize announces incremental sync, code actions (quick fix, fix all) and hover', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    const caps = s.initializeResult.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.kube-lifelint'], resolveProvider: true });
    expect(caps.hoverProvider).toBe(true);
    expect(s.initializeResult.serverInfo?.name).toBe('kube-lifelint');
  });

  test('open: findings with exact ranges, rule id, doc link, related location and severity', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    const f = write('app/deploy.yaml', deployment);
    s.open(f, deployment);
    const d = await s.diagnostics(uriOf(f));
    expect(codes(d)).toEqual(['liveness-success-threshold', 'prestop-exceeds-grace-period']);
    const prestop = d.find((x) => x.code === 'prestop-exceeds-grace-period')!;
    // `sleep` of `["sleep", "40"]` on line 24 (0-based 23): the evidence for the hook's duration.
    expect(prestop.range).toEqual({ start: { line: 23, character: 27 }, end: { line: 23, character: 32 } });
    expect(prestop.severity).toBe(1);
    expect(prestop.codeDescription?.href).toMatch(/rules\/prestop-exceeds-grace-period\/README\.md$/);
    expect(prestop.relatedInformation?.[0]?.location.range.start).toEqual({ line: 11, character: 37 });
    expect(prestop.relatedInformation?.[0]?.location.uri).toBe(uriOf(f));
  });

  test('change: diagnostics follow the text; a burst of changes is linted once, the last version wins', async () => {
    const s = (session = await startSession({ rootPath: dir, initializationOptions: { debounceMs: 300 } }));
    const f = write('app/deploy.yaml', deployment);
    s.open(f, deployment);
    await s.diagnostics(uriOf(f), (d) => d.length === 2);
    const before = ((await s.conn.sendRequest('kube-lifelint/stats')) as { lints: number }).lints;
    const mark = s.published.length;
    // Versions 2..6: only the last removes the preStop finding.
    for (let v = 2; v <= 6; v++) s.change(f, deployment.replace('"40"', v === 6 ? '"5"' : `"4${v}"`), v);
    const d = await s.diagnostics(uriOf(f), (_d, p) => p.version === 6);
    expect(codes(d)).toEqual(['liveness-success-threshold']);
    const after = s.published.slice(mark).filter((p) => p.uri === uriOf(f));
    expect(after.map((p) => p.version)).toEqual([6]);
    const lints = ((await s.conn.sendRequest('kube-lifelint/stats')) as { lints: number }).lints - before;
    expect(lints).toBe(1);
  });

  test('change in one document of a stream: only that document is linted again', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    const two = `${deployment}---\n${deployment.replace('name: web', 'name: api')}`;
    const f = write('app/deploy.yaml', two);
    s.open(f, two);
    await s.diagnostics(uriOf(f), (d) => d.length === 4);
    // The second document's preStop fits the grace period now; the first's finding stays.
    const edited = `${deployment}---\n${deployment.replace('name: web', 'name: api').replace('"40"', '"5"')}`;
    s.change(f, edited, 2);
    const d = await s.diagnostics(uriOf(f), (_d, p) => p.version === 2);
    expect(d.map((x) => `${x.range.start.line} ${String(x.code)}`)).toEqual(['19 liveness-success-threshold', '23 prestop-exceeds-grace-period', '44 liveness-success-threshold']);
    const stats = (await s.conn.sendRequest('kube-lifelint/stats')) as { incremental: { full: number; partial: number; piecesLinted: number } };
    expect(stats.incremental).toEqual({ full: 1, partial: 1, piecesLinted: 1 });
  });

  test('code actions: a fix as the preferred quick fix, and applying it clears the finding', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    const f = write('app/deploy.yaml', deployment);
    s.open(f, deployment);
    await s.diagnostics(uriOf(f));
    const actions = await actionsAt(s, f, 19);
    const titles = actions.map((a) => a.title);
    expect(titles).toEqual([
      'Fix this liveness-success-threshold problem',
      'Disable liveness-success-threshold for this line',
      'Disable liveness-success-threshold for this file',
      'Fix all safe kube-lifelint problems',
    ]);
    const fix = actions[0]!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics?.[0]?.code).toBe('liveness-success-threshold');
    const fixed = applyEdits(deployment, editsOf(fix, f));
    expect(fixed).toBe(deployment.replace('successThreshold: 2', 'successThreshold: 1'));
    s.change(f, fixed, 2);
    expect(codes(await s.diagnostics(uriOf(f), (_d, p) => p.version === 2))).toEqual(['prestop-exceeds-grace-period']);
  });

  test('code actions: disable for this line and for this file are directives the linter honours', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    const two = `${deployment}---\n${deployment.replace('name: web', 'name: api')}`;
    const f = write('app/deploy.yaml', two);
    s.open(f, two);
    await s.diagnostics(uriOf(f));
    const actions = await actionsAt(s, f, 23);
    const line = actions.find((a) => a.title === 'Disable prestop-exceeds-grace-period for this line')!;
    const lineText = applyEdits(two, editsOf(line, f));
    expect(lineText.split('\n')[23]).toBe('                # kube-lifelint-disable-next-line prestop-exceeds-grace-period');
    s.change(f, lineText, 2);
    const afterLine = await s.diagnostics(uriOf(f), (_d, p) => p.version === 2);
    // The second document's finding stays; nothing is reported about the directive (it is used).
    expect(afterLine.filter((x) => x.code === 'prestop-exceeds-grace-period').map((x) => x.range.start.line)).toEqual([49]);
    expect(codes(afterLine)).not.toContain('unused-directive');

    const file = (await actionsAt(s, f, 49)).find((a) => a.title === 'Disable prestop-exceeds-grace-period for this file')!;
    const fileText = applyEdits(lineText, editsOf(file, f));
    s.change(f, fileText, 3);
    const afterFile = await s.diagnostics(uriOf(f), (_d, p) => p.version === 3);
    expect(codes(afterFile)).toEqual(['liveness-success-threshold', 'liveness-success-threshold']);
  });

  test('source.fixAll applies every safe fix, as --fix does', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    const f = write('app/deploy.yaml', deployment);
    s.open(f, deployment);
    await s.diagnostics(uriOf(f));
    const actions = await actionsAt(s, f, 0, ['source.fixAll']);
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.kube-lifelint']);
    expect(applyEdits(deployment, editsOf(actions[0]!, f))).toBe(deployment.replace('successThreshold: 2', 'successThreshold: 1'));
    // Asked for quick fixes only: no fix-all.
    expect((await actionsAt(s, f, 23, ['quickfix'])).every((a) => a.kind === 'quickfix')).toBe(true);
  });

  test('source.fixAll with a client that resolves edits: the fix loop runs when the action is chosen', async () => {
    const capabilities = { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } };
    const s = (session = await startSession({ rootPath: dir, capabilities }));
    const f = write('app/deploy.yaml', deployment);
    s.open(f, deployment);
    await s.diagnostics(uriOf(f));
    const [fixAll] = await actionsAt(s, f, 0, ['source.fixAll']);
    expect(fixAll!.edit).toBeUndefined();
    const resolved = (await s.conn.sendRequest('codeAction/resolve', fixAll)) as CodeAction;
    expect(applyEdits(deployment, editsOf(resolved, f))).toBe(deployment.replace('successThreshold: 2', 'successThreshold: 1'));
    // Offered for version 1, resolved after an edit: no edit (it would apply to other text).
    s.change(f, `${deployment}# edited\n`, 2);
    await s.diagnostics(uriOf(f), (_d, p) => p.version === 2);
    expect(((await s.conn.sendRequest('codeAction/resolve', fixAll)) as CodeAction).edit).toBeUndefined();
  });

  test('hover: preStop shows the termination sequence, a probe its window, elsewhere nothing', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    const f = write('app/deploy.yaml', deployment);
    s.open(f, deployment);
    await s.diagnostics(uriOf(f));
    const hoverAt = (line: number, character: number) => s.conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(f) }, position: { line, character } }) as Promise<Hover | null>;
    const pre = (await hoverAt(21, 14))!;
    const md = (pre.contents as { value: string }).value;
    expect(pre.range).toEqual({ start: { line: 21, character: 12 }, end: { line: 21, character: 19 } });
    expect(md).toContain('grace period 30s (line 12)');
    expect(md).toMatch(/\| 30s \| `web`: \*\*SIGTERM\*\* \|/);
    expect(md).toMatch(/\| 32s \| `web`: \*\*SIGKILL\*\* if still running \(2s after SIGTERM/);
    expect(md).toContain('cut by the grace period at 30s');
    const probe = (await hoverAt(17, 12))!;
    expect((probe.contents as { value: string }).value).toMatch(/liveness probe of `web`.*failureThreshold 3/s);
    expect((probe.contents as { value: string }).value).toMatch(/\| 30s \| `web`: restarted if the liveness probe fails/);
    const pod = (await hoverAt(10, 5))!;
    expect((pod.contents as { value: string }).value).toMatch(/\*Startup\*[\s\S]*\*Termination\*/);
    expect(await hoverAt(14, 12)).toBeNull(); // `image:`
  });

  test('config: severity from the nearest config; reloaded when it changes; a bad one is one diagnostic on it', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    const cfg = write('.kube-lifelint.yaml', 'rules:\n  prestop-exceeds-grace-period: warn\n');
    const f = write('app/deploy.yaml', deployment);
    s.open(f, deployment);
    const d = await s.diagnostics(uriOf(f));
    expect(d.find((x) => x.code === 'prestop-exceeds-grace-period')?.severity).toBe(2);

    write('.kube-lifelint.yaml', 'rules:\n  prestop-exceeds-grace-period: off\n');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: 2 }] });
    expect(codes(await s.diagnostics(uriOf(f), (x) => x.length === 1))).toEqual(['liveness-success-threshold']);

    write('.kube-lifelint.yaml', 'rules:\n  prestop-exceeds-grace-period: off\n  no-such-rule: warn\n');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: 2 }] });
    const bad = await s.diagnostics(uriOf(cfg));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.range.start).toEqual({ line: 2, character: 2 });
    expect(bad[0]!.message).toContain("no-such-rule");
    // The manifest gets no findings from a configuration the user did not write.
    expect(await s.diagnostics(uriOf(f), () => true, 0).then(() => s.published.filter((p) => p.uri === uriOf(f)).at(-1)!.diagnostics)).toEqual([]);

    write('.kube-lifelint.yaml', 'rules: {}\n');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(cfg), type: 2 }] });
    expect(await s.diagnostics(uriOf(cfg))).toEqual([]);
    expect(codes(await s.diagnostics(uriOf(f), (x) => x.length === 2))).toEqual(['liveness-success-threshold', 'prestop-exceeds-grace-period']);
  });

  test('a Service edited in another file changes the Deployment\'s diagnostics', async () => {
    const svcPath = write('app/service.yaml', service('web'));
    const s = (session = await startSession({ rootPath: dir }));
    const f = write('app/deploy.yaml', deployment);
    s.open(f, deployment);
    // The Service on disk is found by the workspace scan.
    expect(codes(await s.diagnostics(uriOf(f), (d) => d.some((x) => x.code === 'readiness-probe-missing')))).toContain('readiness-probe-missing');
    // Edited in the editor (not saved): it no longer selects the pods.
    s.open(svcPath, service('web'));
    s.change(svcPath, service('other'), 2);
    expect(codes(await s.diagnostics(uriOf(f), (d) => !d.some((x) => x.code === 'readiness-probe-missing')))).toEqual(['liveness-success-threshold', 'prestop-exceeds-grace-period']);
    // Closed unsaved: the file on disk selects them again.
    void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(svcPath) } });
    await s.diagnostics(uriOf(f), (d) => d.some((x) => x.code === 'readiness-probe-missing'));
    // Deleted on disk (a file-watch event): gone again.
    rmSync(svcPath);
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(svcPath), type: 3 }] });
    await s.diagnostics(uriOf(f), (d) => !d.some((x) => x.code === 'readiness-probe-missing'));
    // Created again on disk.
    write('app/service.yaml', service('web'));
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(svcPath), type: 1 }] });
    await s.diagnostics(uriOf(f), (d) => d.some((x) => x.code === 'readiness-probe-missing'));
  });

  test('non-Kubernetes YAML and Helm templates get no diagnostics; a broken document gets one', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    mkdirSync(join(dir, 'chart/templates'), { recursive: true });
    write('chart/Chart.yaml', 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    const workflow = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [ { run: "sleep 40" } ]\n';
    const template = deployment.replace('name: web', 'name: {{ .Release.Name }}').replace('"40"', '{{ .Values.sleep }}');
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata: { name: x\nspec: {}\n';
    const files: [string, string][] = [
      ['.github/workflow.yaml', workflow],
      ['docker-compose.yaml', 'services:\n  web:\n    image: nginx\n'],
      ['chart/values.yaml', 'replicaCount: 1\nimage: { repository: nginx }\n'],
      ['chart/templates/deployment.yaml', template],
    ];
    mkdirSync(join(dir, '.github'));
    for (const [rel, text] of files) s.open(write(rel, text), text);
    const b = write('app/broken.yaml', broken);
    s.open(b, broken);
    for (const [rel] of files) expect(await s.diagnostics(uriOf(join(dir, rel)), () => true, 0)).toEqual([]);
    const d = await s.diagnostics(uriOf(b), () => true, 0);
    expect(d.map((x) => x.code)).toEqual(['syntax-error']);
    expect(d[0]!.range.start.line).toBeGreaterThan(0);
  });

  test('an unsaved buffer (untitled:) is linted with the workspace config', async () => {
    const s = (session = await startSession({ rootPath: dir }));
    void s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'yaml', version: 1, text: deployment } });
    expect(codes(await s.diagnostics('untitled:Untitled-1'))).toEqual(['liveness-success-threshold', 'prestop-exceeds-grace-period']);
  });

  test('`lsp` without a transport is a usage error (exit 2); --help is the usage (exit 0)', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'lsp', ...args], { encoding: 'utf8', input: '' });
    const bare = run();
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('Usage: kube-lifelint lsp --stdio');
    expect(bare.stdout).toBe('');
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: kube-lifelint lsp --stdio');
    expect(run('--stdio', '--bogus').status).toBe(2);
  });

  test('shutdown then exit ends with 0; exit without shutdown with 1', async () => {
    const a = await startSession({ rootPath: dir });
    expect(await a.close()).toBe(0);
    const b = await startSession({ rootPath: dir });
    void b.conn.sendNotification('exit');
    expect(await b.exited).toBe(1);
    b.conn.dispose();
  });

  test('the server exits when the client process disappears (processId watch)', async () => {
    const client = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
    const s = await startSession({ rootPath: dir, processId: client.pid! });
    client.kill('SIGKILL');
    // The library polls every 3 s; the test's timeout is the hang guard.
    expect(await s.exited).toBe(1);
    s.conn.dispose();
  }, 30_000);
});
