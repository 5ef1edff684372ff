/**
 * Exec command → duration bounds.
 *
 * `analyzeExec(["sh", "-c", "nginx -s quit; sleep 20"])` answers how long the command certainly
 * runs (`minSeconds`), at most runs (`maxSeconds`), whether it never ends by itself, and which
 * tokens (`sleep 20`, `tail -f /dev/null`, `while true` …) make it so, with their offsets inside
 * the argv elements. Rules flag on the minimum, so everything uncertain lowers it.
 */
import { kubeExpand, type Expanded } from './kube.js';
import { flatten } from './evidence.js';
import { runTop } from './interp.js';
import { newState, type Analysis, type Field } from './state.js';

export interface Evidence {
  /** which argv element the evidence is in */
  arg: number;
  /** offset and length inside that argv element's string value */
  offset: number;
  length: number;
  /** the source text of the construct, e.g. "sleep 20", "tail -f /dev/null", "while true" */
  text: string;
  kind: 'sleep' | 'unbounded' | 'timeout' | 'wait';
  /**
   * A `sleep` with one duration operand written as a literal (`40`, `1.5m`): where that operand
   * sits (argv element, offset, length) and its seconds, so a repair can rewrite just the number.
   */
  duration?: { arg: number; offset: number; length: number; seconds: number };
}

export interface DurationBounds {
  /** seconds that certainly elapse (what rules flag on); Infinity when `unbounded` */
  minSeconds: number;
  /** upper bound in seconds; null when unbounded or unknown */
  maxSeconds: number | null;
  /** certainly never finishes by itself (sleep infinity, sleep >= 1 day, tail -f, while true w/o break/exit/return) */
  unbounded: boolean;
  /** some part could not be analysed (unknown command times are NOT unknown: an ordinary command like `nginx -s quit` or `curl` counts as 0 min / unknown max) */
  unknown: boolean;
  /** the sleeps / unbounded constructs that drive minSeconds (or the unbounded verdict), in order */
  evidence: Evidence[];
}

/** Total argv size beyond which we do not try (the API server caps objects far below this). */
const MAX_INPUT = 4 * 1024 * 1024;
/**
 * How far the kubelet's `$(VAR)` expansion may grow an argument, and the argv in total: Linux
 * refuses to exec an argument longer than 128 KiB (MAX_ARG_STRLEN) or an argv and environment
 * longer than ARG_MAX (2 MiB with the usual 8 MiB stack), so such a command never runs as written.
 */
const MAX_EXPANDED_ARG = 128 * 1024;
const MAX_EXPANDED_ARGV = 2 * 1024 * 1024;

const asWritten = (value: string): Expanded => ({ value, map: null, unknownRef: false });

function failure(): DurationBounds {
  return { minSeconds: 0, maxSeconds: null, unbounded: false, unknown: true, evidence: [] };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x;
}

/**
 * Analyse an exec command (`command` of an exec probe or hook).
 *
 * `env` holds the container's env: name → literal value. A name mapped to `undefined` is set but
 * with a value that is not known (valueFrom); names absent are treated as unset (unless
 * `otherNamesUnknown`: the container has envFrom, so any name may be set), so
 * `${VAR:-20}` takes its default. `$(VAR)` references are expanded the way the kubelet does
 * before the command runs, unless `kubeletExpansion` is false: the kubelet expands them in exec
 * probes but passes lifecycle hook commands to the runtime as written.
 *
 * Never throws; a parse failure gives `{ minSeconds: 0, maxSeconds: null, unknown: true }`, and so
 * does running out of the work budget (never a bound from a partial analysis). `opts.work`, when
 * given, receives the steps charged (tests use it as a work counter).
 */
export function analyzeExec(command: string[], env?: Record<string, string | undefined>, opts: { otherNamesUnknown?: boolean; kubeletExpansion?: boolean; work?: { steps: number } } = {}): DurationBounds {
  const g: Analysis = { argv: command, unknown: false, steps: 0, jobSeq: 0 };
  try {
    return analyze(command, env, opts, g);
  } catch {
    // ParseError, the work budget (BudgetError), a stack overflow on pathological nesting
    return failure();
  } finally {
    if (opts.work) opts.work.steps = g.steps;
  }
}

function analyze(command: string[], env: Record<string, string | undefined> | undefined, opts: { otherNamesUnknown?: boolean; kubeletExpansion?: boolean }, g: Analysis): DurationBounds {
  if (!Array.isArray(command) || command.length === 0) return failure();
  let size = 0;
  for (const a of command) {
    if (typeof a !== 'string') return failure();
    size += a.length;
  }
  if (size > MAX_INPUT) return failure();
  let unknownRef = false;
  // Expansion past what exec accepts: the analysis has nothing to say (and must not build it).
  let room = MAX_EXPANDED_ARGV;
  const fields: Field[] = [];
  for (const [i, a] of command.entries()) {
    const x = opts.kubeletExpansion === false ? asWritten(a) : kubeExpand(a, env, opts.otherNamesUnknown, Math.max(a.length, Math.min(MAX_EXPANDED_ARG, room)));
    if (x.tooLong) return failure();
    room -= x.value.length;
    if (x.unknownRef) g.unknown = unknownRef = true;
    const m = x.map;
    fields.push({ value: x.value, arg: i, s: 0, e: a.length, charMap: () => m ?? ((j: number) => j) });
  }
  const state = newState(env);
  // envFrom: a name not listed may still be set (from a ConfigMap or Secret): unknown, not unset.
  state.envOpen = opts.otherNamesUnknown === true;
  const r = runTop(fields, state, g);
  const unbounded = r.tMin === Infinity;
  const min = round(r.tMin);
  // A `$(VAR)` the kubelet fills with a value not known here can be anything (`sleep $(D)`):
  // what the command certainly takes still holds, but no upper bound does.
  let max = unbounded || r.tMax === null || unknownRef ? null : round(r.tMax);
  if (max !== null && max < min) max = min;
  return { minSeconds: min, maxSeconds: max, unbounded, unknown: g.unknown, evidence: flatten(r.evidence) };
}
