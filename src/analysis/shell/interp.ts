/**
 * Abstract interpreter: runs a parsed script over "time intervals" instead of values.
 *
 * A state (state.ts) carries the earliest and latest elapsed time on the path that reached it.
 * Running a command turns one state into an outcome: where control goes on (`next`), or leaves by
 * `exit`/`exec`, `break`, `continue` or `return`. Paths are joined (join.ts) by taking the
 * earliest minimum and the latest maximum, so the final `tMin` is what certainly elapses whatever
 * happens at run time. Never-ending paths are states with `tMin = Infinity`.
 *
 * Modules: state and budget, evidence, control flow, loops, conditions, expansion, simple
 * commands, and the command models (commands/, one file per family of commands).
 */
import type { EvidenceRope } from './evidence.js';
import { joinAll } from './join.js';
import { runArgv } from './simple.js';
import type { Analysis, Context, Field, ShellState } from './state.js';

export interface Result {
  tMin: number;
  tMax: number | null;
  evidence: EvidenceRope;
}

/** Run an argv (already kubelet-expanded into fields) from the initial state. */
export function runTop(F: Field[], S: ShellState, g: Analysis): Result {
  const k: Context = {
    g,
    source: { arg: 0, map: null, whole: [0, 0] },
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
  return { tMin: end.tMin, tMax: end.tMax, evidence: end.evidence };
}
