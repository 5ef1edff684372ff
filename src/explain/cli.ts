/**
 * `kube-lifelint explain <paths...>`: draw each workload's startup and termination timeline, with
 * the findings of the enabled rules where they happen. Text for the terminal (default), JSON (the
 * model, for other tools), or one self-contained HTML file.
 *
 * Exit codes: 0 something was drawn · 1 nothing to draw (no workload, or the filters matched
 * nothing) · 2 usage, config or I/O failure (a missing path is named; the other files are still drawn).
 * Findings do not change the exit code: that is what `kube-lifelint` (lint) is for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.js';
import { configFromFlags, sharedOptions, UsageError, useColor } from '../cli-options.js';
import { decodeManifest } from '../engine/read.js';
import { explainPaths, explainSources } from './collect.js';
import { renderHtml } from './html.js';
import { matchesWorkload, onlyContainer, type ExplainReport } from './model.js';
import { MIN_WIDTH, renderProblems, renderText } from './text.js';
import { escapeControls } from '../text.js';

export const explainHelp = `Usage: kube-lifelint explain [options] <paths...>
       kube-lifelint explain [options] -      (read a manifest stream from stdin)

Draw each workload's startup and termination timeline: when each container starts, how long
postStart holds it, when probes begin and how long they may fail before a kill, the earliest
moment the pod can be ready; on deletion the grace period, each preStop, when SIGTERM and SIGKILL
land and where sidecars stop, with a mesh proxy's drain, load balancers' deregistration and a spot
node's notice beside them; the disruption budgets that select the workload head its chart. Findings of the enabled rules are marked where they happen.
Times are the earliest possible ("what certainly elapses"); unknown and never-ending durations
are drawn as such, never as invented numbers.

Selection:
  <paths...>                 files, folders (recursive: .yaml .yml .json) and globs
  -                          read stdin;  --stdin-filename NAME  names it
  --workload NAME            only workloads with this name (or Kind/name); repeatable
  --container NAME           only this container's rows and findings
  --ignore-pattern GLOB      skip matching paths (repeatable)

Rules (which findings are shown):
  -c, --config FILE          use this config file (default: .kube-lifelint.yaml found upward)
  --no-config                ignore config files
  --preset NAME              recommended (default) | strict | none
  --rule ID=SEVERITY         off | warn | error (repeatable)
  --kube-version X.Y         target Kubernetes version
  --runtime NAME             runtime profile (default: auto)

Output:
  -f, --format NAME          text (default) | json (the timeline data) | html (one self-contained file)
  -o, --output-file FILE     write to FILE
  --width N                  columns for text (default: COLUMNS, else the terminal, else 80)
  --color / --no-color       force colour on or off (default: on for a terminal; NO_COLOR is honoured)
  -h, --help                 show this help

Exit codes: 0 drawn · 1 no workload to draw · 2 usage, config or I/O failure`;

export interface ExplainIO {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  readStdin: () => Promise<Uint8Array>;
}

async function readProcessStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const defaultIO = (): ExplainIO => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), readStdin: readProcessStdin });

export async function explainMain(argv: string[], io: ExplainIO = defaultIO()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`kube-lifelint: ${err.message}\n`);
      return 2;
    }
    const usage = err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`kube-lifelint explain: ${(err as Error)?.message ?? String(err)}\n${usage ? "Run 'kube-lifelint explain --help' for usage.\n" : ''}`);
    return 2;
  }
}

function parseWidth(raw: string | undefined, what: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${what} expects a whole number of columns, got '${raw}'.`);
  return Math.max(MIN_WIDTH, Number(raw));
}

async function run(argv: string[], io: ExplainIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...sharedOptions,
      workload: { type: 'string', multiple: true },
      container: { type: 'string' },
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      width: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${explainHelp}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'html'].includes(format)) throw new UsageError(`--format must be text, json or html, got '${format}'.`);
  if (positionals.length === 0) throw new UsageError('No paths given. Try: kube-lifelint explain ./manifests');
  const width = parseWidth(values.width, '--width') ?? parseWidth(io.env.COLUMNS, 'COLUMNS') ?? (io.stdout.isTTY && io.stdout.columns ? Math.max(MIN_WIDTH, io.stdout.columns) : 80);
  const color = useColor(values, io.env, Boolean(io.stdout.isTTY) && !values['output-file']);

  // Configuration, as for lint: the findings shown are the ones lint reports.
  const { config } = configFromFlags(values, io.cwd);

  // Collect.
  const report: ExplainReport = { schemaVersion: 1, workloads: [], problems: [] };
  if (positionals.includes('-')) {
    const name = values['stdin-filename'] ?? '<stdin>';
    const read = decodeManifest(await io.readStdin());
    if (!read.ok || 'problem' in read) report.problems.push({ kind: 'content', file: name, line: null, column: null, message: read.ok && 'problem' in read ? read.problem.message : 'cannot read stdin' });
    else {
      const r = explainSources([{ filePath: values['stdin-filename'] ? resolve(io.cwd, name) : name, text: read.text }], { config, cwd: io.cwd });
      for (const w of r.workloads) report.workloads.push(w);
      for (const p of r.problems) report.problems.push(p);
    }
  }
  const paths = positionals.filter((p) => p !== '-');
  if (paths.length > 0) {
    const r = explainPaths(paths, { config, cwd: io.cwd });
    for (const w of r.workloads) report.workloads.push(w);
    for (const p of r.problems) report.problems.push(p);
  }
  const found = report.workloads.length;

  // Filter.
  const wanted = values.workload ?? [];
  if (wanted.length) report.workloads = report.workloads.filter((w) => wanted.some((n) => matchesWorkload(w, n)));
  if (values.container !== undefined) {
    const name = values.container;
    report.workloads = report.workloads.flatMap((w) => onlyContainer(w, name) ?? []);
  }

  // Output.
  const ioFailed = report.problems.some((p) => p.kind !== 'content');
  for (const line of renderProblems(report)) io.stderr.write(`kube-lifelint: ${line}\n`);
  if (report.workloads.length === 0) {
    const why =
      found === 0
        ? `no workload (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, ... with a pod template) found in ${positionals.map((p) => `'${escapeControls(p)}'`).join(', ')}.`
        : `no workload matches${wanted.length ? ` --workload ${wanted.map((n) => `'${escapeControls(n)}'`).join(', ')}` : ''}${values.container !== undefined ? ` --container '${escapeControls(values.container)}'` : ''} (${found} workload${found === 1 ? '' : 's'} found).`;
    io.stderr.write(`kube-lifelint explain: nothing to draw: ${why}\n`);
    if (format === 'json') writeOut(io, values['output-file'], `${JSON.stringify(report, null, 2)}\n`);
    return ioFailed ? 2 : 1;
  }
  const output =
    format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? renderHtml(report) : renderText(report, { width, color });
  writeOut(io, values['output-file'], output);
  return ioFailed ? 2 : 0;
}

function writeOut(io: ExplainIO, file: string | undefined, output: string): void {
  if (file) {
    const out = resolve(io.cwd, file);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, output);
  } else {
    io.stdout.write(output);
  }
}
