/**
 * The abstract state the interpreter carries along each path, and the copies it makes of it.
 *
 * A state holds the earliest (`tMin`) and latest (`tMax`, null = unknown) elapsed time on the
 * path that reached it, the evidence of the earliest path, and what is known about variables,
 * functions, background jobs and the EXIT trap. Maps and sets are shared copy-on-write between
 * forks (the `*Owned` flags say whether this state may write them in place).
 *
 * Conventions in the interpreter modules: `S` is the state being run, `k` the context of the
 * code running it, `F` the expanded fields of a command.
 */
import type { Cmd, List, Word } from './ast.js';
import { chargeCopy } from './budget.js';
import { concat, type EvidenceRope } from './evidence.js';

/** `$!` expands to this prefix and the job's id, so that `wait $!` finds the job. */
export const JOB = '\u0000job:';

export const UNSET: unique symbol = Symbol('unset');
/** string: known value; null: set to something unknown; UNSET: known to be unset */
export type VarValue = string | null | typeof UNSET;

export type ExitStatus = 0 | 1 | -1;

export interface Job {
  id: number;
  endMin: number;
  endMax: number | null;
  evidence: EvidenceRope;
  certain: boolean;
  status: ExitStatus;
}

/**
 * Offset in a string → offset in argv[arg]. `end` asks for the last source character a value
 * character stands for (they differ where one source token became several characters, e.g. a
 * kubelet `$(VAR)` substitution).
 */
export type Mapper = (i: number, end: boolean) => number;

/** Where the text being analysed lives: which argv element, and how to map offsets into it. */
export interface ScriptSource {
  arg: number;
  /** offset in the parsed string → offset in argv[arg]; null: only the whole span is known */
  map: Mapper | null;
  whole: [number, number];
}

export interface FuncDef {
  body: Cmd;
  source: ScriptSource;
  bash: boolean;
}

interface TrapDef {
  body: List;
  source: ScriptSource;
}

export interface ShellState {
  tMin: number;
  tMax: number | null;
  evidence: EvidenceRope;
  vars: Map<string, VarValue>;
  varsOwned: boolean;
  exported: Set<string>;
  exportedOwned: boolean;
  funcs: Map<string, FuncDef | null>;
  funcsOwned: boolean;
  jobs: Job[];
  /** jobs may exist that this part of the analysis cannot see */
  hidden: boolean;
  errexit: boolean;
  tainted: boolean;
  /** the environment may hold names not in `vars` (the container has envFrom): unknown, not unset */
  envOpen: boolean;
  positional: VarValue[] | null;
  exitTrap: TrapDef | null | 'unknown';
  status: ExitStatus;
  lastJob: number | null;
}

export interface Outcome {
  next: ShellState | null;
  exit: ShellState | null;
  break: ShellState | null;
  continue: ShellState | null;
  return: ShellState | null;
}

export interface Analysis {
  argv: string[];
  unknown: boolean;
  steps: number;
  jobSeq: number;
}

export interface Context {
  g: Analysis;
  source: ScriptSource;
  /** running a program, not a shell command: no functions or shell builtins */
  external: boolean;
  /** errexit suppressed (conditions, left of && / ||, negations) */
  noErr: boolean;
  bash: boolean;
  fnDepth: number;
  nest: number;
  stdinPiped: boolean;
  inputRedir: boolean;
  noFuncs: boolean;
}

/** One argument of a command after expansion, with where it sits in argv. */
export interface Field {
  value: string | null;
  arg: number;
  s: number;
  e: number;
  /** lazily: value index → offset in argv[arg] (literal words only) */
  charMap: (() => Mapper | null) | null;
  /** the shell word it came from */
  word?: Word;
}

/** Control leaves by `exit`, `break`, `continue` or `return` with this state. */
export function escapeWith(kind: 'exit' | 'break' | 'continue' | 'return', S: ShellState | null): Outcome {
  const o: Outcome = { next: null, exit: null, break: null, continue: null, return: null };
  o[kind] = S;
  return o;
}

export function proceed(n: ShellState | null): Outcome {
  return { next: n, exit: null, break: null, continue: null, return: null };
}

export function newState(env: Record<string, string | undefined> | undefined): ShellState {
  const vars = new Map<string, VarValue>();
  const exp = new Set<string>();
  if (env) {
    for (const k of Object.keys(env)) {
      const v = env[k];
      vars.set(k, typeof v === 'string' ? v : null);
      exp.add(k);
    }
  }
  return {
    tMin: 0,
    tMax: 0,
    evidence: null,
    vars,
    varsOwned: true,
    exported: exp,
    exportedOwned: true,
    funcs: new Map(),
    funcsOwned: true,
    jobs: [],
    hidden: false,
    errexit: false,
    tainted: false,
    envOpen: false,
    positional: null,
    exitTrap: null,
    status: 0,
    lastJob: null,
  };
}

export function fork(S: ShellState): ShellState {
  S.varsOwned = S.exportedOwned = S.funcsOwned = false;
  return { ...S };
}

/** A copy that starts at time zero with no visible jobs (for durations of a part in isolation). */
export function isolated(S: ShellState): ShellState {
  const z = fork(S);
  z.tMin = 0;
  z.tMax = 0;
  z.evidence = null;
  z.hidden = S.hidden || S.jobs.length > 0;
  z.jobs = [];
  return z;
}

export function setVar(g: Analysis, S: ShellState, name: string, v: VarValue): void {
  if (!S.varsOwned) {
    chargeCopy(g, S.vars.size);
    S.vars = new Map(S.vars);
    S.varsOwned = true;
  }
  S.vars.set(name, v);
}

export function addExp(g: Analysis, S: ShellState, name: string): void {
  if (S.exported.has(name)) return;
  if (!S.exportedOwned) {
    chargeCopy(g, S.exported.size);
    S.exported = new Set(S.exported);
    S.exportedOwned = true;
  }
  S.exported.add(name);
}

export function setFunc(g: Analysis, S: ShellState, name: string, f: FuncDef | null | undefined): void {
  if (!S.funcsOwned) {
    chargeCopy(g, S.funcs.size);
    S.funcs = new Map(S.funcs);
    S.funcsOwned = true;
  }
  if (f === undefined) S.funcs.delete(name);
  else S.funcs.set(name, f);
}

export function taint(g: Analysis, S: ShellState): void {
  S.tainted = true;
  const m = new Map<string, VarValue>();
  for (const k of S.vars.keys()) m.set(k, null);
  chargeCopy(g, m.size);
  S.vars = m;
  S.varsOwned = true;
  S.positional = null;
}

export function advance(S: ShellState, dMin: number, dMax: number | null, ev?: EvidenceRope): void {
  if (dMin > 0 && ev) S.evidence = concat(S.evidence, ev);
  S.tMin += dMin;
  S.tMax = S.tMax === null || dMax === null ? null : S.tMax + dMax;
}

/** Put a state measured from `zero()` after `base`. */
export function shiftOnto(g: Analysis, base: ShellState, st: ShellState): ShellState {
  chargeCopy(g, base.jobs.length + st.jobs.length);
  const r = st;
  r.evidence = st.tMin > 0 ? concat(base.evidence, st.evidence) : base.evidence;
  r.tMin = base.tMin + st.tMin;
  r.tMax = base.tMax === null || st.tMax === null ? null : base.tMax + st.tMax;
  const mine = new Set(base.jobs.map((j) => j.id));
  const extra = st.jobs.filter((j) => !mine.has(j.id)).map((j) => ({ ...j, certain: false, endMin: 0, endMax: null }));
  r.jobs = extra.length ? [...base.jobs, ...extra] : base.jobs;
  r.hidden = base.hidden;
  return r;
}
