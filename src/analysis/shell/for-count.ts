/**
 * How many times a `for` loop iterates: literal words, `$(seq …)`, brace expansions, "$@".
 */
import type { For, List } from './ast.js';
import { expandToString, expandWord } from './expansion.js';
import { litValue } from './parser.js';
import type { Context, ShellState, VarValue } from './state.js';

/** How many times a `for` list iterates: [min, max] and the loop variable's value if constant. */
export function forCount(c: For, S: ShellState, k: Context): { min: number; max: number; value: VarValue; vals: VarValue[] } | null {
  if (c.opaque) return null;
  if (c.list === null) {
    if (!S.positional) return null;
    const n = S.positional.length - 1;
    const vals = S.positional.slice(1);
    return { min: n, max: n, value: n > 0 && vals.every((v) => v === vals[0]) ? vals[0]! : null, vals };
  }
  let min = 0;
  let max = 0;
  const vals: VarValue[] = [];
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
    for (const f of r.fields) vals.push(f.value);
    for (const f of r.fields) if (f.value !== null && !w.parts.every((p) => p.k === 'lit') && /[*?[]/.test(f.value)) return null;
  }
  const value: VarValue = vals.length > 0 && vals.every((v) => v !== null && v === vals[0]) ? vals[0]! : null;
  return { min, max, value, vals };
}

/** `$(seq 10)`, `$(seq 1 10)`, `$(seq 0 2 10)` → count; null otherwise. */
function seqCount(body: List, S: ShellState, k: Context): number | null {
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
