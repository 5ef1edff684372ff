/**
 * Benchmark: `npm run bench [-- <corpus-dir>] [--runs N]` (default ../shared/corpus).
 *
 * In one run, each measured in fresh child processes (medians of N runs, peak RSS per process):
 *   floor      read + yaml parseAllDocuments with a LineCounter of every .yaml/.yml file
 *   lint       kube-lifelint (recommended preset) over the same files: --threads auto (the
 *              default) and --threads 1; their findings must be identical, or the script fails
 *   cold       `kube-lifelint <one file>` against `node` + import yaml + parse that file
 *   linear     the lint of the corpus twice over (as distinct files) against once
 *   equality   fast path against full parse: findings must be identical, or the script fails
 *   cli        the CLI as users run it (`--format F -o /dev/null <files>`), CPU seconds and peak
 *              RSS from /usr/bin/time, interleaved with the floor timed the same way; every
 *              output format once for its peak
 *   scale      generated cases (bench-scale.ts; `--scale F` shrinks them, `--no-scale` skips them)
 * Ratios are reported against the floor measured in the same run: these machines are noisy,
 * so absolute times mean little. `--cli-only` runs only the cli and scale measures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './project-root.js';
import { generateScaleCases, timeNode, type ProcessSample } from './bench-scale.js';

const here = fileURLToPath(import.meta.url);

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

interface Sample {
  ms: number;
  rssMB: number;
  extra?: unknown;
}

/** Child-process modes: each prints one JSON Sample. */
async function child(mode: string, arg: string): Promise<void> {
  const t0 = performance.now();
  let extra: unknown;
  if (mode === 'floor') {
    const { parseAllDocuments, LineCounter } = await import('yaml');
    let docs = 0;
    for (const f of readFileSync(arg, 'utf8').split('\n').filter(Boolean)) {
      docs += parseAllDocuments(readFileSync(f, 'utf8'), { lineCounter: new LineCounter() }).length;
    }
    extra = { docs };
  } else if (mode === 'lint-full') {
    // The reference: every document parsed, in-process, one thread (what the fast path must match).
    const { lintSources } = await import('../engine/linter.js');
    const { resolveConfig } = await import('../config/resolve.js');
    const { rules } = await import('../../rules/index.js');
    const files = readFileSync(arg, 'utf8').split('\n').filter(Boolean);
    const sources = files.map((f) => ({ filePath: f, text: () => readFileSync(f, 'utf8') }));
    const results = lintSources(sources, { ...resolveConfig({}, rules), fastPath: false }, rules);
    extra = { digest: digestOf(results) };
  } else if (mode.startsWith('lint:')) {
    // What `kube-lifelint <files>` does (recommended preset), with --threads as given.
    const { lintFilesParallel } = await import('../index.js');
    const threads = mode.slice('lint:'.length);
    const files = readFileSync(arg, 'utf8').split('\n').filter(Boolean);
    const { results, errors } = await lintFilesParallel(files, { threads: threads === 'auto' ? 'auto' : Number(threads) });
    if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'));
    extra = { digest: digestOf(results) };
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, extra }));
}

function digestOf(results: { filePath: string; messages: { line: number; column: number; ruleId: string | null; messageId?: string }[] }[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column}:${m.ruleId ?? m.messageId}`));
}

function runChild(args: string[]): Sample {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`child failed: ${args.join(' ')}\n${r.stderr}`);
  return JSON.parse(r.stdout) as Sample;
}

/** Wall time of a whole process (for cold start), with its peak RSS. */
function timeProcess(args: string[]): Sample {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`process failed (${r.status}): ${args.join(' ')}\n${r.stderr}`);
  return { ms, rssMB: 0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(label: string, runs: number, f: () => Sample): Sample {
  return summarize(label, Array.from({ length: runs }, f));
}

/** Two measures taken in turns (a, b, a, b, ...), so load on the machine falls on both alike. */
function measureInterleaved(runs: number, a: [string, () => Sample], b: [string, () => Sample]): [Sample, Sample] {
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(a[1]());
    bs.push(b[1]());
  }
  return [summarize(a[0], as), summarize(b[0], bs)];
}

function summarize(label: string, samples: Sample[]): Sample {
  const s = { ms: median(samples.map((x) => x.ms)), rssMB: Math.max(...samples.map((x) => x.rssMB)), extra: samples[0]!.extra };
  process.stderr.write(`  ${label.padEnd(34)} ${s.ms.toFixed(0).padStart(7)} ms  (runs: ${samples.map((x) => x.ms.toFixed(0)).join(', ')})${s.rssMB ? `  peak ${s.rssMB.toFixed(0)} MB` : ''}\n`);
  return s;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]!, args[2]!);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const scaleAt = args.indexOf('--scale');
  const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 1;
  const corpus = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs' && args[i - 1] !== '--scale') ?? join(process.cwd(), '..', 'shared', 'corpus'));
  const files = yamlFiles(corpus);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const list = join(tmpdir(), `kube-lifelint-bench-${process.pid}.txt`);
  writeFileSync(list, files.join('\n'));
  process.stderr.write(`corpus ${corpus}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; ${runs} runs each\n`);
  const pkgRoot = projectRoot();
  const cli = join(pkgRoot, (JSON.parse(readFileSync(join(pkgRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['kube-lifelint']!);
  const cliReport = cliMeasures(cli, files, list, runs, args.includes('--no-scale') ? undefined : scale);
  if (args.includes('--cli-only')) {
    process.stdout.write(`${JSON.stringify(cliReport, null, 2)}\n`);
    return;
  }

  // The corpus a second time under another root (a symlink), as a second project would be.
  const copyRoot = mkdtempSync(join(tmpdir(), 'kube-lifelint-bench-'));
  symlinkSync(corpus, join(copyRoot, 'copy-2'));
  const twiceList = `${list}.twice`;
  writeFileSync(twiceList, [...files, ...files.map((f) => join(copyRoot, 'copy-2', relative(corpus, f)))].join('\n'));

  const floor = measure('floor (read + parseAllDocuments)', runs, () => runChild([here, '--child', 'floor', list]));
  const lint = measure('kube-lifelint (--threads auto)', runs, () => runChild([here, '--child', 'lint:auto', list]));
  const single = measure('kube-lifelint --threads 1', runs, () => runChild([here, '--child', 'lint:1', list]));
  const twice = measure('kube-lifelint, corpus twice', runs, () => runChild([here, '--child', 'lint:auto', twiceList]));
  const full = measure('kube-lifelint without fast path', 1, () => runChild([here, '--child', 'lint-full', list]));
  rmSync(copyRoot, { recursive: true, force: true });

  // Cold start on a typical single manifest (the median-sized file with a pod template).
  const withPods = files.filter((f) => /\n\s*containers:/.test(readFileSync(f, 'utf8'))).sort((a, b) => statSync(a).size - statSync(b).size);
  const one = withPods[Math.floor(withPods.length / 2)] ?? files[0]!;
  // The bin as installed (package.json "bin": the bundle): `cli` above.
  const floorScript = `import('yaml').then((y) => y.parseAllDocuments(require('fs').readFileSync(${JSON.stringify(one)}, 'utf8'), { lineCounter: new y.LineCounter() }))`;
  const coldRuns = Math.max(runs * 3, 9);
  const [coldFloor, cold] = measureInterleaved(coldRuns, ['cold floor (node + yaml + parse)', () => timeProcess(['-e', floorScript])], ['cold kube-lifelint <file>', () => timeProcess([cli, '--format', 'json', one])]);

  const digest = (s: Sample) => (s.extra as { digest: string[] }).digest;
  const fastDigest = digest(single);
  const fullDigest = digest(full);
  const same = JSON.stringify(fastDigest) === JSON.stringify(fullDigest);
  const threadsSame = JSON.stringify(digest(lint)) === JSON.stringify(fastDigest);

  const report = {
    files: files.length,
    megabytes: +(bytes / 1e6).toFixed(1),
    documents: (floor.extra as { docs: number }).docs,
    findings: fastDigest.length,
    floorMs: Math.round(floor.ms),
    lintMs: Math.round(lint.ms),
    corpusRatio: +(lint.ms / floor.ms).toFixed(3),
    singleThreadMs: Math.round(single.ms),
    singleThreadRatio: +(single.ms / floor.ms).toFixed(3),
    floorPeakMB: Math.round(floor.rssMB),
    lintPeakMB: Math.round(lint.rssMB),
    singleThreadPeakMB: Math.round(single.rssMB),
    linearRatio: +(twice.ms / lint.ms).toFixed(3),
    coldFloorMs: Math.round(coldFloor.ms),
    coldMs: Math.round(cold.ms),
    coldRatio: +(cold.ms / coldFloor.ms).toFixed(3),
    coldFile: one,
    fastPathIdentical: same,
    threadsIdentical: threadsSame,
    cli: cliReport,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`\ncorpus: ${report.corpusRatio} x floor (goal <= 0.25), peak ${report.lintPeakMB} MB (goal <= 200); one thread: ${report.singleThreadRatio} x, peak ${report.singleThreadPeakMB} MB\n`);
  process.stderr.write(`cold start: ${report.coldRatio} x floor (goal <= 1.1)\nlinear: twice the corpus takes ${report.linearRatio} x (goal <= 2.1)\n`);
  if (!same) {
    const a = new Set(fastDigest);
    const b = new Set(fullDigest);
    process.stderr.write(`\nFAST PATH DIFFERS FROM FULL PARSE:\n  only fast: ${[...a].filter((x) => !b.has(x)).slice(0, 20).join('\n  ')}\n  only full: ${[...b].filter((x) => !a.has(x)).slice(0, 20).join('\n  ')}\n`);
    process.exitCode = 1;
  }
  if (!threadsSame) {
    process.stderr.write('\nTHREADED RUN DIFFERS FROM THE SINGLE-THREADED RUN\n');
    process.exitCode = 1;
  }
}

const medianOf = (samples: ProcessSample[], key: 'cpu' | 'wall') => median(samples.map((s) => s[key]));
const mb = (n: number) => Math.round(n);

/**
 * The CLI over the corpus against the floor, both timed as whole processes and interleaved
 * (floor, CLI, floor, CLI, ...) so load on the machine falls on both alike; then every output
 * format once for its peak; then the generated scale cases.
 */
function cliMeasures(cli: string, files: string[], list: string, runs: number, scale: number | undefined): Record<string, unknown> {
  const floors: ProcessSample[] = [];
  const lints: ProcessSample[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(timeNode([here, '--child', 'floor', list]));
    lints.push(timeNode([cli, '--format', 'json', '-o', '/dev/null', ...files]));
  }
  const floorCpu = medianOf(floors, 'cpu');
  const lintCpu = medianOf(lints, 'cpu');
  const row = (label: string, value: string) => process.stderr.write(`  ${label.padEnd(44)} ${value}\n`);
  row('floor (process, CPU s)', `${floorCpu.toFixed(1)} (runs: ${floors.map((s) => s.cpu.toFixed(1)).join(', ')}), peak ${mb(Math.max(...floors.map((s) => s.peakMB)))} MB`);
  row('CLI --format json -o /dev/null (CPU s)', `${lintCpu.toFixed(1)} (runs: ${lints.map((s) => s.cpu.toFixed(1)).join(', ')}), peak ${mb(Math.max(...lints.map((s) => s.peakMB)))} MB`);
  const peaks: Record<string, number> = { json: mb(Math.max(...lints.map((s) => s.peakMB))) };
  for (const format of ['compact', 'sarif', 'github', 'junit', 'friendly']) {
    const s = timeNode([cli, '--format', format, '-o', '/dev/null', ...files]);
    peaks[format] = mb(s.peakMB);
    row(`CLI --format ${format}`, `CPU ${s.cpu.toFixed(1)} s, peak ${mb(s.peakMB)} MB`);
  }
  const corpusCliRatio = +(lintCpu / floorCpu).toFixed(3);
  const report: Record<string, unknown> = { corpusCliRatio, floorCpuS: floorCpu, cliCpuS: lintCpu, peakMBByFormat: peaks };
  process.stderr.write(`\ncorpus, CLI as users run it: ${corpusCliRatio} x floor (goal <= 0.12); peak by format: ${JSON.stringify(peaks)} (goal <= 200 MB)\n`);
  if (scale === undefined) return report;

  const dir = mkdtempSync(join(tmpdir(), 'kube-lifelint-scale-'));
  try {
    const cases = generateScaleCases(dir, scale);
    const scaleRows: Record<string, unknown>[] = [];
    // Each case `runs` times, the cases in turns (load falls on all alike): median CPU, highest peak.
    const samples = cases.map((): ProcessSample[] => []);
    for (let r = 0; r < runs; r++) cases.forEach((c, i) => samples[i]!.push(timeNode([cli, '--rule', 'grace-period-zero=error', '--format', 'json', '-o', '/dev/null', ...c.paths])));
    cases.forEach((c, i) => {
      const runsOf = samples[i]!;
      const exits = [...new Set(runsOf.map((x) => x.exit))];
      const exit = exits.map(String).join('/'); // one code unless runs differed (null: killed)
      const cpu = medianOf(runsOf, 'cpu');
      const peak = mb(Math.max(...runsOf.map((x) => x.peakMB)));
      scaleRows.push({ case: c.name, exit, cpuS: cpu, wallS: medianOf(runsOf, 'wall'), peakMB: peak, peaksMB: runsOf.map((x) => mb(x.peakMB)) });
      row(c.name, `exit ${exit}, CPU ${cpu.toFixed(1)} s (runs: ${runsOf.map((x) => x.cpu.toFixed(1)).join(', ')}), peak ${peak} MB (runs: ${runsOf.map((x) => mb(x.peakMB)).join(', ')})`);
    });
    const cpuOf = (i: number) => (scaleRows[i]!.cpuS as number) || NaN;
    report.scale = scaleRows;
    report.scaleFactor = scale;
    const ratio = +(cpuOf(1) / cpuOf(0)).toFixed(3);
    report.ratio200kTo100k = ratio;
    process.stderr.write(`\n200k against 100k documents: ${ratio} x (goal <= 2.1)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

void main();
