/**
 * Joining paths: where two paths meet (after an `if`, at the end of a loop…), the joined state
 * takes the earliest minimum and the latest maximum, and keeps only what both paths agree on.
 */
import { charge, chargeCopy } from './budget.js';
import type { Analysis, FuncDef, Job, Outcome, ShellState, VarValue } from './state.js';

function joinValues(a: VarValue | undefined, b: VarValue | undefined): VarValue | undefined {
  return a === b ? a : null;
}

export function join(g: Analysis, a: ShellState | null, b: ShellState | null): ShellState | null {
  if (!a) return b;
  if (!b || a === b) return a;
  charge(g);
  if (b.tMin < a.tMin) a.evidence = b.evidence;
  a.tMin = Math.min(a.tMin, b.tMin);
  a.tMax = a.tMax === null || b.tMax === null ? null : Math.max(a.tMax, b.tMax);
  if (a.vars !== b.vars) {
    chargeCopy(g, a.vars.size + b.vars.size);
    const m = new Map<string, VarValue>();
    for (const [k, v] of a.vars) {
      const r = joinValues(v, b.vars.get(k));
      if (r !== undefined) m.set(k, r);
    }
    for (const k of b.vars.keys()) if (!a.vars.has(k)) m.set(k, null);
    a.vars = m;
    a.varsOwned = true;
  }
  if (a.exported !== b.exported) {
    chargeCopy(g, a.exported.size + b.exported.size);
    const s = new Set(a.exported);
    for (const k of b.exported) s.add(k);
    a.exported = s;
    a.exportedOwned = true;
  }
  if (a.funcs !== b.funcs) {
    chargeCopy(g, a.funcs.size + b.funcs.size);
    const m = new Map<string, FuncDef | null>();
    for (const [k, v] of a.funcs) m.set(k, b.funcs.get(k) === v ? v : null);
    for (const k of b.funcs.keys()) if (!a.funcs.has(k)) m.set(k, null);
    a.funcs = m;
    a.funcsOwned = true;
  }
  if (a.jobs !== b.jobs) {
    chargeCopy(g, a.jobs.length + b.jobs.length);
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
          evidence: o.endMin < j.endMin ? o.evidence : j.evidence,
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
  if (a.positional !== b.positional) {
    chargeCopy(g, a.positional?.length ?? 0);
    if (a.positional && b.positional && a.positional.length === b.positional.length) a.positional = a.positional.map((v, i) => (v === b.positional![i] ? v : null));
    else a.positional = null;
  }
  if (a.exitTrap !== b.exitTrap) a.exitTrap = 'unknown';
  if (a.status !== b.status) a.status = -1;
  if (a.lastJob !== b.lastJob) a.lastJob = null;
  return a;
}

export function joinAll(g: Analysis, o: Outcome): ShellState | null {
  return join(g, join(g, join(g, join(g, o.next, o.exit), o.break), o.continue), o.return);
}

export function addEscapes(g: Analysis, acc: Outcome, o: Outcome): void {
  acc.exit = join(g, acc.exit, o.exit);
  acc.break = join(g, acc.break, o.break);
  acc.continue = join(g, acc.continue, o.continue);
  acc.return = join(g, acc.return, o.return);
}
