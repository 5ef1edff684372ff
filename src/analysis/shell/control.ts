/**
 * Control flow: lists, and-or lists, pipelines, background jobs, compound commands, `if` and
 * `case`. (Loops are in loops.ts, simple commands in simple.ts.)
 */
import type { Cmd, List, Pipeline } from './ast.js';
import { charge, chargeCopy } from './budget.js';
import { literalTruth, testLike, testLiteral } from './conditions.js';
import { expandToString, lookupPlain } from './expansion.js';
import { addEscapes, join, joinAll } from './join.js';
import { runFor, runLoop } from './loops.js';
import { litValue } from './parser.js';
import { runSimple } from './simple.js';
import { type Analysis, type Context, type ExitStatus, fork, type Outcome, proceed, setFunc, setVar, type ShellState } from './state.js';
import { arithAssigns, arithNames, evalArith } from './units.js';

export function runList(list: List, S: ShellState, k: Context): Outcome {
  const acc = proceed(null);
  let cur: ShellState | null = S;
  for (const it of list.items) {
    if (!cur || cur.tMin === Infinity) break;
    charge(k.g);
    if (it.bg) {
      spawn(it.ao, cur, k);
      continue;
    }
    const o = runAndOr(it.ao, cur, k);
    addEscapes(k.g, acc, o);
    cur = o.next;
  }
  acc.next = cur;
  return acc;
}

function spawn(ao: List['items'][number]['ao'], S: ShellState, k: Context): void {
  const child = fork(S);
  child.jobs = [];
  const o = runAndOr(ao, child, { ...k, noErr: false });
  const end = joinAll(k.g, o) ?? child;
  const id = ++k.g.jobSeq;
  chargeCopy(k.g, S.jobs.length);
  S.jobs = [...S.jobs, { id, endMin: end.tMin, endMax: end.tMax, evidence: end.evidence, certain: true, status: end.status }];
  S.lastJob = id;
  S.status = 0;
}

function runAndOr(ao: List['items'][number]['ao'], S: ShellState, k: Context): Outcome {
  if (!ao.rest.length) return runPipeline(ao.first, S, k, !k.noErr);
  const kc = { ...k, noErr: true };
  const acc = runPipeline(ao.first, S, kc, false);
  for (let i = 0; i < ao.rest.length; i++) {
    const { op, p } = ao.rest[i]!;
    const prev: ShellState | null = acc.next;
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
    addEscapes(k.g, acc, o);
    acc.next = skipped ? join(k.g, skipped, o.next) : o.next;
  }
  return acc;
}

function runPipeline(p: Pipeline, S: ShellState, k: Context, checked: boolean): Outcome {
  const kk = p.neg ? { ...k, noErr: true } : k;
  if (p.cmds.length === 1) {
    const c = p.cmds[0]!;
    const o = runCmd(c, S, kk);
    if (p.neg && o.next && o.next.status !== -1) o.next.status = o.next.status === 0 ? 1 : 0;
    if (checked && !p.neg && (c.t === 'simple' || c.t === 'sub')) errexit(k.g, o);
    return o;
  }
  const g = k.g;
  let tMin = S.tMin;
  let ev = S.evidence;
  let tMax: number | null = S.tMax;
  let status: ExitStatus = 0;
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
      ev = end.evidence;
    }
    tMax = tMax === null || end.tMax === null ? null : Math.max(tMax, end.tMax);
    if (lastStage) status = end.status;
    else if (end.status !== 0) status = -1;
  }
  if (status !== -1 && p.neg) status = status === 0 ? 1 : 0;
  S.tMin = tMin;
  S.tMax = tMax;
  S.evidence = ev;
  S.status = status;
  const o = proceed(S);
  if (checked && !p.neg) errexit(g, o);
  return o;
}

/** With `set -e`, a command that may fail may end the script here. */
export function errexit(g: Analysis, o: Outcome): void {
  const n = o.next;
  if (!n || !n.errexit || n.status === 0 || n.tMin === Infinity) return;
  o.exit = join(g, o.exit, fork(n));
  if (n.status === 1) o.next = null;
}

// ---------------------------------------------------------------------------------------------
// commands

export function runCmd(c: Cmd, S: ShellState, k: Context): Outcome {
  charge(k.g);
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
      S.evidence = end.evidence;
      S.status = end.status;
      return proceed(S);
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
      setFunc(k.g, S, c.name, { body: c.body, source: k.source, bash: k.bash });
      S.status = 0;
      return proceed(S);
    case 'arith': {
      if (arithAssigns(c.expr)) for (const n of arithNames(c.expr)) setVar(k.g, S, n, null);
      const v = evalArith(c.expr, (n) => lookupPlain(S, n));
      S.status = v === null ? -1 : v !== 0 ? 0 : 1;
      return proceed(S);
    }
    case 'test': {
      const vals = c.words.map((w) => expandToString(w, S, k));
      const r = vals.every((v) => v !== null) ? testLiteral(vals as string[]) : null;
      S.status = r === null ? -1 : r ? 0 : 1;
      return proceed(S);
    }
  }
}

function runIf(c: Extract<Cmd, { t: 'if' }>, S: ShellState, k: Context): Outcome {
  const g = k.g;
  const acc = proceed(null);
  let cur: ShellState | null = S;
  let done: ShellState | null = null;
  for (const arm of c.arms) {
    if (!cur) break;
    let lt = literalTruth(arm.cond);
    const oc = runList(arm.cond, cur, { ...k, noErr: true });
    addEscapes(g, acc, oc);
    const cs = oc.next;
    if (!cs) {
      cur = null;
      break;
    }
    if (lt === null && testLike(arm.cond) && cs.status !== -1) lt = cs.status === 0;
    if (cs.tMin === Infinity) {
      acc.next = join(g, done, cs);
      return acc;
    }
    if (lt === false) {
      cur = cs;
      continue;
    }
    const body = lt === true ? cs : fork(cs);
    const ob = runList(arm.body, body, k);
    addEscapes(g, acc, ob);
    done = join(g, done, ob.next);
    cur = lt === true ? null : cs;
    if (lt === true) break;
  }
  if (cur) {
    if (c.els) {
      const oe = runList(c.els, cur, k);
      addEscapes(g, acc, oe);
      done = join(g, done, oe.next);
    } else {
      cur.status = 0;
      done = join(g, done, cur);
    }
  }
  acc.next = done;
  return acc;
}

function runCase(c: Extract<Cmd, { t: 'case' }>, S: ShellState, k: Context): Outcome {
  const g = k.g;
  const subject = expandToString(c.word, S, k);
  const acc = proceed(null);
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
  let done: ShellState | null = null;
  if (fallsOff) {
    const none = fork(S);
    none.status = 0;
    done = none;
  }
  if (candidates.length > 64) candidates = candidates.slice(0, 64);
  for (const i of candidates) {
    let st: ShellState | null = fork(S);
    for (let j = i; j < c.arms.length && st; j++) {
      const arm = c.arms[j]!;
      const o = runList(arm.body, st, k);
      addEscapes(g, acc, o);
      st = o.next;
      if (arm.term === ';;&' && st) {
        g.unknown = true;
        st.tMax = null;
      }
      if (arm.term !== ';&') break;
    }
    done = join(g, done, st);
  }
  acc.next = done;
  return acc;
}
