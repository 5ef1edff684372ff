/**
 * Loops: `while`/`until` (unbounded unless something leaves them), and `for` (a counted number of
 * iterations, unrolled when the list is short and literal). What a loop body assigns is unknown
 * from the second iteration on.
 */
import type { For, List, Loop, Simple } from './ast.js';
import { charge, chargeCopy } from './budget.js';
import { literalTruth, testLike } from './conditions.js';
import { runList } from './control.js';
import { concat, evidenceSpan } from './evidence.js';
import { forCount } from './for-count.js';
import { addEscapes, join } from './join.js';
import { litValue } from './parser.js';
import { advance, type Analysis, type Context, fork, isolated, type Job, type Outcome, proceed, setVar, type ShellState, shiftOnto, taint } from './state.js';
import { arithNames } from './units.js';

const DECLARERS = new Set(['read', 'export', 'local', 'declare', 'typeset', 'readonly', 'unset', 'getopts', 'printf', 'mapfile', 'readarray', 'let']);

/** Names a loop body may change: they are unknown from the second iteration on. */
function assignedNames(root: unknown, S: ShellState, out: Set<string>, seen: Set<unknown>, g: Analysis): { taint: boolean; pos: boolean } {
  let tainting = false;
  let pos = false;
  const stack: unknown[] = [root];
  while (stack.length) {
    const o = stack.pop();
    if (!o || typeof o !== 'object' || seen.has(o)) continue;
    seen.add(o);
    charge(g);
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

function widen(S: ShellState, roots: unknown[], k: Context): void {
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
  if (pos) S.positional = null;
}

function markLoopJobs(g: Analysis, S: ShellState, before: Job[]): void {
  chargeCopy(g, before.length + S.jobs.length);
  const ids = new Set(before.map((j) => j.id));
  if (S.jobs.every((j) => ids.has(j.id))) return;
  S.jobs = S.jobs.map((j) => (ids.has(j.id) ? j : { ...j, certain: false, endMax: null }));
}

export function runLoop(c: Loop, S: ShellState, k: Context): Outcome {
  const g = k.g;
  let lt = literalTruth(c.cond);
  if (lt !== null && c.until) lt = !lt;
  const acc = proceed(null);
  if (lt === false) {
    const oc = runList(c.cond, S, { ...k, noErr: true });
    addEscapes(g, acc, oc);
    if (oc.next) oc.next.status = 0;
    acc.next = oc.next;
    acc.continue = null;
    return acc;
  }
  const before = S.jobs;
  widen(S, [c.cond, c.body], k);
  if (S.errexit === false && containsSet(c.body)) S.errexit = true;
  const oc = runList(c.cond, S, { ...k, noErr: true });
  // `break` inside the condition leaves the loop; `continue` starts over
  let leave: ShellState | null = oc.break;
  acc.exit = oc.exit;
  acc.return = oc.return;
  const cs = oc.next;
  if (lt === null && cs && testLike(c.cond) && cs.status !== -1) {
    // a test on values known at the first iteration, which the body cannot change
    lt = (cs.status === 0) !== c.until;
    if (!lt) {
      cs.status = 0;
      acc.next = join(g, leave, cs);
      return acc;
    }
  }
  if (cs && cs.tMin !== Infinity) {
    if (lt === null) {
      const exit = fork(cs);
      exit.status = 0;
      leave = join(g, leave, exit);
    }
    const preEv = cs.evidence;
    const ob = runList(c.body, cs, k);
    acc.exit = join(g, acc.exit, ob.exit);
    acc.return = join(g, acc.return, ob.return);
    leave = join(g, leave, ob.break);
    if (lt === true && !leave && !acc.exit && !acc.return) {
      // nothing ever leaves the loop
      const again = join(g, ob.next, ob.continue);
      if (again && again.tMin === Infinity) leave = again;
      else {
        const st = again ?? cs;
        st.evidence = preEv;
        advance(st, Infinity, null, evidenceSpan(k, c.s, c.headEnd, 'unbounded'));
        leave = st;
      }
      acc.next = leave;
      return acc;
    }
  } else if (cs) {
    leave = join(g, leave, cs);
  }
  g.unknown = true;
  for (const st of [leave, acc.exit, acc.return]) {
    if (st) {
      if (st.tMin !== Infinity) st.tMax = null;
      markLoopJobs(g, st, before);
    }
  }
  acc.next = leave;
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

export function runFor(c: For, S: ShellState, k: Context): Outcome {
  const g = k.g;
  const cnt = forCount(c, S, k);
  const acc = proceed(null);
  if (cnt && cnt.max === 0) {
    S.status = 0;
    acc.next = S;
    return acc;
  }
  if (!cnt) g.unknown = true;
  if (cnt && cnt.min === cnt.max && cnt.vals.length === cnt.max && cnt.max <= MAX_UNROLL && cnt.vals.every((v) => typeof v === 'string')) {
    return unroll(c, cnt.vals as string[], S, k);
  }
  widen(S, [c.body], k);
  if (c.name) setVar(g, S, c.name, cnt ? cnt.value : null);
  const z = isolated(S);
  const ob = runList(c.body, z, k);
  // the longest any single iteration may take, whichever way it ends
  let itMax: number | null = 0;
  for (const st of [ob.next, ob.continue, ob.break, ob.exit, ob.return]) if (st) itMax = itMax === null || st.tMax === null ? null : Math.max(itMax, st.tMax);
  const loopMax = (): number | null => (cnt && S.tMax !== null && itMax !== null ? S.tMax + itMax * cnt.max : null);
  const place = (st: ShellState): ShellState => {
    const r = shiftOnto(g, S, st);
    r.tMax = loopMax();
    return r;
  };
  let leave: ShellState | null = null;
  if (!cnt || cnt.min === 0) {
    const none = fork(S);
    none.status = 0;
    none.tMax = loopMax();
    leave = none;
  }
  const iter = join(g, ob.next, ob.continue);
  if (cnt && cnt.min > 0 && iter) {
    const itMin = iter.tMin;
    const itEv = iter.evidence;
    const r = shiftOnto(g, S, iter);
    r.tMin = S.tMin + itMin * cnt.min;
    r.evidence = itMin > 0 ? concat(S.evidence, itEv) : S.evidence;
    r.tMax = loopMax();
    leave = join(g, leave, r);
  }
  if (ob.break) leave = join(g, leave, place(ob.break));
  if (ob.exit) acc.exit = place(ob.exit);
  if (ob.return) acc.return = place(ob.return);
  acc.next = leave;
  return acc;
}

const MAX_UNROLL = 16;

/** A short literal `for` list: run the body once per value. */
function unroll(c: For, vals: string[], S: ShellState, k: Context): Outcome {
  const g = k.g;
  const acc = proceed(null);
  let cur: ShellState | null = S;
  let leave: ShellState | null = null;
  for (const v of vals) {
    if (!cur || cur.tMin === Infinity) break;
    if (c.name) setVar(g, cur, c.name, v);
    const o = runList(c.body, cur, k);
    acc.exit = join(g, acc.exit, o.exit);
    acc.return = join(g, acc.return, o.return);
    leave = join(g, leave, o.break);
    cur = join(g, o.next, o.continue);
  }
  acc.next = join(g, cur, leave);
  return acc;
}
