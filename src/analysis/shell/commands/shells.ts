/**
 * A nested shell (`sh -c '…'`, `bash -ec '…'`): parse its script and run it in a child state that
 * sees the exported variables, then its EXIT trap.
 */
import type { List } from '../ast.js';
import { chargeCopy, MAX_NEST } from '../budget.js';
import { runList } from '../control.js';
import { join, joinAll } from '../join.js';
import { ParseError, parseScript } from '../parser.js';
import { type Context, type Field, type Outcome, proceed, type ScriptSource, type ShellState, type VarValue } from '../state.js';
import { type CommandModel, instantCommand, ordinaryCommand, type PrefixAssignments, unknownCommand } from './model.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'yash', 'posh', 'lksh', 'ksh93']);

/** shells that take bash syntax (`[[ ]]`, `{1..3}`) */
const BASHISH = new Set(['bash', 'zsh', 'ksh', 'mksh', 'ksh93', 'lksh']);

function shellCmd(base: string, F: Field[], S: ShellState, k: Context, extra: PrefixAssignments | null): Outcome {
  let i = 1;
  let cflag = false;
  let errexitFlag = false;
  while (i < F.length) {
    const v = F[i]!.value;
    if (v === null) return unknownCommand(k, S);
    if (v === '--' || v === '-') {
      i++;
      break;
    }
    if (v === '-o' || v === '+o') {
      if (v === '-o' && F[i + 1]?.value === 'errexit') errexitFlag = true;
      i += 2;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v[0] === '-') {
        if (v.includes('c')) cflag = true;
        if (v.includes('e')) errexitFlag = true;
        if (v.includes('s') && !cflag) return unknownCommand(k, S);
        if (v.includes('o')) {
          if (F[i + 1]?.value === 'errexit') errexitFlag = true;
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
    if (cflag) return instantCommand(S, 1);
    // the script comes from stdin
    return unknownCommand(k, S);
  }
  if (!cflag) return ordinaryCommand(S);
  return runNested(F[i]!, F.slice(i + 1), S, k, extra, BASHISH.has(base), errexitFlag);
}

export function runNested(
  script: Field,
  posF: Field[],
  S: ShellState,
  k: Context,
  extra: PrefixAssignments | null,
  bash: boolean,
  errexitFlag: boolean,
): Outcome {
  const g = k.g;
  if (script.value === null || k.nest >= MAX_NEST) return unknownCommand(k, S);
  let list: List;
  try {
    list = parseScript(script.value);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return unknownCommand(k, S);
  }
  const sc: ScriptSource = { arg: script.arg, map: script.charMap?.() ?? null, whole: [script.s, script.e] };
  // the child sees exported variables and the prefix assignments
  chargeCopy(g, S.exported.size + (extra?.size ?? 0));
  const vars = new Map<string, VarValue>();
  for (const n of S.exported) {
    const v = S.vars.get(n);
    if (v !== undefined) vars.set(n, v);
  }
  if (extra) for (const [a, b] of extra) vars.set(a, b);
  const child: ShellState = {
    tMin: S.tMin,
    tMax: S.tMax,
    evidence: S.evidence,
    vars,
    varsOwned: true,
    exported: new Set(vars.keys()),
    exportedOwned: true,
    funcs: new Map(),
    funcsOwned: true,
    jobs: [],
    hidden: false,
    errexit: errexitFlag,
    tainted: S.tainted,
    envOpen: S.envOpen,
    positional: posF.length ? posF.map((f) => f.value) : ['sh'],
    exitTrap: null,
    status: 0,
    lastJob: null,
  };
  const k2: Context = {
    g,
    source: sc,
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
  const end = runExitTrap(joinAll(g, { next: o.next, exit: join(g, join(g, o.exit, o.break), o.continue), break: null, continue: null, return: o.return }), k2) ?? child;
  S.tMin = end.tMin;
  S.tMax = end.tMax;
  S.evidence = end.evidence;
  S.status = end.status;
  return proceed(S);
}

function runExitTrap(st: ShellState | null, k: Context): ShellState | null {
  if (!st || st.tMin === Infinity || st.exitTrap === null) return st;
  if (st.exitTrap === 'unknown') {
    k.g.unknown = true;
    st.tMax = null;
    return st;
  }
  const t = st.exitTrap;
  st.exitTrap = null;
  const o = runList(t.body, st, { ...k, source: t.source, noErr: false });
  return joinAll(k.g, o);
}

export const SHELL_PROGRAMS: [string, CommandModel][] = [...SHELLS].map((name) => [name, (F, S, k, prefix) => shellCmd(name, F, S, k, prefix)]);
