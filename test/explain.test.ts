/**
 * `kube-lifelint explain`: snapshots of the plain-text rendering of every seed manifest at 80 and
 * 120 columns, the width guarantee, the JSON shape, filters, exit codes, honest drawing of unknown
 * and never-ending durations, and that manifest text can inject neither terminal escapes nor HTML.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainMain, type ExplainIO } from '../src/explain/cli.js';
import { explainPaths, explainSources } from '../src/explain/collect.js';
import { renderHtml } from '../src/explain/html.js';
import type { ExplainReport } from '../src/explain/model.js';
import { renderText } from '../src/explain/text.js';
import { lintText } from '../src/index.js';
import { root } from './harness.js';

const seedDir = join(root, 'fixtures', 'seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.yaml')).sort();
const rel = (f: string) => `fixtures/seeds/${f}`;
const explainSeed = (f: string) => explainPaths([rel(f)], { cwd: root });
const withWorkload = seeds.filter((f) => explainSeed(f).workloads.length > 0);

/**
 * The snapshots lock the rendering, not the rules' prose or related locations (rule tests lock
 * those): each finding's message is replaced by a stand-in of similar length.
 */
function withStandInMessages(r: ExplainReport): ExplainReport {
  return {
    ...r,
    workloads: r.workloads.map((w) => ({
      ...w,
      findings: w.findings.map((f) => ({
        ...f,
        message: `The message of ${f.ruleId} goes here: it is wrapped to the width like any text, with a hanging indent under its heading.`,
        related: [],
      })),
    })),
  };
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kll-explain-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Run the explain command in-process; stdout is not a TTY unless asked. */
async function run(args: string[], opts: { cwd?: string; env?: Record<string, string>; tty?: boolean; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io: ExplainIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s) },
    env: opts.env ?? {},
    cwd: opts.cwd ?? root,
    readStdin: () => Promise.resolve(new TextEncoder().encode(opts.stdin ?? '')),
  };
  const code = await explainMain(args, io);
  return { code, stdout, stderr };
}

/**
 * Terminal columns, computed independently of the renderer: ANSI colour codes take none; East
 * Asian wide characters take two; everything the renderer itself draws takes one.
 */
function columns(line: string): number {
  let n = 0;
  for (const ch of line.replace(/\u001b\[[0-9;]*m/g, '')) {
    const cp = ch.codePointAt(0)!;
    n += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0x1f300 && cp <= 0x1faff) ? 2 : 1;
  }
  return n;
}

const hostile = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "web\\e[31mRED\\e]8;;http://evil\\a-\\u202eevil-日本語-a-very-long-name-that-goes-on-and-on-and-on-and-on-for-quite-a-while"
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 20
      initContainers:
        - name: mesh-proxy
          image: envoy
          restartPolicy: Always
          startupProbe:
            httpGet: { port: 15021, path: /ready }
            initialDelaySeconds: 2
            periodSeconds: 1
            failureThreshold: 30
          lifecycle:
            preStop:
              sleep: { seconds: 5 }
        - name: setup
          image: busybox
          command: ["sh", "-c", "true"]
      containers:
        - name: app
          image: nginx
          lifecycle:
            postStart:
              exec: { command: ["sh", "-c", "sleep 3; if [ -f /x ]; then sleep 7; fi"] }
            preStop:
              httpGet: { port: 8080, path: /drain }
          readinessProbe:
            httpGet: { port: 8080 }
            initialDelaySeconds: 4
          livenessProbe:
            tcpSocket: { port: 8080 }
        - name: "<script>alert(1)</script>\\e[2J"
          image: busybox
          lifecycle:
            postStart:
              exec: { command: ["sh", "-c", "tail -f /dev/null"] }
        - name: after-blocked
          image: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: zero-grace
spec:
  terminationGracePeriodSeconds: 0
  containers:
    - name: c
      image: x
      lifecycle:
        preStop:
          exec: { command: ["sleep", "5"] }
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: huge
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          terminationGracePeriodSeconds: 100000
          containers:
            - name: worker-日本語-コンテナ-with-a-long-wide-name
              image: busybox
              startupProbe:
                exec: { command: ["true"] }
                initialDelaySeconds: 86400
                failureThreshold: 1000
              lifecycle:
                preStop:
                  exec: { command: ["sh", "-c", "sleep 1.5"] }
`;
const hostileReport = () => explainSources([{ filePath: join(root, 'hostile.yaml'), text: hostile }], { cwd: root });

describe('explain: plain-text snapshots of the seed manifests', () => {
  it('has seed manifests with workloads to draw', () => {
    expect(withWorkload.length).toBeGreaterThanOrEqual(10);
    expect(withWorkload).toContain('000-01-prestop-poststart-pod.yaml');
  });

  for (const f of withWorkload) {
    for (const width of [80, 120]) {
      it(`${f} at ${width} columns`, () => {
        const text = renderText(withStandInMessages(explainSeed(f)), { width, color: false });
        expect(text).not.toMatch(/\u001b/);
        for (const line of text.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(width);
        expect(text).toMatchSnapshot();
      });
    }
  }
});

describe('explain: every line fits the width', () => {
  const reports: [string, ExplainReport][] = [
    ['all seeds', explainPaths(['fixtures/seeds'], { cwd: root })],
    ['hostile manifest', hostileReport()],
  ];
  for (const [name, report] of reports) {
    for (const width of [20, 30, 40, 63, 64, 80, 100, 120, 200]) {
      for (const color of [false, true]) {
        it(`${name} at ${width} columns${color ? ' in colour' : ''}`, () => {
          const text = renderText(report, { width, color });
          const lines = text.split('\n');
          expect(lines.length).toBeGreaterThan(10);
          for (const line of lines) expect(columns(line), JSON.stringify(line)).toBeLessThanOrEqual(width);
        });
      }
    }
  }

  it('takes COLUMNS, defaults to 80, and --width wins', async () => {
    const seed = rel('000-01-prestop-poststart-pod.yaml');
    const widest = (s: string) => Math.max(...s.split('\n').map(columns));
    expect(widest((await run([seed])).stdout)).toBe(80);
    expect(widest((await run([seed], { env: { COLUMNS: '40' } })).stdout)).toBeLessThanOrEqual(40);
    expect(widest((await run([seed], { env: { COLUMNS: '120' } })).stdout)).toBe(120);
    expect(widest((await run([seed, '--width', '60'], { env: { COLUMNS: '120' } })).stdout)).toBeLessThanOrEqual(60);
    expect((await run([seed, '--width', 'wide'])).code).toBe(2);
  });
});

describe('explain: what is drawn', () => {
  it('draws the first seed: postStart 30s, preStop 20s cut by a 3s grace period, SIGTERM 3s, SIGKILL 5s', () => {
    const text = renderText(explainSeed('000-01-prestop-poststart-pod.yaml'), { width: 80, color: false });
    expect(text).toContain('Pod lifecycle-poststart-prestop-001');
    expect(text).toContain('fixtures/seeds/000-01-prestop-poststart-pod.yaml:4');
    expect(text).toMatch(/postStart +█{20,} +30s \(sleep 30\) \[1\]/);
    expect(text).toMatch(/preStop +█+┄+ +20s \(sleep 20\), cut at 3s \[2\]/);
    expect(text).toMatch(/stop +▼═+✕ +SIGTERM 3s, SIGKILL 5s/);
    expect(text).toMatch(/\[2\] error prestop-exceeds-grace-period · line 37:13 · c1 preStop/);
    expect(text.replace(/\n +/g, ' ')).toContain('before SIGKILL (see line 15: terminationGracePeriodSeconds: 3).');
  });

  it('draws unknown and never-ending durations as such, never as numbers', () => {
    // Notes wrapped in the note column are joined back onto their row.
    const text = renderText(hostileReport(), { width: 160, color: false }).replace(/\n {20,}/g, ' ');
    expect(text).toMatch(/postStart +█+▶ +never ends \(tail -f\s+\/dev\/null\)/);
    expect(text).toMatch(/preStop +░+ +unknown \(httpGet\), cut at 20s at the latest/);
    expect(text).toMatch(/SIGTERM ≥ 0s, SIGKILL ≥ 20s/);
    expect(text).toMatch(/postStart +█+▒+ +3s–10s \(sleep 3\)/);
    expect(text).toMatch(/never starts: an earlier container never gets\s+past its postStart hook/);
    expect(text).toMatch(/pod ready +never/);
    expect(text).toMatch(/waits|after the app containers exit/);
    expect(text).toMatch(/runs +▶░+▶ +starts 2s, runs to completion \(how long is not\s+analysed\)/);
    expect(text).toContain('0s (line 50): no preStop, SIGKILL after 2s [1]');
  });

  it('says "never" with null in the data, not a made-up time', () => {
    const w = hostileReport().workloads[0]!;
    const blocked = w.startup.containers.find((c) => c.name === 'after-blocked')!;
    expect(blocked).toMatchObject({ blocked: true, runningAt: null, readyAt: null });
    expect(w.startup.earliestReady).toBeNull();
    const never = w.startup.containers.find((c) => c.postStart?.bound === 'never-ends')!;
    expect(never.postStart).toMatchObject({ min: null, max: null });
    expect(JSON.stringify(w)).not.toMatch(/Infinity|NaN/);
  });

  it('places findings on their rows and lists them with positions', () => {
    const [w] = explainSeed('000-01-prestop-poststart-pod.yaml').workloads;
    expect(w!.findings.map((f) => [f.ref, f.ruleId, f.line, f.column, f.container, f.phase])).toEqual([
      [1, 'poststart-slow', 30, 14, 'c1', 'postStart'],
      [2, 'prestop-exceeds-grace-period', 37, 13, 'c1', 'preStop'],
    ]);
    const zero = hostileReport().workloads.find((x) => x.name === 'zero-grace')!;
    expect(zero.findings.map((f) => [f.ruleId, f.phase])).toEqual([['grace-period-zero', 'gracePeriod']]);
  });
});

describe('explain: --format json', () => {
  it('prints the timeline data in the documented shape', async () => {
    const r = await run([rel('000-01-prestop-poststart-pod.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ExplainReport;
    expect(Object.keys(report)).toEqual(['schemaVersion', 'workloads', 'problems']);
    expect(report.schemaVersion).toBe(1);
    expect(report.problems).toEqual([]);
    const [w] = report.workloads;
    expect(Object.keys(w!)).toEqual(['file', 'line', 'column', 'kind', 'apiVersion', 'name', 'namespace', 'documentIndex', 'sourcePath', 'gracePeriod', 'startup', 'termination', 'disruptionBudgets', 'findings']);
    expect(w).toMatchObject({
      file: 'fixtures/seeds/000-01-prestop-poststart-pod.yaml',
      line: 4,
      kind: 'Pod',
      name: 'lifecycle-poststart-prestop-001',
      namespace: null,
      gracePeriod: { seconds: 3, defaulted: false, line: 15 },
      startup: {
        earliestReady: 30,
        lastReady: 'c1',
        containers: [
          {
            name: 'c1',
            role: 'app',
            line: 17,
            startAt: 0,
            runningAt: 30,
            blocked: false,
            readyAt: 30,
            readyBecause: { what: 'postStart', seconds: 30, line: 30 },
            postStart: { handler: 'exec', line: 25, bound: 'exact', min: 30, max: 30, evidence: [{ text: 'sleep 30', kind: 'sleep', line: 30, column: 14 }] },
            probes: [],
          },
        ],
      },
      termination: {
        gracePeriodSeconds: 3,
        minimumGracePeriodSeconds: 2,
        hasSidecars: false,
        containers: [
          {
            name: 'c1',
            role: 'app',
            preStop: { handler: 'exec', bound: 'exact', min: 20, max: 20 },
            preStopUntil: 3,
            preStopCut: true,
            sigtermAt: 3,
            sigkillAt: 5,
            shutdownWindow: 2,
          },
        ],
        proxyDrains: [],
        spotNotice: null,
        loadBalancers: [],
      },
      disruptionBudgets: [],
    });
    expect(w!.findings[1]).toEqual({
      ref: 2,
      ruleId: 'prestop-exceeds-grace-period',
      severity: 'error',
      message: expect.stringContaining('preStop takes at least 20s'),
      line: 37,
      column: 13,
      endLine: 37,
      endColumn: 21,
      related: [{ message: 'terminationGracePeriodSeconds: 3', line: 15, column: 34 }],
      container: 'c1',
      phase: 'preStop',
    });
  });

  it('has probe windows, sidecars and every value typed as documented', () => {
    const report = JSON.parse(JSON.stringify(hostileReport())) as ExplainReport;
    const w = report.workloads[0]!;
    expect(w.termination.hasSidecars).toBe(true);
    expect(w.termination.containers.map((c) => `${c.name}:${c.role}`)).toEqual([
      'app:app',
      '<script>alert(1)</script>\u001b[2J:app',
      'after-blocked:app',
      'mesh-proxy:sidecar',
    ]);
    const app = w.startup.containers.find((c) => c.name === 'app')!;
    expect(app.probes.map((p) => [p.kind, p.firstAt, p.failureWindow, p.killAt])).toEqual([
      ['liveness', 5, 30, 35],
      ['readiness', 6, 30, null],
    ]);
    const proxy = w.startup.containers.find((c) => c.name === 'mesh-proxy')!;
    expect(proxy.probes).toMatchObject([{ kind: 'startup', firstAt: 2, killAt: 32, failureThreshold: 30, periodSeconds: 1 }]);
    const bounds = new Set(['exact', 'range', 'at-least', 'never-ends', 'unknown']);
    const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
    for (const wl of [...report.workloads, ...explainPaths(['fixtures/seeds'], { cwd: root }).workloads]) {
      for (const c of wl.startup.containers) {
        expect(num(c.startAt)).toBe(true);
        for (const v of [c.runningAt, c.readyAt]) expect(v === null || num(v)).toBe(true);
        for (const p of c.probes) expect(p.killAt === null || num(p.killAt)).toBe(true);
        if (c.postStart) expect(bounds.has(c.postStart.bound)).toBe(true);
      }
      for (const c of wl.termination.containers) {
        for (const v of [c.sigtermAt, c.sigkillAt, c.shutdownWindow, c.preStopUntil]) expect(num(v)).toBe(true);
        expect(c.sigkillAt - c.sigtermAt).toBeGreaterThanOrEqual(2);
        if (c.preStop) expect(bounds.has(c.preStop.bound)).toBe(true);
      }
    }
  });
});

describe('explain: selection, exit codes and messages', () => {
  it('--workload keeps only the named workload (name or Kind/name)', async () => {
    const byName = JSON.parse((await run(['fixtures/seeds', '--workload', 'pods-workflow-001', '-f', 'json'])).stdout) as ExplainReport;
    expect(byName.workloads.map((w) => w.name)).toEqual(['pods-workflow-001']);
    const byKind = JSON.parse((await run(['fixtures/seeds', '--workload', 'deployment/pod-hook-exec', '--workload', 'Pod/prestop-test', '-f', 'json'])).stdout) as ExplainReport;
    expect(byKind.workloads.map((w) => `${w.kind}/${w.name}`)).toEqual(['Deployment/pod-hook-exec', 'Pod/prestop-test']);
    const text = await run(['fixtures/seeds', '--workload', 'pods-workflow-001']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Pod pods-workflow-001');
    expect(text.stdout).not.toContain('lifecycle-poststart-prestop-001');
  });

  it('--workload or --container matching nothing says so and exits 1', async () => {
    const none = await run(['fixtures/seeds', '--workload', 'nope']);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/nothing to draw: no workload matches --workload 'nope' \(13 workloads found\)/);
    const noContainer = await run([rel('000-01-prestop-poststart-pod.yaml'), '--container', 'c9']);
    expect(noContainer.code).toBe(1);
    expect(noContainer.stderr).toMatch(/--container 'c9'/);
  });

  it('--container keeps that container\'s rows and findings', async () => {
    const r = await run([rel('000-02-workflow-pod-probes-hooks.yaml'), '--container', 'init01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('init01 · init');
    expect(r.stdout).not.toContain('c1 · app');
    expect(r.stdout).not.toContain('FINDINGS');
  });

  it('files without workloads: says clearly that nothing was found, exit 1', async () => {
    const r = await run([rel('002-01-poststart-exec-fragment.yaml'), rel('003-02-docker-compose-healthcheck.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nothing to draw: no workload .* found in 'fixtures\/seeds\/002-01-poststart-exec-fragment\.yaml', 'fixtures\/seeds\/003-02/);
  });

  it('a missing path: named on stderr, the other files still drawn, exit 2', async () => {
    const r = await run(['missing.yaml', rel('000-01-prestop-poststart-pod.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing.yaml");
    expect(r.stdout).toContain('Pod lifecycle-poststart-prestop-001');
  });

  it('usage errors exit 2 with a message; --help exits 0', async () => {
    for (const args of [[], ['--bogus', 'x'], ['-f', 'svg', 'x.yaml'], ['--rule', 'nope=error', 'x.yaml'], ['--preset', 'lax', 'x.yaml'], ['--kube-version', '2', 'x.yaml']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^kube-lifelint explain: .*\nRun 'kube-lifelint explain --help'/);
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kube-lifelint explain/);
  });

  it('YAML errors are reported and the rest of the file is drawn', async () => {
    const dir = tempDir();
    const good = readFileSync(join(seedDir, '000-01-prestop-poststart-pod.yaml'), 'utf8');
    writeFileSync(join(dir, 'm.yaml'), `${good}\n---\nkind: Pod\nmetadata: [oops\n`);
    const r = await run(['m.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/m\.yaml:\d+:\d+: YAML syntax error.*not drawn/);
    expect(r.stdout).toContain('Pod lifecycle-poststart-prestop-001');
  });

  it('reads stdin with -', async () => {
    const text = readFileSync(join(seedDir, '000-01-prestop-poststart-pod.yaml'), 'utf8');
    const r = await run(['-', '--stdin-filename', 'pod.yaml'], { stdin: text });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pod.yaml:4');
  });

  it('--rule and --preset decide which findings are shown', async () => {
    const seed = rel('000-01-prestop-poststart-pod.yaml');
    const off = JSON.parse((await run([seed, '-f', 'json', '--rule', 'poststart-slow=off'])).stdout) as ExplainReport;
    expect(off.workloads[0]!.findings.map((f) => f.ruleId)).toEqual(['prestop-exceeds-grace-period']);
    const none = JSON.parse((await run([seed, '-f', 'json', '--preset', 'none'])).stdout) as ExplainReport;
    expect(none.workloads[0]!.findings).toEqual([]);
  });

  it('takes the same rule flags as lint (--runtime, --kube-version) and shows the findings lint reports with them', async () => {
    const file = '004-01-bci-poststart-pod.yaml';
    const text = readFileSync(join(seedDir, file), 'utf8');
    for (const [flags, config] of [
      [['--runtime', 'azure-aci'], { runtime: 'azure-aci' }],
      [['--runtime', 'windows', '--kube-version', '1.20'], { runtime: 'windows', kubernetesVersion: '1.20' }],
    ] as const) {
      const r = await run([rel(file), '-f', 'json', '--no-config', ...flags]);
      expect(r.code, flags.join(' ')).toBe(0);
      const shown = (JSON.parse(r.stdout) as ExplainReport).workloads.flatMap((w) => w.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`));
      const linted = lintText(text, { filePath: join(seedDir, file), config }).flatMap((x) => x.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`));
      expect(shown, flags.join(' ')).toEqual(linted);
      expect(linted.length, flags.join(' ')).toBeGreaterThan(0);
    }
    const bad = await run([rel(file), '--runtime', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--runtime: unknown runtime 'nope'/);
  });

  it('-o writes the output to a file', async () => {
    const dir = tempDir();
    const r = await run([join(seedDir, '000-01-prestop-poststart-pod.yaml'), '-f', 'html', '-o', join(dir, 'out', 'report.html')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('explain: colour and escaping', () => {
  const seed = rel('000-01-prestop-poststart-pod.yaml');

  it('colour only on a terminal, never with NO_COLOR or --no-color, forced with --color', async () => {
    expect((await run([seed])).stdout).not.toMatch(/\u001b/);
    expect((await run([seed], { tty: true })).stdout).toMatch(/\u001b\[[0-9;]+m/);
    expect((await run([seed], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b/);
    expect((await run([seed, '--no-color'], { tty: true })).stdout).not.toMatch(/\u001b/);
    expect((await run([seed, '--color'])).stdout).toMatch(/\u001b\[[0-9;]+m/);
    expect((await run([seed, '--color', '--no-color'])).stdout).not.toMatch(/\u001b/);
  });

  it('manifest strings cannot inject terminal escapes', () => {
    const plain = renderText(hostileReport(), { width: 100, color: false });
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // The long name wraps (after a "/" now, not mid-word): look for it across the line break.
    expect(plain.replace(/\n/g, '')).toContain('web\\u001b[31mRED\\u001b]8;;http://evil\\u0007-\\u202eevil');
    // In colour the only escapes are the renderer's own SGR sequences.
    const colored = renderText(hostileReport(), { width: 100, color: true });
    expect(colored.replace(/\u001b\[(?:[0-9]+(?:;[0-9]+)*)?m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(colored).not.toContain('\u001b[31mRED');
    expect(colored).not.toContain('\u001b[2J');
  });

  it('manifest strings cannot break the HTML', () => {
    const html = renderHtml(hostileReport());
    expect(html.match(/<script/g)).toBeNull();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\\u001b[2J');
    expect(html).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });
});
