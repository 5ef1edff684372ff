#!/usr/bin/env node
/**
 * The command line: argv → config → lint → format → exit code.
 * Exit codes: 0 clean · 1 errors (or warnings over --max-warnings) · 2 usage, config or I/O failure.
 */
import { readFileSync } from 'node:fs';
import { CliIOError, failIfUnfinished, isClosedPipe, readStdinBytes, writeOutputFile, writeStdoutChunks } from './cli-io.js';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tuneV8 } from './v8-tuning.js';
import { rules } from '../rules/index.js';
import { createLinterWith, type LinterOptions } from './create-linter.js';
import type { RuleCategory } from './rule-api.js';
import type { LintResult } from './types.js';
import { resolveConfig } from './config/resolve.js';
import { ConfigError } from './config/load.js';
import { configFromFlags, sharedOptions, UsageError, useColor } from './cli-options.js';
import { ruleDocsMeta } from './rule-docs.js';
import { defaultMaxInputBytes } from './engine/read.js';
import { sourcesOnDemand } from './engine/source-on-demand.js';
import { onPath } from './render/tools.js';

const help = `Usage: kube-lifelint [options] <paths...>
       kube-lifelint [options] -            (read a manifest stream from stdin)

Lint Kubernetes manifests for container lifecycle hazards.

       kube-lifelint rules [--format json]  (list the rules)
       kube-lifelint explain [options] <paths...>  (draw each pod's startup and termination timeline;
                                                   see kube-lifelint explain --help)
       kube-lifelint lsp <transport>        (the language server for editors; see kube-lifelint lsp --help)

Input:
  <paths...>                 files, folders (recursive: .yaml .yml .json) and globs
  -                          read stdin (e.g. helm template . | kube-lifelint -)
  --stdin-filename NAME      the name to show for stdin
  --ignore-pattern GLOB      skip matching paths (repeatable)
  --threads N|auto           lint on N worker threads; auto (default): a worker per core but
                             one, when the input is large enough (same output either way)
  --max-input-size SIZE      a file (or stdin) larger than this is one finding, not read
                             (default 256M; bytes, or with K, M or G; other files still linted)

Helm and Kustomize (charts and top-level overlays among the paths are rendered, and findings
reported at the values, template, base or patch line that wrote the value):
  --helm PATH                the helm binary (default: helm on PATH)
  --values FILE              values file for helm template (repeatable; the last wins)
  --set K=V                  value for helm template (repeatable)
  --kustomize PATH           kustomize or kubectl binary (default: kustomize, else kubectl on PATH)

Configuration:
  -c, --config FILE          use this config file (default: .kube-lifelint.yaml found upward)
  --no-config                ignore config files
  --no-repo-context          do not read Services and other cross-object context from the git
                             work tree's other tracked files
  --print-config FILE        print the configuration that applies to FILE and exit

Rules:
  --preset NAME              recommended (default) | strict | none
  --rule ID=SEVERITY         off | warn | error (repeatable); with options:
                             --rule 'ID={"severity":"warn","maxSeconds":20}'
  --kube-version X.Y         target Kubernetes version
  --runtime NAME             runtime profile (default: auto)

Fixing:
  --fix                      apply safe fixes to the files (passes until stable, at most 10)
  --fix-dry-run              compute the fixes without writing; results carry the fixed text
                             as \`output\` (-f json); works with stdin
  --fix-type LIST            only fixes of these rule categories (comma-separated): termination,
                             startup, probes, api-rejected, runtime

Output:
  -f, --format NAME          friendly (default) | json | compact | sarif | github | junit
                             | any ESLint formatter package by name
  -o, --output-file FILE     write the report to FILE
  --quiet                    report errors only
  --verbose                  say per file what was linted, rendered or skipped, and why (stderr;
                             with -f json also as each result's stats)
  --max-warnings N           exit 1 when there are more than N warnings
  --color / --no-color       force colour on or off (NO_COLOR is honoured)

  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no errors · 1 errors found (or too many warnings) · 2 usage, config or I/O failure`;

/** index.ts's createLinter, with the render stage loaded only when a chart or overlay is linted. */
const createLinter = (options: LinterOptions) => createLinterWith(options, { load: () => import('./render/lint-rendered.js') });

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const fixTypes: readonly RuleCategory[] = ['termination', 'startup', 'probes', 'api-rejected', 'runtime'];

function parseFixTypes(list: string[]): RuleCategory[] {
  const types = list.flatMap((l) => l.split(',')).map((t) => t.trim()).filter(Boolean);
  const bad = types.filter((t) => !fixTypes.includes(t as RuleCategory));
  if (bad.length || types.length === 0) throw new UsageError(`--fix-type expects categories among ${fixTypes.join(', ')}, got '${list.join(',')}'.`);
  return types as RuleCategory[];
}

/** `--helm ./bin/helm` is a path; `--helm helm3` a name looked up on PATH. */
function toolPath(given: string, cwd: string): string {
  return /[\\/]/.test(given) ? resolve(cwd, given) : (onPath(given) ?? given);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...sharedOptions,
      'print-config': { type: 'string' },
      threads: { type: 'string' },
      'max-input-size': { type: 'string' },
      helm: { type: 'string' },
      values: { type: 'string', multiple: true },
      set: { type: 'string', multiple: true },
      kustomize: { type: 'string' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      'fix-type': { type: 'string', multiple: true },
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
      'max-warnings': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const cwd = process.cwd();
  if (positionals[0] === 'rules') {
    const { printRules } = await import('./rules-command.js');
    process.stdout.write(printRules(values.format ?? 'text'));
    return 0;
  }
  if (positionals.length === 0 && values['print-config'] === undefined) throw new UsageError('No paths given. Try: kube-lifelint ./manifests');

  const { config, configPath } = configFromFlags(values, cwd, values['print-config'] !== undefined ? dirname(resolve(cwd, values['print-config'])) : cwd);
  if (values['print-config'] !== undefined) {
    const resolved = resolveConfig(config, rules);
    process.stdout.write(`${JSON.stringify({ configFile: configPath ?? null, ...config, resolved }, null, 2)}\n`);
    return 0;
  }
  const threads = values.threads ?? 'auto';
  if (threads !== 'auto' && !/^[1-9]\d*$/.test(threads)) throw new UsageError(`--threads expects a whole number of at least 1 or 'auto', got '${threads}'.`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings expects a whole number, got '${values['max-warnings']}'.`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (values['fix-type'] && !values.fix && !values['fix-dry-run']) throw new UsageError('--fix-type needs --fix or --fix-dry-run.');
  if (values.fix && positionals.includes('-')) throw new UsageError('--fix cannot write to stdin; use --fix-dry-run, which prints the fixed text as `output` (-f json).');
  const fix = values.fix || values['fix-dry-run'] ? { fix: true, ...(values['fix-type'] ? { fixTypes: parseFixTypes(values['fix-type']) } : {}) } : {};
  const color = useColor(values, process.env, Boolean(process.stdout.isTTY) && !values['output-file']);

  let results: LintResult[] = [];
  const ioErrors: { path: string; message: string }[] = [];
  const filePaths = positionals.filter((p) => p !== '-');
  const maxInputBytes = values['max-input-size'] === undefined ? defaultMaxInputBytes : parseSize(values['max-input-size']);
  const render = {
    ...(values.helm !== undefined ? { helm: toolPath(values.helm, cwd) } : {}),
    ...(values.kustomize !== undefined ? { kustomize: toolPath(values.kustomize, cwd) } : {}),
    ...(values.values ? { values: values.values } : {}),
    ...(values.set ? { set: values.set } : {}),
  };
  await tuneV8('lint', positionals, cwd);
  const format = values.format ?? 'friendly';
  const { formatNeedsSource, loadChunkedFormatter, loadFormatter } = await import('./formatters/index.js');
  // No file's text is held while linting: a format that prints it reads it again when it gets to
  // that file (sourcesOnDemand). Standard input cannot be read again, and fixes change the text.
  const needsSource = formatNeedsSource(format);
  const onDemand = needsSource && !values.fix && !values['fix-dry-run'];
  const linterOptions = { config, cwd, maxInputBytes, ...fix, render };
  const linter = createLinter({ ...linterOptions, keepSource: needsSource && !onDemand });
  if (positionals.includes('-')) {
    const stdin = await readStdinBytes(maxInputBytes);
    const stdinLinter = onDemand ? createLinter({ ...linterOptions, keepSource: true }) : linter;
    for (const r of stdinLinter.lintBytes(stdin.bytes, { filePath: values['stdin-filename'], truncated: stdin.truncated })) results.push(r);
  }
  if (filePaths.length > 0) {
    const outcome = await linter.lintFilesParallel(filePaths, { threads: threads === 'auto' ? 'auto' : Number(threads), coverage: values.verbose === true });
    for (const r of outcome.results) results.push(r);
    for (const e of outcome.errors) ioErrors.push(e);
    for (const note of outcome.notes ?? []) process.stderr.write(`kube-lifelint: note: ${note}\n`);
    if (outcome.coverage) {
      const { formatCoverage, withCoverageStats } = await import('./coverage.js');
      process.stderr.write(formatCoverage(outcome.coverage, cwd));
      if (values.format === 'json') results = withCoverageStats(results, outcome.coverage);
    }
  }
  if (values.fix) {
    const { writeFixes } = await import('./write-fixes.js');
    for (const e of writeFixes(results)) ioErrors.push(e);
  }

  if (values.quiet) {
    results = results.map((r) => {
      const messages = r.messages.filter((m) => m.severity === 2);
      return { ...r, messages, warningCount: 0 };
    });
  }

  // Last: copying a result (--quiet above) would read every text at once.
  if (onDemand) sourcesOnDemand(results, maxInputBytes);
  // Rule metadata and the version (package.json) are read when a format asks (sarif, friendly's
  // links, ESLint formatters), not on every run.
  let rulesMeta: ReturnType<typeof ruleDocsMeta> | undefined;
  let toolVersion: string | undefined;
  const formatContext = {
    cwd,
    color,
    get rulesMeta() {
      return (rulesMeta ??= ruleDocsMeta());
    },
    get toolVersion() {
      return (toolVersion ??= version());
    },
  };
  // A built-in format that writes as it goes never holds the whole report in memory.
  const chunked = await loadChunkedFormatter(format);
  const output = chunked
    ? chunked(results, formatContext)
    : await (
        await loadFormatter(format, cwd).catch((err: Error) => {
          throw new UsageError(err.message);
        })
      )(results, formatContext);
  let pipeClosed = false;
  if (values['output-file']) writeOutputFile(resolve(cwd, values['output-file']), output);
  else {
    await writeStdoutChunks(typeof output === 'string' ? [output] : output).catch((err: unknown) => {
      if (!isClosedPipe(err)) throw new CliIOError(`cannot write the report to stdout (${(err as Error).message}).`);
      pipeClosed = true;
    });
  }
  if (pipeClosed) return errorCountOf(results) > 0 ? 1 : 0;

  for (const e of ioErrors) process.stderr.write(`kube-lifelint: ${e.message}\n`);
  const errorCount = errorCountOf(results);
  const warningCount = results.reduce((n, r) => n + r.warningCount, 0);
  if (ioErrors.length > 0) return 2;
  if (errorCount > 0) return 1;
  if (maxWarnings >= 0 && warningCount > maxWarnings) {
    process.stderr.write(`kube-lifelint found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** `--max-input-size`: bytes, or a whole number with K, M or G (binary: 1K = 1024 bytes). */
function parseSize(value: string): number {
  const m = /^(\d+)\s*([KMG])?(?:i?B)?$/i.exec(value.trim());
  const units: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
  const n = m ? Number(m[1]) * (m[2] ? units[m[2].toUpperCase()]! : 1) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--max-input-size expects a size such as 500000, 64K, 256M or 1G, got '${value}'.`);
  return n;
}

function errorCountOf(results: LintResult[]): number {
  return results.reduce((n, r) => n + r.errorCount, 0);
}

/** Subcommands with their own options are dispatched before the lint options are parsed. */
async function dispatch(argv: string[]): Promise<number> {
  if (argv[0] === 'explain') {
    const { explainMain } = await import('./explain/cli.js');
    return explainMain(argv.slice(1));
  }
  if (argv[0] === 'lsp') {
    await tuneV8('server', 'always'); // a server lives for days
    const { lspMain } = await import('./lsp/main.js');
    return lspMain(argv.slice(1));
  }
  return main(argv);
}

const run = failIfUnfinished('the run');
dispatch(process.argv.slice(2)).then(
  (code) => {
    run.finished();
    process.exitCode = code;
  },
  (err: unknown) => {
    run.finished();
    const usage = err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof ConfigError || err instanceof CliIOError) {
      process.stderr.write(`kube-lifelint: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`kube-lifelint: ${(err as Error)?.message ?? String(err)}\n${usage ? "Run 'kube-lifelint --help' for usage.\n" : ''}`);
    process.exitCode = 2;
  },
);
