/**
 * Simple commands: expand the words, apply prefix assignments, then run the argv: a shell
 * function, a shell builtin, or a program, each modelled by the command table (commands/).
 */
import type { Simple } from './ast.js';
import { charge, chargeCopy, MAX_FN_DEPTH } from './budget.js';
import { programModel, shellBuiltin } from './commands/index.js';
import { isInstant } from './commands/instant.js';
import { basename, ordinaryCommand, type PrefixAssignments, unknownCommand } from './commands/model.js';
import { runCmd } from './control.js';
import { expandToString, expandWord } from './expansion.js';
import { join } from './join.js';
import { advance, type Context, type Field, type FuncDef, type Outcome, proceed, setVar, type ShellState, UNSET, type VarValue } from './state.js';

export function runSimple(c: Simple, S: ShellState, k: Context): Outcome {
  const g = k.g;
  const F: Field[] = [];
  let exact = true;
  for (const w of c.words) {
    const r = expandWord(w, S, k);
    if (!r.exact) exact = false;
    for (const f of r.fields) F.push(f);
    if (S.tMin === Infinity) return proceed(S);
  }
  let inputRedir = false;
  for (const r of c.redirs) {
    if (r.op === '<' || r.op === '<<' || r.op === '<<-' || r.op === '<<<' || r.op === '<>' || (r.op === '<&' && (r.fd === null || r.fd === 0))) inputRedir = true;
    if (r.target && r.op !== '<<' && r.op !== '<<-' && r.target.parts.some((p) => p.k !== 'lit')) expandToString(r.target, S, k);
  }
  const asg: [string, VarValue][] = [];
  let sawSub = false;
  for (const a of c.assigns) {
    let v: VarValue;
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
      advance(S, 0, null);
      S.status = -1;
    } else S.status = sawSub ? S.status : 0;
    for (const [n, v] of asg) setVar(g, S, n, v);
    return proceed(S);
  }
  const extra = asg.length ? new Map(asg) : null;
  return runArgv(F, S, { ...k, inputRedir }, extra);
}

/**
 * Run an expanded command: a shell function, a shell builtin, or a program (commands/index.ts).
 * `external`: started by `exec`, `timeout`, `env` … (a program, never a function or builtin).
 */
export function runArgv(F: Field[], S: ShellState, k: Context, prefix: PrefixAssignments | null): Outcome {
  charge(k.g);
  const name = F[0]!.value;
  if (name === null) return unknownCommand(k, S);
  const inShell = !k.external && !name.includes('/');
  if (inShell && !k.noFuncs) {
    const fd = S.funcs.get(name);
    if (fd !== undefined) return callFunc(fd, F, S, k);
    // an unknown `source`/`eval` may have defined a function of that name
    if (S.tainted && !shellBuiltin(name) && !isInstant(name)) k.g.unknown = true;
  }
  const model = (inShell ? shellBuiltin(name) : undefined) ?? programModel(basename(name));
  return model ? model(F, S, k, prefix) : ordinaryCommand(S);
}

/** A shell function: runs its body with the arguments as positional parameters. */
function callFunc(fd: FuncDef | null, F: Field[], S: ShellState, k: Context): Outcome {
  const g = k.g;
  if (!fd || k.fnDepth >= MAX_FN_DEPTH) return unknownCommand(k, S);
  chargeCopy(g, F.length);
  const saved = S.positional;
  S.positional = [saved ? saved[0]! : null, ...F.slice(1).map((f) => f.value)];
  const o = runCmd(fd.body, S, { ...k, source: fd.source, bash: fd.bash, fnDepth: k.fnDepth + 1, noFuncs: false });
  const n = join(g, o.next, o.return);
  const seen = new Set<ShellState>();
  for (const st of [n, o.exit, o.break, o.continue]) {
    if (st && !seen.has(st)) {
      seen.add(st);
      st.positional = saved;
    }
  }
  return { next: n, exit: o.exit, break: o.break, continue: o.continue, return: null };
}
