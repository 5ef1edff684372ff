/**
 * `kube-lifelint explain --format html` in a real browser: headless Chromium (Debian package
 * `chromium`, at /usr/bin/chromium) opens the report, and the test checks that the page logs no
 * console errors, that the SVG bars exist with the expected labels, and that they are laid out
 * where their times are. No npm dependency: Chromium is driven through its command line
 * (--dump-dom, --screenshot, --enable-logging=stderr).
 *
 * Without Chromium the suite is skipped, except under CI (process.env.CI set), where it fails
 * with a message saying how to install it. The screenshot goes to os.tmpdir(), never the repo.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainPaths, explainSources } from '../src/explain/collect.js';
import { renderHtml } from '../src/explain/html.js';
import type { ExplainReport } from '../src/explain/model.js';
import { root } from './harness.js';

const chromium = process.env.KUBE_LIFELINT_CHROMIUM || '/usr/bin/chromium';
const ciValue = (process.env.CI ?? '').toLowerCase();
const inCI = ciValue !== '' && ciValue !== '0' && ciValue !== 'false';
const available = existsSync(chromium);

const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-logging=stderr',
  '--v=0',
];

interface BrowserRun {
  dom: string;
  stderr: string;
  /** Console output and uncaught errors of the page (Chromium logs them as CONSOLE lines). */
  consoleLines: string[];
}

function openInChromium(file: string, extra: string[] = ['--dump-dom']): BrowserRun {
  const profile = mkdtempSync(join(tmpdir(), 'kll-chromium-profile-'));
  try {
    const r = spawnSync(chromium, [...flags, `--user-data-dir=${profile}`, ...extra, pathToFileURL(file).href], {
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`chromium exited with ${r.status}:\n${r.stderr}`);
    const consoleLines = r.stderr.split('\n').filter((l) => /:CONSOLE[(:]|Uncaught/.test(l));
    return { dom: r.stdout, stderr: r.stderr, consoleLines };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const unescapeText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');

/** The one section of the dumped DOM that draws this workload. */
function sectionOf(dom: string, name: string): string {
  const start = dom.indexOf(`data-name="${name}"`);
  expect(start, `section for ${name}`).toBeGreaterThan(-1);
  const end = dom.indexOf('</section>', start);
  return dom.slice(start, end);
}

/** Collapsed text of a row's note (its tspans). */
function noteText(section: string, chart: 'startup' | 'termination', container: string, phase: string): string {
  const svgStart = section.indexOf(`data-section="${chart}"`);
  const svg = section.slice(svgStart, section.indexOf('</svg>', svgStart));
  const re = new RegExp(`<text class="note" data-container="${container}" data-phase="${phase}"[^>]*>([\\s\\S]*?)</text>`);
  const m = re.exec(svg);
  expect(m, `${chart} note for ${container} ${phase}`).not.toBeNull();
  return unescapeText(m![1]!.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function rectsIn(section: string, chart: 'startup' | 'termination', container: string, phase: string): string[] {
  const svgStart = section.indexOf(`data-section="${chart}"`);
  const svg = section.slice(svgStart, section.indexOf('</svg>', svgStart));
  return [...svg.matchAll(new RegExp(`<rect class="seg (seg-[a-z]+)" data-container="${container}" data-phase="${phase}"[^>]*>`, 'g'))].map((m) => m[1]!);
}

const hostile = `apiVersion: v1
kind: Pod
metadata:
  name: "x</svg><script>alert(1)</script><img src=https://example.invalid/x.png>\\e[31m"
spec:
  terminationGracePeriodSeconds: 10
  containers:
    - name: "<img src=x onerror=alert(1)>"
      image: nginx
      lifecycle:
        preStop:
          exec: { command: ["sh", "-c", "sleep 30"] }
`;

// Outside CI without Chromium the suite is reported as skipped.
const suite = available ? describe : describe.skip;

suite('explain --format html in headless Chromium', () => {
  let dir: string;
  let page: string;
  let report: ExplainReport;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kll-explain-html-'));
    report = explainPaths(['fixtures/seeds'], { cwd: root });
    const extra = explainSources([{ filePath: join(root, 'hostile.yaml'), text: hostile }], { cwd: root });
    report.workloads.push(...extra.workloads);
    page = join(dir, 'report.html');
    writeFileSync(page, renderHtml(report));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens without console errors and draws every workload', () => {
    const run = openInChromium(page);
    expect(run.consoleLines, run.consoleLines.join('\n')).toEqual([]);
    expect(run.dom).toMatch(/^<!DOCTYPE html>/i);
    expect(run.dom.match(/<section class="workload"/g)).toHaveLength(report.workloads.length);
    expect(run.dom.match(/<svg class="timeline"/g)).toHaveLength(report.workloads.length * 2);
  });

  it('has the SVG bars and labels of the first seed: postStart 30s, preStop 20s cut at 3s, SIGTERM 3s, SIGKILL 5s', () => {
    const s = sectionOf(openInChromium(page).dom, 'lifecycle-poststart-prestop-001');
    expect(rectsIn(s, 'startup', 'c1', 'postStart')).toEqual(['seg-run']);
    expect(noteText(s, 'startup', 'c1', 'postStart')).toBe('30s (sleep 30) [1]');
    expect(noteText(s, 'startup', 'c1', 'ready')).toBe('≥ 30s (postStart)');
    expect(rectsIn(s, 'termination', '', 'gracePeriod')).toEqual(['seg-grace']);
    expect(noteText(s, 'termination', '', 'gracePeriod')).toBe('3s (line 15)');
    expect(rectsIn(s, 'termination', 'c1', 'preStop')).toEqual(['seg-run', 'seg-cut']);
    expect(noteText(s, 'termination', 'c1', 'preStop')).toBe('20s (sleep 20), cut at 3s [2]');
    expect(rectsIn(s, 'termination', 'c1', 'stop')).toEqual(['seg-shutdown']);
    expect(noteText(s, 'termination', 'c1', 'stop')).toBe('SIGTERM 3s, SIGKILL 5s');
    expect(s).toMatch(/<polygon class="mark mark-term" data-container="c1" data-phase="stop"/);
    expect(s).toMatch(/<path class="mark mark-kill" data-container="c1" data-phase="stop"/);
    expect(s).toMatch(/<li id="w1-f2" class="error" data-rule="prestop-exceeds-grace-period">/);
  });

  it('draws unknown and never-ending durations open-ended', () => {
    const dom = openInChromium(page).dom;
    const never = sectionOf(dom, 'myserver-myapp1-lifecycle');
    expect(rectsIn(never, 'termination', 'myserver-myapp1-lifecycle-label', 'preStop')).toEqual(['seg-run', 'seg-cut']);
    expect(noteText(never, 'termination', 'myserver-myapp1-lifecycle-label', 'preStop')).toBe('never ends (sleep 10000000), cut at 60s [2] [3]');
    expect(never).toMatch(/<polygon class="mark mark-more" data-container="myserver-myapp1-lifecycle-label" data-phase="preStop"/);
    const unknown = sectionOf(dom, 'lifecycle-demo');
    expect(rectsIn(unknown, 'termination', 'lifecycle-demo-container', 'preStop')).toEqual(['seg-open']);
    expect(noteText(unknown, 'termination', 'lifecycle-demo-container', 'preStop')).toBe('unknown, cut at 30s at the latest');
  });

  it('keeps manifest text as text: no injected element runs or loads', () => {
    const run = openInChromium(page);
    expect(run.consoleLines).toEqual([]);
    expect(run.dom).not.toMatch(/<script|<img/i);
    expect(unescapeText(run.dom)).toContain('<img src=x onerror=alert(1)>');
  });

  it('lays the bars out where their times are, and nothing spills out of its chart', () => {
    // A copy of the page with a measuring script (the report itself has none, and its CSP forbids scripts).
    const measure = `<script>
      const out = [];
      for (const svg of document.querySelectorAll('svg.timeline')) {
        const section = svg.closest('section').dataset.name;
        const view = svg.viewBox.baseVal;
        out.push({ section, chart: svg.dataset.section, kind: 'svg', x: 0, w: svg.getBoundingClientRect().width, viewWidth: view.width });
        for (const el of svg.querySelectorAll('rect.seg, .mark, text.note')) {
          const b = el.getBBox();
          out.push({ section, chart: svg.dataset.section, kind: el.getAttribute('class'), container: el.dataset.container, phase: el.dataset.phase, x: b.x, w: b.width, viewWidth: view.width });
        }
      }
      const pre = document.createElement('pre');
      pre.id = 'layout';
      pre.textContent = JSON.stringify(out);
      document.body.appendChild(pre);
    </script>`;
    const html = readFileSync(page, 'utf8')
      .replace("default-src 'none'; style-src 'unsafe-inline'", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
      .replace('</body>', `${measure}</body>`);
    const measured = join(dir, 'measured.html');
    writeFileSync(measured, html);
    const run = openInChromium(measured, ['--dump-dom', '--window-size=1200,900']);
    expect(run.consoleLines, run.consoleLines.join('\n')).toEqual([]);
    const json = /<pre id="layout">([\s\S]*?)<\/pre>/.exec(run.dom)?.[1];
    expect(json, 'the measuring script ran').toBeDefined();
    type Box = { section: string; chart: string; kind: string; container?: string; phase?: string; x: number; w: number; viewWidth: number };
    const boxes = JSON.parse(unescapeText(json!)) as Box[];

    for (const b of boxes) {
      if (b.kind === 'svg') expect(b.w, `${b.section} ${b.chart} svg rendered`).toBeGreaterThan(300);
      else {
        expect(b.x, `${b.section} ${b.kind} ${b.phase}`).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w, `${b.section} ${b.kind} ${b.phase} inside the chart`).toBeLessThanOrEqual(b.viewWidth);
      }
      if (b.kind.startsWith('seg ')) expect(b.w, `${b.section} ${b.kind} ${b.phase} has a width`).toBeGreaterThan(0);
    }

    const find = (chart: string, kind: string, phase: string) => {
      const b = boxes.find((x) => x.section === 'lifecycle-poststart-prestop-001' && x.chart === chart && x.kind === kind && x.phase === phase);
      expect(b, `${chart} ${kind} ${phase}`).toBeDefined();
      return b!;
    };
    const centre = (b: Box) => b.x + b.w / 2;
    // Startup: the 30s postStart bar ends where the pod becomes ready (30s).
    const postStart = find('startup', 'seg seg-run', 'postStart');
    const ready = find('startup', 'mark mark-ready', 'ready');
    expect(Math.abs(postStart.x + postStart.w - centre(ready))).toBeLessThanOrEqual(1.5);
    // Termination: the preStop runs until the 3s grace period ends, where SIGTERM lands; SIGKILL 2s later.
    const grace = find('termination', 'seg seg-grace', 'gracePeriod');
    const preStop = find('termination', 'seg seg-run', 'preStop');
    const cut = find('termination', 'seg seg-cut', 'preStop');
    const term = find('termination', 'mark mark-term', 'stop');
    const kill = find('termination', 'mark mark-kill', 'stop');
    expect(Math.abs(grace.x + grace.w - (preStop.x + preStop.w))).toBeLessThanOrEqual(1);
    expect(Math.abs(centre(term) - (grace.x + grace.w))).toBeLessThanOrEqual(1.5);
    expect(Math.abs(cut.x - (grace.x + grace.w))).toBeLessThanOrEqual(1);
    // In units of the 3s grace bar (pixel rounding aside): SIGKILL at 5s, the cut part up to the 20s the hook needs.
    const at = (px: number) => ((px - grace.x) / grace.w) * 3;
    expect(at(centre(kill))).toBeCloseTo(5, 0);
    expect(at(cut.x + cut.w)).toBeCloseTo(20, 0);
  });

  it('takes a screenshot outside the repository', () => {
    const shot = join(tmpdir(), 'kube-lifelint-explain-report.png'); // kept for a look; overwritten on each run
    rmSync(shot, { force: true });
    const run = openInChromium(page, [`--screenshot=${shot}`, '--window-size=1200,2400', '--hide-scrollbars']);
    expect(run.consoleLines).toEqual([]);
    expect(existsSync(shot)).toBe(true);
    expect(relative(root, shot).startsWith('..')).toBe(true);
    expect(readFileSync(shot).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });

  it('would notice console errors (the check is not vacuous)', () => {
    const bad = join(dir, 'bad.html');
    writeFileSync(bad, '<!DOCTYPE html><html><body><script>console.error("boom"); null.x;</script></body></html>');
    const run = openInChromium(bad);
    expect(run.consoleLines.join('\n')).toMatch(/boom/);
    expect(run.consoleLines.join('\n')).toMatch(/Uncaught TypeError/);
  });
});

if (!available && inCI) {
  describe('explain --format html in headless Chromium (CI)', () => {
    it('needs Chromium', () => {
      throw new Error(
        `Chromium was not found at ${chromium}, and CI is set: the HTML report must be tested in a browser on CI. ` +
          'Install it (Debian/Ubuntu: apt-get update && apt-get install -y chromium) or point KUBE_LIFELINT_CHROMIUM at a Chromium binary.',
      );
    });
  });
}
