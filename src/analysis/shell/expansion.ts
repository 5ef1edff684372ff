/**
 * Word expansion: parameters (`$x`, `${x:-20}`, `$#`, `$!`), command substitutions (which take
 * time), arithmetic, and field splitting, with the argv offsets each field came from.
 */
import type { List, Part, Word } from './ast.js';
import { charge, chargeCopy, chargeText } from './budget.js';
import { basename } from './commands/model.js';
import { runList } from './control.js';
import { joinAll } from './join.js';
import { litValue } from './parser.js';
import { type Context, type Field, fork, JOB, type Mapper, type ScriptSource, setVar, type ShellState, UNSET, type VarValue } from './state.js';
import { arithAssigns, arithNames, evalArith } from './units.js';

export function lookupPlain(S: ShellState, name: string): string | null {
  let v: VarValue | undefined;
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    v = S.positional ? (n < S.positional.length ? S.positional[n] : UNSET) : null;
  } else v = S.vars.get(name);
  if (v === undefined || v === null) return null;
  if (v === UNSET) return '';
  return v;
}

function paramValue(p: Extract<Part, { k: 'param' }>, S: ShellState, k: Context): string | null {
  const name = p.name;
  let v: VarValue | undefined;
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    v = S.positional ? (n < S.positional.length ? S.positional[n] : UNSET) : null;
  } else if (name === '#') {
    v = S.positional ? String(S.positional.length - 1) : null;
  } else if (name === '!') {
    v = S.lastJob !== null ? JOB + S.lastJob : null;
  } else if (name === '@' || name === '*') {
    if (S.positional && S.positional.length === 1) v = UNSET;
    else if (S.positional && S.positional.length === 2) v = S.positional[1]!;
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

function runCmdSub(body: List, S: ShellState, k: Context): string | null {
  charge(k.g);
  const child = fork(S);
  child.jobs = [];
  const o = runList(body, child, { ...k, noErr: false, stdinPiped: false });
  const end = joinAll(k.g, o) ?? child;
  S.tMin = end.tMin;
  S.tMax = end.tMax;
  S.evidence = end.evidence;
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
export function expandToString(w: Word, S: ShellState, k: Context): string | null {
  let out = '';
  let known = true;
  for (const p of w.parts) {
    const v = partValue(p, S, k);
    if (v === null) known = false;
    else out += v;
  }
  chargeText(k.g, out.length);
  return known ? out : null;
}

function partValue(p: Part, S: ShellState, k: Context): string | null {
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

function literalCharMap(w: Word, sc: ScriptSource): Mapper | null {
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

export function spanOf(sc: ScriptSource, s: number, e: number): [number, number] {
  if (!sc.map || e <= s) return sc.whole;
  const a = sc.map(s, false);
  const b = sc.map(e - 1, true) + 1;
  return b > a ? [a, b] : sc.whole;
}

export function expandWord(w: Word, S: ShellState, k: Context): { fields: Field[]; exact: boolean } {
  charge(k.g);
  const [s, e] = spanOf(k.source, w.s, w.e);
  const arg = k.source.arg;
  if (w.parts.every((p) => p.k === 'lit')) {
    const v = w.parts.map((p) => (p as { v: string }).v).join('');
    chargeText(k.g, v.length);
    const sc = k.source;
    return { fields: [{ value: v, arg, s, e, charMap: () => literalCharMap(w, sc), word: w }], exact: true };
  }
  const p0 = w.parts[0]!;
  if (w.parts.length === 1 && p0.k === 'param' && p0.name === '@' && p0.op === '' && S.positional) {
    // "$@": one field per positional parameter
    chargeCopy(k.g, S.positional.length);
    const vals = S.positional.slice(1);
    if (vals.every((v) => typeof v === 'string' && (p0.q || !/[ \t\n]/.test(v) && v !== ''))) {
      return { fields: (vals as string[]).map((v) => ({ value: v, arg, s, e, charMap: null, word: w })), exact: true };
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
    return { fields: [{ value: null, arg, s, e, charMap: null, word: w }], exact };
  }
  chargeText(k.g, segs.reduce((n, sg) => n + sg.t!.length, 0));
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
  return { fields: out.map((v) => ({ value: v, arg, s, e, charMap: null, word: w })), exact: true };
}
