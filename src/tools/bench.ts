/**
 * Benchmark: `npm run bench [-- <corpus-dir>] [--runs N]` (default ../shared/corpus).
 *
 * In one run, each measured in fresh child processes (medians of N runs, peak RSS per process):
 *   floor      read + yaml parseAllDocuments with a LineCounter of every .yaml/.yml file
 *   lint       kube-lifelint (recommended preset) over the same files
 *   cold       `kube-lifelint <one file>` against `node` + import yaml + parse that file
 *   linear     the lint of the corpus twice over (as distinct files) against once
 *   equality   fast path against full parse: findings must be identical, or the script fails
 * Ratios are reported against the floor measured in the same run: these machines are noisy,
 * so absolute times mean little.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  } else if (mode === 'lint' || mode === 'lint-full' || mode === 'lint-twice') {
    const { lintSources } = await import('../engine/linter.js');
    const { resolveConfig } = await import('../config/resolve.js');
    const { rules } = await import('../../rules/index.js');
    const files = readFileSync(arg, 'utf8').split('\n').filter(Boolean);
    // Read lazily, as the CLI does; the second copy lives under another root, as a second project would.
    const sources = files.map((f) => ({ filePath: f, text: () => readFileSync(f, 'utf8') }));
    const input = mode === 'lint-twice' ? [...sources, ...sources.map((s) => ({ ...s, filePath: `/copy-2${s.filePath}` }))] : sources;
    const config = { ...resolveConfig({}, rules), fastPath: mode !== 'lint-full' };
    const results = lintSources(input, config, rules);
    const findings = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column}:${m.ruleId ?? m.messageId}`));
    extra = { findings: findings.length, digest: mode === 'lint-twice' ? undefined : findings };
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, extra }));
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
  const samples = Array.from({ length: runs }, f);
  const s = { ms: median(samples.map((x) => x.ms)), rssMB: Math.max(...samples.map((x) => x.rssMB)), extra: samples[0]!.extra };
  process.stderr.write(`  ${label.padEnd(34)} ${s.ms.toFixed(0).padStart(7)} ms  (runs: ${samples.map((x) => x.ms.toFixed(0)).join(', ')})${s.rssMB ? `  peak ${s.rssMB.toFixed(0)} MB` : ''}\n`);
  return s;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]!, args[2]!);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const corpus = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? join(process.cwd(), '..', 'shared', 'corpus'));
  const files = yamlFiles(corpus);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const list = join(tmpdir(), `kube-lifelint-bench-${process.pid}.txt`);
  writeFileSync(list, files.join('\n'));
  process.stderr.write(`corpus ${corpus}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; ${runs} runs each\n`);

  const floor = measure('floor (read + parseAllDocuments)', runs, () => runChild([here, '--child', 'floor', list]));
  const lint = measure('kube-lifelint (recommended)', runs, () => runChild([here, '--child', 'lint', list]));
  const twice = measure('kube-lifelint, corpus twice', runs, () => runChild([here, '--child', 'lint-twice', list]));
  const full = measure('kube-lifelint without fast path', 1, () => runChild([here, '--child', 'lint-full', list]));

  // Cold start on a typical single manifest (the median-sized file with a pod template).
  const withPods = files.filter((f) => /\n\s*containers:/.test(readFileSync(f, 'utf8'))).sort((a, b) => statSync(a).size - statSync(b).size);
  const one = withPods[Math.floor(withPods.length / 2)] ?? files[0]!;
  const cli = join(here, '..', '..', 'cli.js');
  const floorScript = `import('yaml').then((y) => y.parseAllDocuments(require('fs').readFileSync(${JSON.stringify(one)}, 'utf8'), { lineCounter: new y.LineCounter() }))`;
  const coldRuns = Math.max(runs * 3, 9);
  const coldFloor = measure('cold floor (node + yaml + parse)', coldRuns, () => timeProcess(['-e', floorScript]));
  const cold = measure('cold kube-lifelint <file>', coldRuns, () => timeProcess([cli, '--format', 'json', one]));

  const fastDigest = (lint.extra as { digest: string[] }).digest;
  const fullDigest = (full.extra as { digest: string[] }).digest;
  const same = JSON.stringify(fastDigest) === JSON.stringify(fullDigest);

  const report = {
    files: files.length,
    megabytes: +(bytes / 1e6).toFixed(1),
    documents: (floor.extra as { docs: number }).docs,
    findings: fastDigest.length,
    floorMs: Math.round(floor.ms),
    lintMs: Math.round(lint.ms),
    corpusRatio: +(lint.ms / floor.ms).toFixed(3),
    floorPeakMB: Math.round(floor.rssMB),
    lintPeakMB: Math.round(lint.rssMB),
    linearRatio: +(twice.ms / lint.ms).toFixed(3),
    coldFloorMs: Math.round(coldFloor.ms),
    coldMs: Math.round(cold.ms),
    coldRatio: +(cold.ms / coldFloor.ms).toFixed(3),
    coldFile: one,
    fastPathIdentical: same,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`\ncorpus: ${report.corpusRatio} x floor (goal <= 0.25), peak ${report.lintPeakMB} MB (goal <= 200)\n`);
  process.stderr.write(`cold start: ${report.coldRatio} x floor (goal <= 1.25)\nlinear: twice the corpus takes ${report.linearRatio} x (goal <= 2.1)\n`);
  if (!same) {
    const a = new Set(fastDigest);
    const b = new Set(fullDigest);
    process.stderr.write(`\nFAST PATH DIFFERS FROM FULL PARSE:\n  only fast: ${[...a].filter((x) => !b.has(x)).slice(0, 20).join('\n  ')}\n  only full: ${[...b].filter((x) => !a.has(x)).slice(0, 20).join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

void main();
