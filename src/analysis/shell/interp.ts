/**
 * Abstract interpreter: runs a parsed script over "time intervals" instead of values.
 *
 * A state carries the earliest (`tMin`) and latest (`tMax`, null = unknown) elapsed time on the
 * path that reached it, the evidence of the earliest path, what is known about variables,
 * functions, background jobs and the EXIT trap. Running a command turns one state into an
 * outcome: where control goes on (`n`), or leaves by `exit`/`exec` (`x`), `break` (`b`),
 * `continue` (`c`) or `return` (`r`). Paths are joined by taking the earliest minimum and the
 * latest maximum, so the final `tMin` is what certainly elapses whatever happens at run time.
 * Never-ending paths are states with `tMin = Infinity`.
 */
import type { Evidence } from './index.js';
import type { Cmd, For, List, Loop, Part, Pipeline, Simple, Word } from './ast.js';
import { litValue, parseScript, ParseError } from './parser.js';
import { arithAssigns, arithNames, evalArith, parseDuration } from './units.js';

export class BudgetError extends Error {}

const MAX_STEPS = 400_000;
const MAX_NEST = 40;
const MAX_FN_DEPTH = 8;
/** a sleep this long counts as never ending */
const DAY = 86400;
const JOB = '\u0000job:';

// ---------------------------------------------------------------------------------------------
// evidence ropes (O(1) concatenation, flattened once at the end)

export type Rope = null | Evidence | { l: Rope; r: Rope };
function cat(a: Rope, b: Rope): Rope {
  return a === null ? b : b === null ? a : { l: a, r: b };
}
/** The evidence in order, each construct once (a loop or a function may run it several times). */
export function flatten(r: Rope): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const stack: Rope[] = [r];
  while (stack.length) {
    const x = stack.pop()!;
    if (x === null) continue;
    if ('kind' in x) {
      const key = `${x.arg}:${x.offset}:${x.length}:${x.kind}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(x);
      }
    } else stack.push(x.r, x.l);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// states

const UNSET: unique symbol = Symbol('unset');
/** string: known value; null: set to something unknown; UNSET: known to be unset */
type VV = string | null | typeof UNSET;
type Status = 0 | 1 | -1;

interface Job {
  id: number;
  endMin: number;
  endMax: number | null;
  ev: Rope;
  certain: boolean;
  status: Status;
}

/**
 * Offset in a string → offset in argv[arg]. `end` asks for the last source character a value
 * character stands for (they differ where one source token became several characters, e.g. a
 * kubelet `$(VAR)` substitution).
 */
export type Mapper = (i: number, end: boolean) => number;

/** Where the text being analysed lives: which argv element, and how to map offsets into it. */
export interface Sctx {
  arg: number;
  /** offset in the parsed string → offset in argv[arg]; null: only the whole span is known */
  map: Mapper | null;
  whole: [number, number];
}

interface FuncDef {
  body: Cmd;
  sc: Sctx;
  bash: boolean;
}
interface TrapDef {
  body: List;
  sc: Sctx;
}

export interface St {
  tMin: number;
  tMax: number | null;
  ev: Rope;
  vars: Map<string, VV>;
  vOwn: boolean;
  exp: Set<string>;
  xOwn: boolean;
  funcs: Map<string, FuncDef | null>;
  fOwn: boolean;
  jobs: Job[];
  /** jobs may exist that this part of the analysis cannot see */
  hidden: boolean;
  errexit: boolean;
  tainted: boolean;
  /** the environment may hold names not in `vars` (the container has envFrom): unknown, not unset */
  envOpen: boolean;
  pos: VV[] | null;
  trap: TrapDef | null | 'unknown';
  status: Status;
  last: number | null;
}

interface Out {
  n: St | null;
  x: St | null;
  b: St | null;
  c: St | null;
  r: St | null;
}

export interface G {
  argv: string[];
  unknown: boolean;
  steps: number;
  jobSeq: number;
}

interface K {
  g: G;
  sc: Sctx;
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
  v: string | null;
  arg: number;
  s: number;
  e: number;
  /** lazily: value index → offset in argv[arg] (literal words only) */
  cm: (() => Mapper | null) | null;
  /** the shell word it came from */
  w?: Word;
}

function tick(g: G, n = 1): void {
  g.steps += n;
  if (g.steps > MAX_STEPS) throw new BudgetError('budget');
}

function mk(n: St | null): Out {
  return { n, x: null, b: null, c: null, r: null };
}

export function newState(env: Record<string, string | undefined> | undefined): St {
  const vars = new Map<string, VV>();
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
    ev: null,
    vars,
    vOwn: true,
    exp,
    xOwn: true,
    funcs: new Map(),
    fOwn: true,
    jobs: [],
    hidden: false,
    errexit: false,
    tainted: false,
    envOpen: false,
    pos: null,
    trap: null,
    status: 0,
    last: null,
  };
}

function fork(S: St): St {
  S.vOwn = S.xOwn = S.fOwn = false;
  return { ...S };
}

/** A copy that starts at time zero with no visible jobs (for durations of a part in isolation). */
function zero(S: St): St {
  const z = fork(S);
  z.tMin = 0;
  z.tMax = 0;
  z.ev = null;
  z.hidden = S.hidden || S.jobs.length > 0;
  z.jobs = [];
  return z;
}

function setVar(g: G, S: St, name: string, v: VV): void {
  if (!S.vOwn) {
    tick(g, S.vars.size >> 3);
    S.vars = new Map(S.vars);
    S.vOwn = true;
  }
  S.vars.set(name, v);
}
function addExp(g: G, S: St, name: string): void {
  if (S.exp.has(name)) return;
  if (!S.xOwn) {
    tick(g, S.exp.size >> 3);
    S.exp = new Set(S.exp);
    S.xOwn = true;
  }
  S.exp.add(name);
}
function setFunc(S: St, name: string, f: FuncDef | null | undefined): void {
  if (!S.fOwn) {
    S.funcs = new Map(S.funcs);
    S.fOwn = true;
  }
  if (f === undefined) S.funcs.delete(name);
  else S.funcs.set(name, f);
}
function taint(g: G, S: St): void {
  S.tainted = true;
  const m = new Map<string, VV>();
  for (const k of S.vars.keys()) m.set(k, null);
  tick(g, m.size >> 3);
  S.vars = m;
  S.vOwn = true;
  S.pos = null;
}

function joinVV(a: VV | undefined, b: VV | undefined): VV | undefined {
  return a === b ? a : null;
}

function join(g: G, a: St | null, b: St | null): St | null {
  if (!a) return b;
  if (!b || a === b) return a;
  tick(g);
  if (b.tMin < a.tMin) a.ev = b.ev;
  a.tMin = Math.min(a.tMin, b.tMin);
  a.tMax = a.tMax === null || b.tMax === null ? null : Math.max(a.tMax, b.tMax);
  if (a.vars !== b.vars) {
    tick(g, (a.vars.size + b.vars.size) >> 3);
    const m = new Map<string, VV>();
    for (const [k, v] of a.vars) {
      const r = joinVV(v, b.vars.get(k));
      if (r !== undefined) m.set(k, r);
    }
    for (const k of b.vars.keys()) if (!a.vars.has(k)) m.set(k, null);
    a.vars = m;
    a.vOwn = true;
  }
  if (a.exp !== b.exp) {
    const s = new Set(a.exp);
    for (const k of b.exp) s.add(k);
    a.exp = s;
    a.xOwn = true;
  }
  if (a.funcs !== b.funcs) {
    const m = new Map<string, FuncDef | null>();
    for (const [k, v] of a.funcs) m.set(k, b.funcs.get(k) === v ? v : null);
    for (const k of b.funcs.keys()) if (!a.funcs.has(k)) m.set(k, null);
    a.funcs = m;
    a.fOwn = true;
  }
  if (a.jobs !== b.jobs) {
    const byId = new Map<number, Job>();
    for (const j of b.jobs) byId.set(j.id, j);
    const out: Job[] = [];
    for (const j of a.jobs) {
      const o = byId.get(j.id);
      if (o) {
        byId.delete(j.id);
        out.push({
          id: j.id,
          endMin: Math.min(j.endMin, o.endMin),
          endMax: j.endMax === null || o.endMax === null ? null : Math.max(j.endMax, o.endMax),
          ev: o.endMin < j.endMin ? o.ev : j.ev,
          certain: j.certain && o.certain,
          status: j.status === o.status ? j.status : -1,
        });
      } else out.push({ ...j, certain: false });
    }
    for (const o of byId.values()) out.push({ ...o, certain: false });
    a.jobs = out;
  }
  a.hidden = a.hidden || b.hidden;
  a.errexit = a.errexit || b.errexit;
  a.tainted = a.tainted || b.tainted;
  if (a.pos !== b.pos) {
    if (a.pos && b.pos && a.pos.length === b.pos.length) a.pos = a.pos.map((v, i) => (v === b.pos![i] ? v : null));
    else a.pos = null;
  }
  if (a.trap !== b.trap) a.trap = 'unknown';
  if (a.status !== b.status) a.status = -1;
  if (a.last !== b.last) a.last = null;
  return a;
}

function joinAll(g: G, o: Out): St | null {
  return join(g, join(g, join(g, join(g, o.n, o.x), o.b), o.c), o.r);
}

function addEsc(g: G, acc: Out, o: Out): void {
  acc.x = join(g, acc.x, o.x);
  acc.b = join(g, acc.b, o.b);
  acc.c = join(g, acc.c, o.c);
  acc.r = join(g, acc.r, o.r);
}

function adv(S: St, dMin: number, dMax: number | null, ev?: Rope): void {
  if (dMin > 0 && ev) S.ev = cat(S.ev, ev);
  S.tMin += dMin;
  S.tMax = S.tMax === null || dMax === null ? null : S.tMax + dMax;
}

/** Put a state measured from `zero()` after `base`. */
function shiftOnto(base: St, st: St): St {
  const r = st;
  r.ev = st.tMin > 0 ? cat(base.ev, st.ev) : base.ev;
  r.tMin = base.tMin + st.tMin;
  r.tMax = base.tMax === null || st.tMax === null ? null : base.tMax + st.tMax;
  const mine = new Set(base.jobs.map((j) => j.id));
  const extra = st.jobs.filter((j) => !mine.has(j.id)).map((j) => ({ ...j, certain: false, endMin: 0, endMax: null }));
  r.jobs = extra.length ? [...base.jobs, ...extra] : base.jobs;
  r.hidden = base.hidden;
  return r;
}

function evSpan(k: K, s: number, e: number, kind: Evidence['kind']): Evidence {
  const sc = k.sc;
  let off = sc.whole[0];
  let end = sc.whole[1];
  if (sc.map && e > s) {
    const a = sc.map(s, false);
    const b = sc.map(e - 1, true) + 1;
    if (b > a) {
      off = a;
      end = b;
    }
  }
  const src = k.g.argv[sc.arg] ?? '';
  return { arg: sc.arg, offset: off, length: end - off, text: src.slice(off, end), kind };
}

function evFields(g: G, F: Field[], kind: Evidence['kind']): Evidence {
  const f0 = F[0]!;
  const fl = F[F.length - 1]!;
  const src = g.argv[f0.arg] ?? '';
  if (f0.arg === fl.arg && fl.e >= f0.s) {
    return { arg: f0.arg, offset: f0.s, length: fl.e - f0.s, text: src.slice(f0.s, fl.e), kind };
  }
  return { arg: f0.arg, offset: f0.s, length: f0.e - f0.s, text: F.map((f) => f.v ?? '…').join(' '), kind };
}

// ---------------------------------------------------------------------------------------------
// lists, and-or lists, pipelines

function runList(list: List, S: St, k: K): Out {
  const acc = mk(null);
  let cur: St | null = S;
  for (const it of list.items) {
    if (!cur || cur.tMin === Infinity) break;
    tick(k.g);
    if (it.bg) {
      spawn(it.ao, cur, k);
      continue;
    }
    const o = runAndOr(it.ao, cur, k);
    addEsc(k.g, acc, o);
    cur = o.n;
  }
  acc.n = cur;
  return acc;
}

function spawn(ao: List['items'][number]['ao'], S: St, k: K): void {
  const child = fork(S);
  child.jobs = [];
  const o = runAndOr(ao, child, { ...k, noErr: false });
  const end = joinAll(k.g, o) ?? child;
  const id = ++k.g.jobSeq;
  S.jobs = [...S.jobs, { id, endMin: end.tMin, endMax: end.tMax, ev: end.ev, certain: true, status: end.status }];
  S.last = id;
  S.status = 0;
}

function runAndOr(ao: List['items'][number]['ao'], S: St, k: K): Out {
  if (!ao.rest.length) return runPipeline(ao.first, S, k, !k.noErr);
  const kc = { ...k, noErr: true };
  const acc = runPipeline(ao.first, S, kc, false);
  for (let i = 0; i < ao.rest.length; i++) {
    const { op, p } = ao.rest[i]!;
    const prev: St | null = acc.n;
    if (!prev || prev.tMin === Infinity) break;
    // The right side runs only when the left side's status allows it. A status known to skip it
    // skips it; a status known to allow it (`echo … && sleep 30`: echo exits 0) makes it certain;
    // otherwise it is uncertain and never adds to the minimum. Output redirections are assumed
    // to succeed (`echo x > /tmp/f` fails only on a read-only root filesystem).
    if ((op === '&&' && prev.status === 1) || (op === '||' && prev.status === 0)) continue;
    const certain = (op === '&&' && prev.status === 0) || (op === '||' && prev.status === 1);
    const last = i === ao.rest.length - 1;
    const skipped = certain ? null : fork(prev);
    const o = runPipeline(p, prev, last ? k : kc, last && !k.noErr);
    addEsc(k.g, acc, o);
    acc.n = skipped ? join(k.g, skipped, o.n) : o.n;
  }
  return acc;
}

function runPipeline(p: Pipeline, S: St, k: K, checked: boolean): Out {
  const kk = p.neg ? { ...k, noErr: true } : k;
  if (p.cmds.length === 1) {
    const c = p.cmds[0]!;
    const o = runCmd(c, S, kk);
    if (p.neg && o.n && o.n.status !== -1) o.n.status = o.n.status === 0 ? 1 : 0;
    if (checked && !p.neg && (c.t === 'simple' || c.t === 'sub')) errexit(k.g, o);
    return o;
  }
  const g = k.g;
  let tMin = S.tMin;
  let ev = S.ev;
  let tMax: number | null = S.tMax;
  let status: Status = 0;
  for (let i = 0; i < p.cmds.length; i++) {
    const c = p.cmds[i]!;
    const st = fork(S);
    st.jobs = [];
    const o = runCmd(c, st, { ...kk, stdinPiped: kk.stdinPiped || i > 0 });
    const end = joinAll(g, o) ?? st;
    const lastStage = i === p.cmds.length - 1;
    if (!lastStage && end.tMin === Infinity) {
      // a never-ending writer dies of SIGPIPE once the reader is gone: not certain
      tMax = null;
    } else if (end.tMin > tMin) {
      tMin = end.tMin;
      ev = end.ev;
    }
    tMax = tMax === null || end.tMax === null ? null : Math.max(tMax, end.tMax);
    if (lastStage) status = end.status;
    else if (end.status !== 0) status = -1;
  }
  if (status !== -1 && p.neg) status = status === 0 ? 1 : 0;
  S.tMin = tMin;
  S.tMax = tMax;
  S.ev = ev;
  S.status = status;
  const o = mk(S);
  if (checked && !p.neg) errexit(g, o);
  return o;
}

/** With `set -e`, a command that may fail may end the script here. */
function errexit(g: G, o: Out): void {
  const n = o.n;
  if (!n || !n.errexit || n.status === 0 || n.tMin === Infinity) return;
  o.x = join(g, o.x, fork(n));
  if (n.status === 1) o.n = null;
}

// ---------------------------------------------------------------------------------------------
// commands

function runCmd(c: Cmd, S: St, k: K): Out {
  tick(k.g);
  switch (c.t) {
    case 'simple':
      return runSimple(c, S, k);
    case 'group':
      return runList(c.body, S, k);
    case 'sub': {
      const child = fork(S);
      child.jobs = [];
      const end = joinAll(k.g, runList(c.body, child, k)) ?? child;
      S.tMin = end.tMin;
      S.tMax = end.tMax;
      S.ev = end.ev;
      S.status = end.status;
      return mk(S);
    }
    case 'if':
      return runIf(c, S, k);
    case 'loop':
      return runLoop(c, S, k);
    case 'for':
      return runFor(c, S, k);
    case 'case':
      return runCase(c, S, k);
    case 'func':
      setFunc(S, c.name, { body: c.body, sc: k.sc, bash: k.bash });
      S.status = 0;
      return mk(S);
    case 'arith': {
      if (arithAssigns(c.expr)) for (const n of arithNames(c.expr)) setVar(k.g, S, n, null);
      const v = evalArith(c.expr, (n) => lookupPlain(S, n));
      S.status = v === null ? -1 : v !== 0 ? 0 : 1;
      return mk(S);
    }
    case 'test': {
      const vals = c.words.map((w) => expandToString(w, S, k));
      const r = vals.every((v) => v !== null) ? testLiteral(vals as string[]) : null;
      S.status = r === null ? -1 : r ? 0 : 1;
      return mk(S);
    }
  }
}

function runIf(c: Extract<Cmd, { t: 'if' }>, S: St, k: K): Out {
  const g = k.g;
  const acc = mk(null);
  let cur: St | null = S;
  let done: St | null = null;
  for (const arm of c.arms) {
    if (!cur) break;
    let lt = literalTruth(arm.cond);
    const oc = runList(arm.cond, cur, { ...k, noErr: true });
    addEsc(g, acc, oc);
    const cs = oc.n;
    if (!cs) {
      cur = null;
      break;
    }
    if (lt === null && testLike(arm.cond) && cs.status !== -1) lt = cs.status === 0;
    if (cs.tMin === Infinity) {
      acc.n = join(g, done, cs);
      return acc;
    }
    if (lt === false) {
      cur = cs;
      continue;
    }
    const body = lt === true ? cs : fork(cs);
    const ob = runList(arm.body, body, k);
    addEsc(g, acc, ob);
    done = join(g, done, ob.n);
    cur = lt === true ? null : cs;
    if (lt === true) break;
  }
  if (cur) {
    if (c.els) {
      const oe = runList(c.els, cur, k);
      addEsc(g, acc, oe);
      done = join(g, done, oe.n);
    } else {
      cur.status = 0;
      done = join(g, done, cur);
    }
  }
  acc.n = done;
  return acc;
}

const DECLARERS = new Set(['read', 'export', 'local', 'declare', 'typeset', 'readonly', 'unset', 'getopts', 'printf', 'mapfile', 'readarray', 'let']);

/** Names a loop body may change: they are unknown from the second iteration on. */
function assignedNames(root: unknown, S: St, out: Set<string>, seen: Set<unknown>, g: G): { taint: boolean; pos: boolean } {
  let tainting = false;
  let pos = false;
  const stack: unknown[] = [root];
  while (stack.length) {
    const o = stack.pop();
    if (!o || typeof o !== 'object' || seen.has(o)) continue;
    seen.add(o);
    tick(g);
    if (Array.isArray(o)) {
      for (const x of o) stack.push(x);
      continue;
    }
    const r = o as Record<string, unknown>;
    if (r.t === 'simple') {
      const c = r as unknown as Simple;
      for (const a of c.assigns) out.add(a.name);
      const w0 = c.words[0] ? litValue(c.words[0]) : null;
      if (w0 === 'eval' || w0 === '.' || w0 === 'source') tainting = true;
      if (w0 === 'shift' || w0 === 'set') pos = true;
      if (w0 !== null && S.funcs.has(w0)) {
        const f = S.funcs.get(w0);
        if (f) stack.push(f.body);
        else tainting = true;
      }
      if (w0 !== null && DECLARERS.has(w0)) {
        for (const w of c.words.slice(1)) {
          const v = litValue(w);
          if (v === null) {
            const p0 = w.parts[0];
            if (p0 && p0.k === 'lit') {
              const m0 = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(p0.v);
              if (m0) out.add(m0[1]!);
            }
            continue;
          }
          if (w0 === 'let') for (const n of arithNames(v)) out.add(n);
          const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(v);
          if (m) out.add(m[1]!);
        }
      }
    } else if (r.t === 'for') out.add(String(r.name));
    else if (r.t === 'arith') for (const n of arithNames(String(r.expr))) out.add(n);
    else if (r.k === 'param' && typeof r.op === 'string' && r.op.includes('=')) out.add(String(r.name));
    else if (r.k === 'arith') for (const n of arithNames(String(r.expr))) out.add(n);
    for (const key of Object.keys(r)) {
      const v = r[key];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
  return { taint: tainting, pos };
}

function widen(S: St, roots: unknown[], k: K): void {
  const names = new Set<string>();
  let t = false;
  let pos = false;
  const seen = new Set<unknown>();
  for (const r of roots) {
    const a = assignedNames(r, S, names, seen, k.g);
    t = t || a.taint;
    pos = pos || a.pos;
  }
  if (t) {
    taint(k.g, S);
    return;
  }
  for (const n of names) setVar(k.g, S, n, null);
  if (pos) S.pos = null;
}

function markLoopJobs(S: St, before: Job[]): void {
  const ids = new Set(before.map((j) => j.id));
  if (S.jobs.every((j) => ids.has(j.id))) return;
  S.jobs = S.jobs.map((j) => (ids.has(j.id) ? j : { ...j, certain: false, endMax: null }));
}

function runLoop(c: Loop, S: St, k: K): Out {
  const g = k.g;
  let lt = literalTruth(c.cond);
  if (lt !== null && c.until) lt = !lt;
  const acc = mk(null);
  if (lt === false) {
    const oc = runList(c.cond, S, { ...k, noErr: true });
    addEsc(g, acc, oc);
    if (oc.n) oc.n.status = 0;
    acc.n = oc.n;
    acc.c = null;
    return acc;
  }
  const before = S.jobs;
  widen(S, [c.cond, c.body], k);
  if (S.errexit === false && containsSet(c.body)) S.errexit = true;
  const oc = runList(c.cond, S, { ...k, noErr: true });
  // `break` inside the condition leaves the loop; `continue` starts over
  let leave: St | null = oc.b;
  acc.x = oc.x;
  acc.r = oc.r;
  const cs = oc.n;
  if (lt === null && cs && testLike(c.cond) && cs.status !== -1) {
    // a test on values known at the first iteration, which the body cannot change
    lt = (cs.status === 0) !== c.until;
    if (!lt) {
      cs.status = 0;
      acc.n = join(g, leave, cs);
      return acc;
    }
  }
  if (cs && cs.tMin !== Infinity) {
    if (lt === null) {
      const exit = fork(cs);
      exit.status = 0;
      leave = join(g, leave, exit);
    }
    const preEv = cs.ev;
    const ob = runList(c.body, cs, k);
    acc.x = join(g, acc.x, ob.x);
    acc.r = join(g, acc.r, ob.r);
    leave = join(g, leave, ob.b);
    if (lt === true && !leave && !acc.x && !acc.r) {
      // nothing ever leaves the loop
      const again = join(g, ob.n, ob.c);
      if (again && again.tMin === Infinity) leave = again;
      else {
        const st = again ?? cs;
        st.ev = preEv;
        adv(st, Infinity, null, evSpan(k, c.s, c.headEnd, 'unbounded'));
        leave = st;
      }
      acc.n = leave;
      return acc;
    }
  } else if (cs) {
    leave = join(g, leave, cs);
  }
  g.unknown = true;
  for (const st of [leave, acc.x, acc.r]) {
    if (st) {
      if (st.tMin !== Infinity) st.tMax = null;
      markLoopJobs(st, before);
    }
  }
  acc.n = leave;
  return acc;
}

function containsSet(body: List): boolean {
  const stack: unknown[] = [body];
  while (stack.length) {
    const o = stack.pop();
    if (!o || typeof o !== 'object') continue;
    if (Array.isArray(o)) {
      for (const x of o) stack.push(x);
      continue;
    }
    const r = o as Record<string, unknown>;
    if (r.t === 'simple') {
      const w0 = (r as unknown as Simple).words[0];
      if (w0 && litValue(w0) === 'set') return true;
    }
    for (const key of Object.keys(r)) {
      const v = r[key];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
  return false;
}

/** How many times a `for` list iterates: [min, max] and the loop variable's value if constant. */
function forCount(c: For, S: St, k: K): { min: number; max: number; value: VV; vals: VV[] } | null {
  if (c.opaque) return null;
  if (c.list === null) {
    if (!S.pos) return null;
    const n = S.pos.length - 1;
    const vals = S.pos.slice(1);
    return { min: n, max: n, value: n > 0 && vals.every((v) => v === vals[0]) ? vals[0]! : null, vals };
  }
  let min = 0;
  let max = 0;
  const vals: VV[] = [];
  for (const w of c.list) {
    const p0 = w.parts[0];
    if (w.parts.length === 1 && p0 && p0.k === 'cmd' && !p0.q) {
      const n = seqCount(p0.body, S, k);
      if (n !== null) {
        min += n;
        max += n;
        vals.push(null);
        continue;
      }
    }
    const lit = litValue(w);
    if (lit !== null) {
      const unq = w.parts.map((p) => (p.k === 'lit' && !p.q ? p.v : '')).join('');
      if (/[*?[]/.test(unq)) return null;
      if (unq.includes('{') && w.parts.every((p) => p.k === 'lit' && !p.q)) {
        const bc = braceCount(lit, 0);
        if (bc === null) return null;
        if (bc !== 1) {
          min += k.bash ? bc : 1;
          max += bc;
          vals.push(null);
          continue;
        }
      }
    }
    const r = expandWord(w, S, k);
    if (!r.exact) return null;
    min += r.fields.length;
    max += r.fields.length;
    for (const f of r.fields) vals.push(f.v);
    for (const f of r.fields) if (f.v !== null && !w.parts.every((p) => p.k === 'lit') && /[*?[]/.test(f.v)) return null;
  }
  const value: VV = vals.length > 0 && vals.every((v) => v !== null && v === vals[0]) ? vals[0]! : null;
  return { min, max, value, vals };
}

/** `$(seq 10)`, `$(seq 1 10)`, `$(seq 0 2 10)` → count; null otherwise. */
function seqCount(body: List, S: St, k: K): number | null {
  if (body.items.length !== 1) return null;
  const ao = body.items[0]!.ao;
  if (ao.rest.length || ao.first.cmds.length !== 1) return null;
  const c = ao.first.cmds[0]!;
  if (c.t !== 'simple' || c.assigns.length) return null;
  const vals: string[] = [];
  for (const w of c.words) {
    const v = expandToString(w, S, k);
    if (v === null) return null;
    vals.push(v);
  }
  if (vals[0] !== 'seq' && !vals[0]?.endsWith('/seq')) return null;
  const nums = vals.slice(1).filter((v) => !/^-[a-z]/i.test(v));
  if (nums.length !== vals.length - 1 || nums.length < 1 || nums.length > 3) return null;
  const ns = nums.map(Number);
  if (ns.some((n) => !Number.isFinite(n))) return null;
  const [first, incr, last] = ns.length === 1 ? [1, 1, ns[0]!] : ns.length === 2 ? [ns[0]!, 1, ns[1]!] : [ns[0]!, ns[1]!, ns[2]!];
  if (incr === 0) return null;
  const n = Math.floor((last - first) / incr + 1e-9) + 1;
  return n > 0 ? Math.min(n, 1e9) : 0;
}

/** Number of words a brace expansion yields (1: no expansion), null when unsure. */
function braceCount(s: string, depth: number): number | null {
  if (depth > 8) return null;
  const open = s.indexOf('{');
  if (open < 0) return 1;
  const close = s.indexOf('}', open);
  if (close < 0) return 1;
  const inner = s.slice(open + 1, close);
  if (inner.includes('{')) return null;
  let n: number;
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  const chr = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(inner);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    const st = Math.abs(Number(num[3] ?? 1)) || 1;
    n = Math.floor(Math.abs(b - a) / st) + 1;
  } else if (chr) n = Math.abs(chr[2]!.charCodeAt(0) - chr[1]!.charCodeAt(0)) + 1;
  else if (inner.includes(',')) n = inner.split(',').length;
  else n = 1;
  const rest = braceCount(s.slice(close + 1), depth + 1);
  if (rest === null) return null;
  return Math.min(n * rest, 1e9);
}

function runFor(c: For, S: St, k: K): Out {
  const g = k.g;
  const cnt = forCount(c, S, k);
  const acc = mk(null);
  if (cnt && cnt.max === 0) {
    S.status = 0;
    acc.n = S;
    return acc;
  }
  if (!cnt) g.unknown = true;
  if (cnt && cnt.min === cnt.max && cnt.vals.length === cnt.max && cnt.max <= MAX_UNROLL && cnt.vals.every((v) => typeof v === 'string')) {
    return unroll(c, cnt.vals as string[], S, k);
  }
  widen(S, [c.body], k);
  if (c.name) setVar(g, S, c.name, cnt ? cnt.value : null);
  const z = zero(S);
  const ob = runList(c.body, z, k);
  // the longest any single iteration may take, whichever way it ends
  let itMax: number | null = 0;
  for (const st of [ob.n, ob.c, ob.b, ob.x, ob.r]) if (st) itMax = itMax === null || st.tMax === null ? null : Math.max(itMax, st.tMax);
  const loopMax = (): number | null => (cnt && S.tMax !== null && itMax !== null ? S.tMax + itMax * cnt.max : null);
  const place = (st: St): St => {
    const r = shiftOnto(S, st);
    r.tMax = loopMax();
    return r;
  };
  let leave: St | null = null;
  if (!cnt || cnt.min === 0) {
    const none = fork(S);
    none.status = 0;
    none.tMax = loopMax();
    leave = none;
  }
  const iter = join(g, ob.n, ob.c);
  if (cnt && cnt.min > 0 && iter) {
    const itMin = iter.tMin;
    const itEv = iter.ev;
    const r = shiftOnto(S, iter);
    r.tMin = S.tMin + itMin * cnt.min;
    r.ev = itMin > 0 ? cat(S.ev, itEv) : S.ev;
    r.tMax = loopMax();
    leave = join(g, leave, r);
  }
  if (ob.b) leave = join(g, leave, place(ob.b));
  if (ob.x) acc.x = place(ob.x);
  if (ob.r) acc.r = place(ob.r);
  acc.n = leave;
  return acc;
}

const MAX_UNROLL = 16;

/** A short literal `for` list: run the body once per value. */
function unroll(c: For, vals: string[], S: St, k: K): Out {
  const g = k.g;
  const acc = mk(null);
  let cur: St | null = S;
  let leave: St | null = null;
  for (const v of vals) {
    if (!cur || cur.tMin === Infinity) break;
    if (c.name) setVar(g, cur, c.name, v);
    const o = runList(c.body, cur, k);
    acc.x = join(g, acc.x, o.x);
    acc.r = join(g, acc.r, o.r);
    leave = join(g, leave, o.b);
    cur = join(g, o.n, o.c);
  }
  acc.n = join(g, cur, leave);
  return acc;
}

function runCase(c: Extract<Cmd, { t: 'case' }>, S: St, k: K): Out {
  const g = k.g;
  const subject = expandToString(c.word, S, k);
  const acc = mk(null);
  // find the arms that may run
  let candidates: number[] = [];
  let fallsOff = true;
  for (let i = 0; i < c.arms.length; i++) {
    let certain = false;
    let possible = false;
    for (const p of c.arms[i]!.pats) {
      const lit = litValue(p);
      const star = lit === '*' && p.parts.every((x) => x.k === 'lit' && !x.q);
      const plain = lit !== null && !p.parts.some((x) => x.k === 'lit' && !x.q && /[*?[]/.test(x.v));
      if (star) {
        certain = true;
        possible = true;
      } else if (subject !== null && plain) {
        if (lit === subject) {
          certain = true;
          possible = true;
        }
      } else possible = true;
    }
    if (possible) candidates.push(i);
    if (certain) {
      fallsOff = false;
      break;
    }
  }
  let done: St | null = null;
  if (fallsOff) {
    const none = fork(S);
    none.status = 0;
    done = none;
  }
  if (candidates.length > 64) candidates = candidates.slice(0, 64);
  for (const i of candidates) {
    let st: St | null = fork(S);
    for (let j = i; j < c.arms.length && st; j++) {
      const arm = c.arms[j]!;
      const o = runList(arm.body, st, k);
      addEsc(g, acc, o);
      st = o.n;
      if (arm.term === ';;&' && st) {
        g.unknown = true;
        st.tMax = null;
      }
      if (arm.term !== ';&') break;
    }
    done = join(g, done, st);
  }
  acc.n = done;
  return acc;
}

// ---------------------------------------------------------------------------------------------
// literal truth of conditions

function literalTruth(list: List): boolean | null {
  if (list.items.length !== 1) return null;
  const it = list.items[0]!;
  if (it.bg || it.ao.rest.length) return null;
  const p = it.ao.first;
  if (p.cmds.length !== 1) return null;
  const c = p.cmds[0]!;
  let r: boolean | null = null;
  if (c.t === 'simple') {
    if (c.assigns.length || !c.words.length) return null;
    const ws = c.words.map(litValue);
    if (ws.some((w) => w === null)) return null;
    const vs = ws as string[];
    const n = basename(vs[0]!);
    if (n === 'true' || n === ':') r = true;
    else if (n === 'false') r = false;
    else if (n === '[' && vs[vs.length - 1] === ']') r = testLiteral(vs.slice(1, -1));
    else if (n === 'test') r = testLiteral(vs.slice(1));
  } else if (c.t === 'test') {
    const vs = c.words.map(litValue);
    if (vs.some((w) => w === null)) return null;
    r = testLiteral(vs as string[]);
  } else if (c.t === 'arith') {
    const m = /^\s*(\d+)\s*$/.exec(c.expr);
    if (m) r = Number(m[1]) !== 0;
  }
  if (r === null) return null;
  return p.neg ? !r : r;
}

/** A condition that is a single test (`[`, `test`, `[[ ]]`, `(( ))`, `true`, `false`, `:`). */
function testLike(list: List): boolean {
  if (list.items.length !== 1) return false;
  const it = list.items[0]!;
  if (it.bg || it.ao.rest.length || it.ao.first.cmds.length !== 1) return false;
  const c = it.ao.first.cmds[0]!;
  if (c.t === 'test' || c.t === 'arith') return true;
  if (c.t !== 'simple' || c.assigns.length || !c.words.length) return false;
  const n = litValue(c.words[0]!);
  return n === '[' || n === 'test' || n === 'true' || n === 'false' || n === ':';
}

function testLiteral(ws: string[]): boolean | null {
  if (ws.length === 0) return false;
  if (ws.length === 1) return ws[0] !== '';
  if (ws.length === 2 && ws[0] === '-n') return ws[1] !== '';
  if (ws.length === 2 && ws[0] === '-z') return ws[1] === '';
  if (ws.length === 2 && ws[0] === '!') return ws[1] === '';
  if (ws.length === 3) {
    const [a, op, b] = ws as [string, string, string];
    if (op === '=' || op === '==') return a === b;
    if (op === '!=') return a !== b;
    if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) {
      const x = Number(a);
      const y = Number(b);
      switch (op) {
        case '-eq':
          return x === y;
        case '-ne':
          return x !== y;
        case '-lt':
          return x < y;
        case '-le':
          return x <= y;
        case '-gt':
          return x > y;
        case '-ge':
          return x >= y;
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// expansion

function lookupPlain(S: St, name: string): string | null {
  let v: VV | undefined;
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    v = S.pos ? (n < S.pos.length ? S.pos[n] : UNSET) : null;
  } else v = S.vars.get(name);
  if (v === undefined || v === null) return null;
  if (v === UNSET) return '';
  return v;
}

function paramValue(p: Extract<Part, { k: 'param' }>, S: St, k: K): string | null {
  const name = p.name;
  let v: VV | undefined;
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    v = S.pos ? (n < S.pos.length ? S.pos[n] : UNSET) : null;
  } else if (name === '#') {
    v = S.pos ? String(S.pos.length - 1) : null;
  } else if (name === '!') {
    v = S.last !== null ? JOB + S.last : null;
  } else if (name === '@' || name === '*') {
    if (S.pos && S.pos.length === 1) v = UNSET;
    else if (S.pos && S.pos.length === 2) v = S.pos[1]!;
    else v = null;
  } else if (name === '?' || name === '$' || name === '-') {
    v = null;
  } else {
    v = S.vars.get(name);
    if (v === undefined && (S.tainted || S.envOpen)) v = null;
  }
  const op = p.op;
  switch (op) {
    case '':
      if (v === undefined) return null;
      return v === UNSET ? '' : v;
    case ':-':
    case '-':
    case ':=':
    case '=': {
      if (v === null) return null;
      const isSet = typeof v === 'string' && (op.length === 1 || v !== '');
      if (isSet) return v as string;
      const d = p.arg ? expandToString(p.arg, S, k) : '';
      if (op.includes('=') && /^[A-Za-z_]/.test(name)) setVar(k.g, S, name, d);
      return d;
    }
    case ':+':
    case '+': {
      if (v === null) return null;
      const isSet = typeof v === 'string' && (op === '+' || v !== '');
      return isSet ? (p.arg ? expandToString(p.arg, S, k) : '') : '';
    }
    case ':?':
    case '?':
      return typeof v === 'string' && (op === '?' || v !== '') ? v : null;
    case 'len':
      return typeof v === 'string' ? String(v.length) : v === UNSET ? '0' : null;
    default:
      if (p.arg) expandToString(p.arg, S, k);
      return null;
  }
}

function runCmdSub(body: List, S: St, k: K): string | null {
  tick(k.g);
  const child = fork(S);
  child.jobs = [];
  const o = runList(body, child, { ...k, noErr: false, stdinPiped: false });
  const end = joinAll(k.g, o) ?? child;
  S.tMin = end.tMin;
  S.tMax = end.tMax;
  S.ev = end.ev;
  S.status = end.status;
  if (silent(body)) return '';
  // `$(echo literal)` has a known output
  if (body.items.length === 1) {
    const ao = body.items[0]!.ao;
    const c = ao.first.cmds[0];
    if (!ao.rest.length && ao.first.cmds.length === 1 && c && c.t === 'simple' && c.words.length >= 1) {
      const vs = c.words.map(litValue);
      if (vs[0] === 'echo' && vs.every((v) => v !== null) && !(vs[1] ?? '').startsWith('-')) return vs.slice(1).join(' ');
    }
  }
  return null;
}

const SILENT = new Set(['sleep', 'true', 'false', ':', 'wait']);
/** A command substitution body that prints nothing (`$(sleep 5)`). */
function silent(body: List): boolean {
  for (const it of body.items) {
    for (const p of [it.ao.first, ...it.ao.rest.map((r) => r.p)]) {
      for (const c of p.cmds) {
        if (c.t !== 'simple' || c.redirs.length) return false;
        if (!c.words.length) continue;
        const n = litValue(c.words[0]!);
        if (n === null || !SILENT.has(basename(n))) return false;
      }
    }
  }
  return true;
}

/** Expand without field splitting (assignments, `case` subjects, operator arguments). */
function expandToString(w: Word, S: St, k: K): string | null {
  let out = '';
  let known = true;
  for (const p of w.parts) {
    const v = partValue(p, S, k);
    if (v === null) known = false;
    else out += v;
  }
  return known ? out : null;
}

function partValue(p: Part, S: St, k: K): string | null {
  switch (p.k) {
    case 'lit':
      return p.v;
    case 'param':
      return paramValue(p, S, k);
    case 'cmd':
      return runCmdSub(p.body, S, k);
    case 'arith': {
      if (arithAssigns(p.expr)) {
        for (const n of arithNames(p.expr)) setVar(k.g, S, n, null);
        return null;
      }
      const v = evalArith(p.expr, (n) => lookupPlain(S, n));
      return v === null ? null : String(v);
    }
    case 'proc': {
      const child = fork(S);
      child.jobs = [];
      runList(p.body, child, k);
      S.tMax = null;
      return '/dev/fd/63';
    }
  }
}

function charMap(w: Word, sc: Sctx): Mapper | null {
  const m = sc.map;
  if (!m) return null;
  let len = 0;
  for (const p of w.parts) {
    if (p.k !== 'lit' || p.nc) return null;
    len += p.v.length;
  }
  const arr = new Int32Array(len);
  let j = 0;
  for (const p of w.parts) {
    if (p.k !== 'lit') continue;
    for (let i = 0; i < p.v.length; i++) arr[j++] = p.s + i;
  }
  return (i: number, end: boolean) => m(len === 0 ? w.s : arr[Math.min(Math.max(i, 0), len - 1)]!, end);
}

function spanOf(sc: Sctx, s: number, e: number): [number, number] {
  if (!sc.map || e <= s) return sc.whole;
  const a = sc.map(s, false);
  const b = sc.map(e - 1, true) + 1;
  return b > a ? [a, b] : sc.whole;
}

function expandWord(w: Word, S: St, k: K): { fields: Field[]; exact: boolean } {
  tick(k.g);
  const [s, e] = spanOf(k.sc, w.s, w.e);
  const arg = k.sc.arg;
  if (w.parts.every((p) => p.k === 'lit')) {
    const v = w.parts.map((p) => (p as { v: string }).v).join('');
    const sc = k.sc;
    return { fields: [{ v, arg, s, e, cm: () => charMap(w, sc), w }], exact: true };
  }
  const p0 = w.parts[0]!;
  if (w.parts.length === 1 && p0.k === 'param' && p0.name === '@' && p0.op === '' && S.pos) {
    // "$@": one field per positional parameter
    const vals = S.pos.slice(1);
    if (vals.every((v) => typeof v === 'string' && (p0.q || !/[ \t\n]/.test(v) && v !== ''))) {
      return { fields: (vals as string[]).map((v) => ({ v, arg, s, e, cm: null, w })), exact: true };
    }
  }
  const segs: { t: string | null; q: boolean; split: boolean }[] = [];
  for (const p of w.parts) {
    if (S.tMin === Infinity) break;
    const t = partValue(p, S, k);
    const q = p.k === 'proc' ? true : p.q;
    segs.push({ t, q, split: p.k !== 'lit' && !q });
  }
  if (segs.some((x) => x.t === null)) {
    // an unknown unquoted expansion, or "$@", may give any number of fields
    const multi = w.parts.some((p) => p.k === 'param' && (p.name === '@' || p.name === '*') && p.op === '');
    const exact = !multi && !segs.some((x) => x.t === null && !x.q);
    return { fields: [{ v: null, arg, s, e, cm: null, w }], exact };
  }
  const out: string[] = [];
  let cur = '';
  let started = false;
  for (const sg of segs) {
    const t = sg.t!;
    if (sg.split) {
      for (const ch of t) {
        if (ch === ' ' || ch === '\t' || ch === '\n') {
          if (started) out.push(cur);
          cur = '';
          started = false;
        } else {
          cur += ch;
          started = true;
        }
      }
    } else {
      cur += t;
      if (sg.q || t.length) started = true;
    }
  }
  if (started) out.push(cur);
  return { fields: out.map((v) => ({ v, arg, s, e, cm: null, w })), exact: true };
}

// ---------------------------------------------------------------------------------------------
// simple commands

function basename(n: string): string {
  const i = n.lastIndexOf('/');
  return i < 0 ? n : n.slice(i + 1);
}

function runSimple(c: Simple, S: St, k: K): Out {
  const g = k.g;
  const F: Field[] = [];
  let exact = true;
  for (const w of c.words) {
    const r = expandWord(w, S, k);
    if (!r.exact) exact = false;
    for (const f of r.fields) F.push(f);
    if (S.tMin === Infinity) return mk(S);
  }
  let inputRedir = false;
  for (const r of c.redirs) {
    if (r.op === '<' || r.op === '<<' || r.op === '<<-' || r.op === '<<<' || r.op === '<>' || (r.op === '<&' && (r.fd === null || r.fd === 0))) inputRedir = true;
    if (r.target && r.op !== '<<' && r.op !== '<<-' && r.target.parts.some((p) => p.k !== 'lit')) expandToString(r.target, S, k);
  }
  const asg: [string, VV][] = [];
  let sawSub = false;
  for (const a of c.assigns) {
    let v: VV;
    if (a.array) v = null;
    else {
      if (a.value && a.value.parts.some((p) => p.k === 'cmd')) sawSub = true;
      v = a.value ? expandToString(a.value, S, k) : '';
      if (a.append) {
        const old = S.vars.get(a.name);
        v = typeof v === 'string' && typeof old === 'string' ? old + v : old === UNSET ? v : null;
      }
    }
    asg.push([a.name, v]);
  }
  if (F.length === 0) {
    if (!exact) {
      // `$CMD` that may expand to a command
      g.unknown = true;
      adv(S, 0, null);
      S.status = -1;
    } else S.status = sawSub ? S.status : 0;
    for (const [n, v] of asg) setVar(g, S, n, v);
    return mk(S);
  }
  const extra = asg.length ? new Map(asg) : null;
  return runArgv(F, S, { ...k, inputRedir }, extra);
}

const INSTANT = new Set([
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'test',
  '[',
  'date',
  'hostname',
  'basename',
  'dirname',
  'id',
  'whoami',
  'uname',
  'printenv',
  'expr',
  'pwd',
]);
const OK_STATUS = new Set(['echo', 'printf', 'true', ':', 'date', 'pwd', 'hostname', 'uname', 'id', 'whoami', 'basename', 'dirname']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'yash', 'posh', 'lksh', 'ksh93']);
const BASHISH = new Set(['bash', 'zsh', 'ksh', 'mksh', 'ksh93', 'lksh']);

interface Wrapper {
  /** options that take a separate value */
  v: string[];
  /** positional operands before the command (user, directory) */
  skip: number;
}
const WRAPPERS: Record<string, Wrapper> = {
  nohup: { v: [], skip: 0 },
  nice: { v: ['-n', '--adjustment'], skip: 0 },
  ionice: { v: ['-c', '-n', '--class', '--classdata'], skip: 0 },
  setsid: { v: [], skip: 0 },
  stdbuf: { v: ['-i', '-o', '-e', '--input', '--output', '--error'], skip: 0 },
  chroot: { v: ['--userspec', '--groups'], skip: 1 },
  gosu: { v: [], skip: 1 },
  'su-exec': { v: [], skip: 1 },
  's6-setuidgid': { v: [], skip: 1 },
  tini: { v: ['-e', '-p'], skip: 0 },
  'dumb-init': { v: ['-r', '--rewrite'], skip: 0 },
  catatonit: { v: [], skip: 0 },
  doas: { v: ['-u', '-C'], skip: 0 },
  sudo: { v: ['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U', '-r', '-t'], skip: 0 },
  chpst: { v: ['-u', '-U', '-b', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c'], skip: 0 },
  time: { v: ['-f', '-o', '--format', '--output'], skip: 0 },
  unbuffer: { v: [], skip: 0 },
};

function ordinary(S: St, status: Status = -1): Out {
  adv(S, 0, null);
  S.status = status;
  return mk(S);
}
function instant(S: St, status: Status): Out {
  S.status = status;
  return mk(S);
}
function unknownCmd(k: K, S: St): Out {
  k.g.unknown = true;
  return ordinary(S);
}

function runArgv(F: Field[], S: St, k: K, extra: Map<string, VV> | null): Out {
  tick(k.g);
  const f0 = F[0]!;
  if (f0.v === null) return unknownCmd(k, S);
  const name = f0.v;
  const base = basename(name);
  if (!k.external && !k.noFuncs && !name.includes('/')) {
    const fd = S.funcs.get(name);
    if (fd !== undefined) return callFunc(fd, F, S, k);
    if (S.tainted && !BUILTINS.has(name) && !INSTANT.has(name)) {
      // an unknown `source`/`eval` may have defined a function of that name
      k.g.unknown = true;
    }
  }
  if (!k.external && !name.includes('/')) {
    const r = builtin(name, F, S, k, extra);
    if (r) return r;
  }
  switch (base) {
    case 'sleep':
      return sleepCmd(F, S, k);
    case 'tail':
      return tailCmd(F, S, k);
    case 'timeout':
      return timeoutCmd(F, S, k, extra);
    case 'busybox':
      return F.length > 1 ? runArgv(F.slice(1), S, { ...k, external: true }, extra) : ordinary(S);
    case 'env':
      return envCmd(F, S, k, extra);
    case 'su':
    case 'runuser':
      return suCmd(F, S, k, extra);
    case 'cat':
      if (F.length === 1 || F.slice(1).every((f) => f.v === '-' || (f.v !== null && f.v.startsWith('-') && f.v.length > 1))) {
        if (!k.inputRedir && !k.stdinPiped) k.g.unknown = true;
      }
      return ordinary(S);
    case 'kill':
    case 'pkill':
    case 'killall':
      // a background job may be the target: it may end now
      if (S.jobs.length) S.jobs = S.jobs.map((j) => ({ ...j, endMin: Math.min(j.endMin, S.tMin) }));
      return ordinary(S);
  }
  if (SHELLS.has(base)) return shellCmd(base, F, S, k, extra);
  const w = WRAPPERS[base];
  if (w) return wrapperCmd(base, w, F, S, k, extra);
  if (base === 'test' || base === '[') {
    const vs = F.slice(1).map((f) => f.v);
    if (base === '[' && vs[vs.length - 1] === ']') vs.pop();
    const r = vs.every((v) => v !== null) ? testLiteral(vs as string[]) : null;
    return instant(S, r === null ? -1 : r ? 0 : 1);
  }
  if (INSTANT.has(base)) return instant(S, base === 'false' ? 1 : OK_STATUS.has(base) ? 0 : -1);
  return ordinary(S);
}

const BUILTINS = new Set([
  'exit',
  'return',
  'break',
  'continue',
  'exec',
  'eval',
  '.',
  'source',
  'set',
  'export',
  'readonly',
  'local',
  'declare',
  'typeset',
  'unset',
  'shift',
  'trap',
  'read',
  'wait',
  'cd',
  'umask',
  'ulimit',
  'alias',
  'unalias',
  'hash',
  'type',
  'jobs',
  'disown',
  'let',
  'getopts',
  'mapfile',
  'readarray',
  'command',
  'builtin',
  'shopt',
]);

function builtin(name: string, F: Field[], S: St, k: K, extra: Map<string, VV> | null): Out | null {
  const g = k.g;
  const args = F.slice(1);
  const av = args.map((f) => f.v);
  switch (name) {
    case 'exit': {
      const code = av[0];
      S.status = code === undefined ? S.status : code === '0' ? 0 : code === null ? -1 : 1;
      return { n: null, x: S, b: null, c: null, r: null };
    }
    case 'return': {
      const code = av[0];
      S.status = code === undefined ? S.status : code === '0' ? 0 : code === null ? -1 : 1;
      return k.fnDepth > 0 ? { n: null, x: null, b: null, c: null, r: S } : { n: null, x: S, b: null, c: null, r: null };
    }
    case 'break':
    case 'continue': {
      const n = av[0];
      if (n !== undefined && n !== '1') {
        g.unknown = true;
        S.tMax = null;
      }
      S.status = 0;
      return name === 'break' ? { n: null, x: null, b: S, c: null, r: null } : { n: null, x: null, b: null, c: S, r: null };
    }
    case 'exec': {
      let i = 0;
      while (i < args.length) {
        const v = av[i];
        if (v === '--') {
          i++;
          break;
        }
        if (v === '-a') i += 2;
        else if (v === '-c' || v === '-l' || v === '-cl' || v === '-lc') i++;
        else break;
      }
      if (i >= args.length) return instant(S, 0);
      const o = runArgv(args.slice(i), S, { ...k, external: true }, extra);
      return { n: null, x: joinAll(g, o), b: null, c: null, r: null };
    }
    case 'eval': {
      if (!args.length) return instant(S, 0);
      if (av.some((v) => v === null) || k.nest >= MAX_NEST) {
        taint(g, S);
        return unknownCmd(k, S);
      }
      const text = (av as string[]).join(' ');
      let list: List;
      try {
        list = parseScript(text);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        return unknownCmd(k, S);
      }
      const f = args[0]!;
      const single = args.length === 1 ? f.cm?.() ?? null : null;
      const sc: Sctx = { arg: f.arg, map: single, whole: [f.s, args[args.length - 1]!.arg === f.arg ? args[args.length - 1]!.e : f.e] };
      return runList(list, S, { ...k, sc, nest: k.nest + 1 });
    }
    case '.':
    case 'source':
      taint(g, S);
      return ordinary(S);
    case 'set': {
      for (let i = 0; i < args.length; i++) {
        const v = av[i];
        if (v === null || v === undefined) {
          S.pos = null;
          break;
        }
        if (v === '--' || v === '-') {
          S.pos = [S.pos ? S.pos[0]! : null, ...av.slice(i + 1).map((x) => (x === undefined ? null : x))];
          break;
        }
        if (v === '-o' || v === '+o') {
          if (av[i + 1] === 'errexit') S.errexit = v[0] === '-';
          i++;
          continue;
        }
        if (/^[-+][A-Za-z]+$/.test(v)) {
          if (v.includes('e')) S.errexit = v[0] === '-';
          if (v.includes('o')) {
            if (av[i + 1] === 'errexit') S.errexit = v[0] === '-';
            i++;
          }
          continue;
        }
        S.pos = [S.pos ? S.pos[0]! : null, ...av.slice(i).map((x) => (x === undefined ? null : x))];
        break;
      }
      return instant(S, 0);
    }
    case 'export':
    case 'readonly':
    case 'local':
    case 'declare':
    case 'typeset': {
      let exporting = name === 'export';
      for (let i = 0; i < args.length; i++) {
        const v = av[i];
        const f = args[i]!;
        if (v === null || v === undefined) {
          const lit0 = f.w?.parts[0];
          const m = lit0 && lit0.k === 'lit' ? /^([A-Za-z_][A-Za-z0-9_]*)\+?=/.exec(lit0.v) : null;
          if (m) {
            setVar(g, S, m[1]!, null);
            if (exporting) addExp(g, S, m[1]!);
          }
          continue;
        }
        if (/^[-+][A-Za-z]+$/.test(v)) {
          if (v[0] === '-' && v.includes('x')) exporting = true;
          if (v.includes('f')) return instant(S, 0);
          continue;
        }
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=([\s\S]*)$/.exec(v);
        if (m) {
          const old = S.vars.get(m[1]!);
          const val: VV = m[2] ? (typeof old === 'string' ? old + m[3] : old === UNSET || old === undefined ? m[3]! : null) : m[3]!;
          setVar(g, S, m[1]!, val);
          if (exporting) addExp(g, S, m[1]!);
        } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
          if (exporting) addExp(g, S, v);
          else if (name === 'local' && !S.vars.has(v)) setVar(g, S, v, UNSET);
        }
      }
      return instant(S, 0);
    }
    case 'unset': {
      let funcs = false;
      for (const v of av) {
        if (v === null) {
          taint(g, S);
          continue;
        }
        if (v === '-f') funcs = true;
        else if (v === '-v') funcs = false;
        else if (funcs) setFunc(S, v, undefined);
        else setVar(g, S, v, UNSET);
      }
      return instant(S, 0);
    }
    case 'shift': {
      const n = av[0] === undefined ? 1 : av[0] !== null && /^\d+$/.test(av[0]) ? Number(av[0]) : null;
      if (n === null || !S.pos) S.pos = null;
      else if (n <= S.pos.length - 1) S.pos = [S.pos[0]!, ...S.pos.slice(1 + n)];
      else return instant(S, 1);
      return instant(S, 0);
    }
    case 'trap': {
      if (!args.length || av[0] === '-p' || av[0] === '-l') return instant(S, 0);
      let i = 0;
      if (av[0] === '--') i++;
      const action = args[i];
      const sigs = av.slice(i + 1);
      if (!action) return instant(S, 0);
      if (sigs.some((x) => x === null || /^(0|EXIT|SIGEXIT)$/i.test(x))) {
        const a = action.v;
        if (a === null) S.trap = 'unknown';
        else if (a === '' || a === '-') S.trap = null;
        else {
          try {
            const body = parseScript(a);
            S.trap = { body, sc: { arg: action.arg, map: action.cm?.() ?? null, whole: [action.s, action.e] } };
          } catch (e) {
            if (!(e instanceof ParseError)) throw e;
            S.trap = 'unknown';
          }
        }
      }
      return instant(S, 0);
    }
    case 'read': {
      const VALUE_OPTS = new Set(['-p', '-t', '-n', '-N', '-d', '-u', '-a', '-i']);
      for (let i = 0; i < args.length; i++) {
        const v = av[i];
        if (v === null || v === undefined) continue;
        if (VALUE_OPTS.has(v)) {
          if (v === '-a' && av[i + 1]) setVar(g, S, av[i + 1]!, null);
          i++;
          continue;
        }
        if (v.startsWith('-')) continue;
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) setVar(g, S, v, null);
      }
      if (!args.some((f) => f.v !== null && /^[A-Za-z_]/.test(f.v))) setVar(g, S, 'REPLY', null);
      if (!k.inputRedir && !k.stdinPiped) g.unknown = true;
      return ordinary(S);
    }
    case 'wait':
      return waitCmd(F, S, k);
    case 'let': {
      for (const v of av) if (v === null) taint(g, S);
      else if (arithAssigns(v)) for (const n of arithNames(v)) setVar(g, S, n, null);
      return instant(S, -1);
    }
    case 'getopts': {
      if (av[1]) setVar(g, S, av[1], null);
      setVar(g, S, 'OPTIND', null);
      setVar(g, S, 'OPTARG', null);
      return instant(S, -1);
    }
    case 'mapfile':
    case 'readarray': {
      const last = av[av.length - 1];
      if (last && /^[A-Za-z_]/.test(last)) setVar(g, S, last, null);
      return ordinary(S);
    }
    case 'printf': {
      const i = av.indexOf('-v');
      if (i >= 0 && av[i + 1]) setVar(g, S, av[i + 1]!, null);
      return instant(S, 0);
    }
    case 'command':
    case 'builtin': {
      let i = 0;
      while (i < args.length && (av[i] === '-p' || av[i] === '--')) i++;
      if (av[i] === '-v' || av[i] === '-V') return instant(S, -1);
      if (i >= args.length) return instant(S, 0);
      return runArgv(args.slice(i), S, { ...k, noFuncs: true }, extra);
    }
    case 'cd':
    case 'umask':
    case 'ulimit':
    case 'alias':
    case 'unalias':
    case 'hash':
    case 'type':
    case 'jobs':
    case 'disown':
    case 'shopt':
      return instant(S, name === 'cd' || name === 'type' ? -1 : 0);
  }
  return null;
}

function callFunc(fd: FuncDef | null, F: Field[], S: St, k: K): Out {
  const g = k.g;
  if (!fd || k.fnDepth >= MAX_FN_DEPTH) return unknownCmd(k, S);
  const saved = S.pos;
  S.pos = [saved ? saved[0]! : null, ...F.slice(1).map((f) => f.v)];
  const o = runCmd(fd.body, S, { ...k, sc: fd.sc, bash: fd.bash, fnDepth: k.fnDepth + 1, noFuncs: false });
  const n = join(g, o.n, o.r);
  const seen = new Set<St>();
  for (const st of [n, o.x, o.b, o.c]) {
    if (st && !seen.has(st)) {
      seen.add(st);
      st.pos = saved;
    }
  }
  return { n, x: o.x, b: o.b, c: o.c, r: null };
}

function sleepCmd(F: Field[], S: St, k: K): Out {
  const ops = F.slice(1).filter((f) => f.v !== '--');
  if (!ops.length) return instant(S, 1);
  let total = 0;
  let unk = false;
  let invalid = false;
  for (const f of ops) {
    if (f.v === null) {
      unk = true;
      continue;
    }
    const d = parseDuration(f.v);
    if (d === null) invalid = true;
    else total += d;
  }
  if (invalid) return instant(S, 1);
  if (unk) return unknownCmd(k, S);
  if (total >= DAY) {
    adv(S, Infinity, null, evFields(k.g, F, 'unbounded'));
    S.status = 0;
    return mk(S);
  }
  adv(S, total, total, total > 0 ? evFields(k.g, F, 'sleep') : undefined);
  S.status = 0;
  return mk(S);
}

function tailCmd(F: Field[], S: St, k: K): Out {
  let follow = false;
  let pid = false;
  let files = 0;
  let afterDD = false;
  for (let i = 1; i < F.length; i++) {
    const v = F[i]!.v;
    if (v === null || afterDD) {
      files++;
      continue;
    }
    if (v === '--') afterDD = true;
    else if (v.startsWith('--')) {
      if (v === '--follow' || v.startsWith('--follow=')) follow = true;
      if (v.startsWith('--pid')) pid = true;
      if (/^--(lines|bytes|pid|sleep-interval|max-unchanged-stats)$/.test(v)) i++;
    } else if (v.startsWith('-') && v.length > 1) {
      if (/^-\d+[a-z]*$/.test(v)) {
        if (/f/i.test(v)) follow = true;
        continue;
      }
      for (let j = 1; j < v.length; j++) {
        const ch = v[j]!;
        if (ch === 'f' || ch === 'F') follow = true;
        else if (ch === 'n' || ch === 'c' || ch === 's') {
          if (j === v.length - 1) i++;
          break;
        }
      }
    } else if (v.startsWith('+')) continue;
    else files++;
  }
  if (follow && !pid) {
    if (files > 0) {
      adv(S, Infinity, null, evFields(k.g, F, 'unbounded'));
      return mk(S);
    }
    return unknownCmd(k, S);
  }
  return ordinary(S);
}

function timeoutCmd(F: Field[], S: St, k: K, extra: Map<string, VV> | null): Out {
  const g = k.g;
  let i = 1;
  let killAfter = 0;
  let durIdx = -1;
  while (i < F.length) {
    const v = F[i]!.v;
    if (v === null) break;
    if (v === '--') {
      i++;
      break;
    }
    if (v === '-s' || v === '--signal') {
      i += 2;
      continue;
    }
    if (v === '-k' || v === '--kill-after') {
      const d = F[i + 1]?.v;
      const n = d ? parseDuration(d) : null;
      killAfter = n ?? Infinity;
      i += 2;
      continue;
    }
    if (v.startsWith('--kill-after=') || (v.startsWith('-k') && v.length > 2)) {
      const n = parseDuration(v.startsWith('--') ? v.slice(13) : v.slice(2));
      killAfter = n ?? Infinity;
      i++;
      continue;
    }
    if (v === '-t') {
      durIdx = i + 1;
      i += 2;
      continue;
    }
    if (v.startsWith('-') && v.length > 1 && !/^-\d/.test(v)) {
      i++;
      continue;
    }
    break;
  }
  if (durIdx < 0) durIdx = i++;
  const durF = F[durIdx];
  const rest = F.slice(i);
  if (!durF || !rest.length) return instant(S, 1);
  const N = durF.v === null ? null : parseDuration(durF.v);
  if (durF.v !== null && N === null) return instant(S, 1);
  const z = zero(S);
  const o = runArgv(rest, z, { ...k, external: true }, extra);
  const end = joinAll(g, o) ?? z;
  const dMin = end.tMin;
  const dMax = end.tMax;
  if (N === null) {
    g.unknown = true;
    adv(S, 0, dMax);
    S.status = -1;
    return mk(S);
  }
  if (N === 0 || N === Infinity) {
    adv(S, dMin, dMax, end.ev);
    S.status = end.status;
    return mk(S);
  }
  const cap = N + killAfter;
  const min = Math.min(N, dMin);
  const max = dMax === null ? (Number.isFinite(cap) ? cap : null) : Math.min(dMax, cap);
  if (dMin > N) {
    adv(S, min, max, evFields(g, F.slice(0, durIdx + 1), 'timeout'));
    S.status = 1;
  } else {
    adv(S, min, max, end.ev);
    S.status = dMax !== null && dMax <= N ? end.status : -1;
  }
  return mk(S);
}

function waitCmd(F: Field[], S: St, k: K): Out {
  const args = F.slice(1).filter((f) => !(f.v !== null && /^-[nf]$/.test(f.v)));
  const anyOne = F.some((f) => f.v === '-n');
  let targets: Job[];
  let unknownTarget = false;
  if (!args.length) targets = S.jobs;
  else {
    targets = [];
    for (const f of args) {
      const v = f.v;
      if (v !== null && v.startsWith(JOB)) {
        const j = S.jobs.find((x) => x.id === Number(v.slice(JOB.length)));
        if (j) targets.push(j);
      } else if (v !== null && /^%\d+$/.test(v)) {
        const j = S.jobs[Number(v.slice(1)) - 1];
        if (j) targets.push(j);
        else unknownTarget = true;
      } else unknownTarget = true;
    }
  }
  let endMin = -Infinity;
  let ev: Rope = null;
  if (anyOne) {
    if (targets.length && targets.every((j) => j.certain) && !unknownTarget) {
      endMin = Math.min(...targets.map((j) => j.endMin));
      ev = targets.find((j) => j.endMin === endMin)?.ev ?? null;
    }
  } else {
    for (const j of targets) {
      if (j.certain && j.endMin > endMin) {
        endMin = j.endMin;
        ev = j.ev;
      }
    }
  }
  let endMax: number | null = 0;
  const maxOver = unknownTarget ? S.jobs : targets;
  for (const j of maxOver) endMax = endMax === null || j.endMax === null ? null : Math.max(endMax, j.endMax);
  if (S.hidden) endMax = null;
  if (endMin > S.tMin) {
    S.ev = cat(ev, evFields(k.g, F, 'wait'));
    S.tMin = endMin;
  }
  S.tMax = S.tMax === null || endMax === null ? null : Math.max(S.tMax, endMax);
  const ids = new Set(targets.map((j) => j.id));
  if (!anyOne) S.jobs = args.length ? S.jobs.filter((j) => !ids.has(j.id)) : [];
  const sts = targets.map((j) => j.status);
  S.status = !sts.length ? (unknownTarget ? -1 : 0) : sts.every((x) => x === sts[0]) ? sts[0]! : -1;
  return mk(S);
}

function envCmd(F: Field[], S: St, k: K, extra: Map<string, VV> | null): Out {
  let i = 1;
  let clear = false;
  const vars = new Map<string, VV>(extra ?? []);
  const unset: string[] = [];
  while (i < F.length) {
    const v = F[i]!.v;
    if (v === null) return unknownCmd(k, S);
    if (v === '-i' || v === '--ignore-environment' || v === '-') {
      clear = true;
      i++;
    } else if (v === '-u' || v === '--unset') {
      const n = F[i + 1]?.v;
      if (n) unset.push(n);
      i += 2;
    } else if (v.startsWith('--unset=')) {
      unset.push(v.slice(8));
      i++;
    } else if (v === '-C' || v === '--chdir') i += 2;
    else if (v === '-S' || v.startsWith('-S') || v.startsWith('--split-string')) return unknownCmd(k, S);
    else if (v === '--') {
      i++;
      break;
    } else if (v.startsWith('-') && v.length > 1 && !v.includes('=')) i++;
    else {
      const m = /^([^=]+)=([\s\S]*)$/.exec(v);
      if (!m) break;
      vars.set(m[1]!, m[2]!);
      i++;
    }
  }
  while (i < F.length) {
    const v = F[i]!.v;
    const m = v !== null ? /^([^=]+)=([\s\S]*)$/.exec(v) : null;
    if (!m) break;
    vars.set(m[1]!, m[2]!);
    i++;
  }
  if (i >= F.length) return instant(S, 0);
  const rest = F.slice(i);
  if (clear) {
    const m = new Map<string, VV>();
    for (const [a, b] of vars) m.set(a, b);
    for (const u of unset) m.delete(u);
    const st = fork(S);
    st.exp = new Set(m.keys());
    st.xOwn = true;
    st.vars = new Map(m);
    st.vOwn = true;
    st.tainted = false;
    const o = runArgv(rest, st, { ...k, external: true }, null);
    const end = joinAll(k.g, o) ?? st;
    S.tMin = end.tMin;
    S.tMax = end.tMax;
    S.ev = end.ev;
    S.status = end.status;
    return mk(S);
  }
  for (const u of unset) vars.set(u, UNSET);
  return runArgv(rest, S, { ...k, external: true }, vars.size ? vars : null);
}

function wrapperCmd(base: string, w: Wrapper, F: Field[], S: St, k: K, extra: Map<string, VV> | null): Out {
  let i = 1;
  let background = false;
  while (i < F.length) {
    const v = F[i]!.v;
    if (v === null) return unknownCmd(k, S);
    if (v === '--') {
      i++;
      break;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (base === 'sudo' && /^-[A-Za-z]*b/.test(v) && !v.startsWith('--')) background = true;
      if ((base === 'sudo' && /^-[A-Za-z]*[is]$/.test(v)) || v === '--shell' || v === '--login') return unknownCmd(k, S);
      if (w.v.includes(v)) i += 2;
      else i++;
      continue;
    }
    break;
  }
  i += w.skip;
  const rest = F.slice(i);
  if (!rest.length) return ordinary(S);
  if (background) return ordinary(S);
  return runArgv(rest, S, { ...k, external: true }, extra);
}

function suCmd(F: Field[], S: St, k: K, extra: Map<string, VV> | null): Out {
  let i = 1;
  let cmd: Field | null = null;
  while (i < F.length) {
    const f = F[i]!;
    const v = f.v;
    if (v === null) return unknownCmd(k, S);
    if (v === '-c' || v === '--command' || v === '--session-command') {
      cmd = F[i + 1] ?? null;
      i += 2;
      continue;
    }
    if (v.startsWith('--command=')) {
      const cut = 10;
      const inner = f.cm?.() ?? null;
      cmd = { v: v.slice(cut), arg: f.arg, s: f.s, e: f.e, cm: inner ? () => (j: number, end: boolean) => inner(j + cut, end) : null };
      i++;
      continue;
    }
    if (v === '--') {
      // runuser -u user -- cmd …
      if (F[0]!.v !== null && basename(F[0]!.v) === 'runuser' && i + 1 < F.length && !cmd) {
        return runArgv(F.slice(i + 1), S, { ...k, external: true }, extra);
      }
      i++;
      continue;
    }
    if (['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-u', '--user', '-w', '--whitelist-environment'].includes(v)) {
      i += 2;
      continue;
    }
    i++;
  }
  if (!cmd) return ordinary(S);
  return runNested(cmd, [], S, k, extra, false, false);
}

function shellCmd(base: string, F: Field[], S: St, k: K, extra: Map<string, VV> | null): Out {
  let i = 1;
  let cflag = false;
  let errexitFlag = false;
  while (i < F.length) {
    const v = F[i]!.v;
    if (v === null) return unknownCmd(k, S);
    if (v === '--' || v === '-') {
      i++;
      break;
    }
    if (v === '-o' || v === '+o') {
      if (v === '-o' && F[i + 1]?.v === 'errexit') errexitFlag = true;
      i += 2;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v[0] === '-') {
        if (v.includes('c')) cflag = true;
        if (v.includes('e')) errexitFlag = true;
        if (v.includes('s') && !cflag) return unknownCmd(k, S);
        if (v.includes('o')) {
          if (F[i + 1]?.v === 'errexit') errexitFlag = true;
          i++;
        }
      }
      i++;
      continue;
    }
    if (v.startsWith('--')) {
      i += v === '--rcfile' || v === '--init-file' ? 2 : 1;
      continue;
    }
    break;
  }
  if (i >= F.length) {
    if (cflag) return instant(S, 1);
    // the script comes from stdin
    return unknownCmd(k, S);
  }
  if (!cflag) return ordinary(S);
  return runNested(F[i]!, F.slice(i + 1), S, k, extra, BASHISH.has(base), errexitFlag);
}

function runNested(
  script: Field,
  posF: Field[],
  S: St,
  k: K,
  extra: Map<string, VV> | null,
  bash: boolean,
  errexitFlag: boolean,
): Out {
  const g = k.g;
  if (script.v === null || k.nest >= MAX_NEST) return unknownCmd(k, S);
  let list: List;
  try {
    list = parseScript(script.v);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return unknownCmd(k, S);
  }
  const sc: Sctx = { arg: script.arg, map: script.cm?.() ?? null, whole: [script.s, script.e] };
  // the child sees exported variables and the prefix assignments
  const vars = new Map<string, VV>();
  for (const n of S.exp) {
    const v = S.vars.get(n);
    if (v !== undefined) vars.set(n, v);
  }
  if (extra) for (const [a, b] of extra) vars.set(a, b);
  const child: St = {
    tMin: S.tMin,
    tMax: S.tMax,
    ev: S.ev,
    vars,
    vOwn: true,
    exp: new Set(vars.keys()),
    xOwn: true,
    funcs: new Map(),
    fOwn: true,
    jobs: [],
    hidden: false,
    errexit: errexitFlag,
    tainted: S.tainted,
    envOpen: S.envOpen,
    pos: posF.length ? posF.map((f) => f.v) : ['sh'],
    trap: null,
    status: 0,
    last: null,
  };
  const k2: K = {
    g,
    sc,
    external: false,
    noErr: false,
    bash,
    fnDepth: 0,
    nest: k.nest + 1,
    stdinPiped: k.stdinPiped,
    inputRedir: k.inputRedir,
    noFuncs: false,
  };
  const o = runList(list, child, k2);
  const end = runExitTrap(joinAll(g, { n: o.n, x: join(g, join(g, o.x, o.b), o.c), b: null, c: null, r: o.r }), k2) ?? child;
  S.tMin = end.tMin;
  S.tMax = end.tMax;
  S.ev = end.ev;
  S.status = end.status;
  return mk(S);
}

function runExitTrap(st: St | null, k: K): St | null {
  if (!st || st.tMin === Infinity || st.trap === null) return st;
  if (st.trap === 'unknown') {
    k.g.unknown = true;
    st.tMax = null;
    return st;
  }
  const t = st.trap;
  st.trap = null;
  const o = runList(t.body, st, { ...k, sc: t.sc, noErr: false });
  return joinAll(k.g, o);
}

// ---------------------------------------------------------------------------------------------
// entry points

export interface Result {
  tMin: number;
  tMax: number | null;
  ev: Rope;
}

/** Run an argv (already kubelet-expanded into fields) from the initial state. */
export function runTop(F: Field[], S: St, g: G): Result {
  const k: K = {
    g,
    sc: { arg: 0, map: null, whole: [0, 0] },
    external: true,
    noErr: false,
    bash: false,
    fnDepth: 0,
    nest: 0,
    stdinPiped: false,
    inputRedir: false,
    noFuncs: true,
  };
  const o = runArgv(F, S, k, null);
  const end = joinAll(g, o) ?? S;
  return { tMin: end.tMin, tMax: end.tMax, ev: end.ev };
}
