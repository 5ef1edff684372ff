/**
 * Evidence: the source spans (`sleep 20`, `while true` …) that drive a duration. Kept as ropes
 * (O(1) concatenation on every path) and flattened once at the end.
 */
import type { Evidence } from './index.js';
import type { Analysis, Context, Field } from './state.js';

export type EvidenceRope = null | Evidence | { l: EvidenceRope; r: EvidenceRope };

export function concat(a: EvidenceRope, b: EvidenceRope): EvidenceRope {
  return a === null ? b : b === null ? a : { l: a, r: b };
}

/** The evidence in order, each construct once (a loop or a function may run it several times). */
export function flatten(r: EvidenceRope): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const stack: EvidenceRope[] = [r];
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

export function evidenceSpan(k: Context, s: number, e: number, kind: Evidence['kind']): Evidence {
  const sc = k.source;
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

export function evidenceOfFields(g: Analysis, F: Field[], kind: Evidence['kind']): Evidence {
  const f0 = F[0]!;
  const fl = F[F.length - 1]!;
  const src = g.argv[f0.arg] ?? '';
  if (f0.arg === fl.arg && fl.e >= f0.s) {
    return { arg: f0.arg, offset: f0.s, length: fl.e - f0.s, text: src.slice(f0.s, fl.e), kind };
  }
  return { arg: f0.arg, offset: f0.s, length: f0.e - f0.s, text: F.map((f) => f.value ?? '…').join(' '), kind };
}
