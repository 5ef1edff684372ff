/**
 * Builtins that change where control goes: `exit`, `return`, `break`, `continue`, `exec`, `eval`,
 * `.`/`source`, `trap`, `command`/`builtin`.
 */
import type { List } from '../ast.js';
import { MAX_NEST } from '../budget.js';
import { runList } from '../control.js';
import { joinAll } from '../join.js';
import { ParseError, parseScript } from '../parser.js';
import { runArgv } from '../simple.js';
import { escapeWith, type Field, type ScriptSource, type ShellState, taint } from '../state.js';
import { type CommandModel, instantCommand, operands, ordinaryCommand, unknownCommand } from './model.js';

/** `exit N` / `return N`: the status it leaves with (-1 when not known). */
function statusOf(code: string | null | undefined, S: ShellState): ShellState['status'] {
  return code === undefined ? S.status : code === '0' ? 0 : code === null ? -1 : 1;
}

const exit: CommandModel = (F, S) => {
  S.status = statusOf(operands(F).values[0], S);
  return escapeWith('exit', S);
};

/** `return` outside a function leaves the script, like `exit`. */
const returnBuiltin: CommandModel = (F, S, k) => {
  S.status = statusOf(operands(F).values[0], S);
  return escapeWith(k.fnDepth > 0 ? 'return' : 'exit', S);
};

/** `break`/`continue`; `break 2` leaves more than one loop, which is not followed. */
function loopControl(kind: 'break' | 'continue'): CommandModel {
  return (F, S, k) => {
    const n = operands(F).values[0];
    if (n !== undefined && n !== '1') {
      k.g.unknown = true;
      S.tMax = null;
    }
    S.status = 0;
    return escapeWith(kind, S);
  };
}

/** `exec cmd …` replaces the shell: nothing after it runs. */
const exec: CommandModel = (F, S, k, prefix) => {
  const { args, values: av } = operands(F);
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
  if (i >= args.length) return instantCommand(S, 0);
  const o = runArgv(args.slice(i), S, { ...k, external: true }, prefix);
  return escapeWith('exit', joinAll(k.g, o));
};

/** `eval` of known words runs them as a script; of unknown words, anything may happen. */
const evalBuiltin: CommandModel = (F, S, k) => {
  const { args, values: av } = operands(F);
  if (!args.length) return instantCommand(S, 0);
  if (av.some((v) => v === null) || k.nest >= MAX_NEST) {
    taint(k.g, S);
    return unknownCommand(k, S);
  }
  const text = (av as string[]).join(' ');
  let list: List;
  try {
    list = parseScript(text);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return unknownCommand(k, S);
  }
  const f = args[0]!;
  const single = args.length === 1 ? f.charMap?.() ?? null : null;
  const sc: ScriptSource = { arg: f.arg, map: single, whole: [f.s, args[args.length - 1]!.arg === f.arg ? args[args.length - 1]!.e : f.e] };
  return runList(list, S, { ...k, source: sc, nest: k.nest + 1 });
};

/** A sourced file may set anything. */
const source: CommandModel = (_F, S, k) => {
  taint(k.g, S);
  return ordinaryCommand(S);
};

/** `trap '…' EXIT` (or 0, SIGEXIT): the script runs when the shell exits. Other signals are ignored. */
const trap: CommandModel = (F, S) => {
  const { args, values: av } = operands(F);
  if (!args.length || av[0] === '-p' || av[0] === '-l') return instantCommand(S, 0);
  let i = 0;
  if (av[0] === '--') i++;
  const action: Field | undefined = args[i];
  const sigs = av.slice(i + 1);
  if (!action) return instantCommand(S, 0);
  if (sigs.some((x) => x === null || /^(0|EXIT|SIGEXIT)$/i.test(x))) {
    const a = action.value;
    if (a === null) S.exitTrap = 'unknown';
    else if (a === '' || a === '-') S.exitTrap = null;
    else {
      try {
        const body = parseScript(a);
        S.exitTrap = { body, source: { arg: action.arg, map: action.charMap?.() ?? null, whole: [action.s, action.e] } };
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        S.exitTrap = 'unknown';
      }
    }
  }
  return instantCommand(S, 0);
};

/** `command cmd …` / `builtin cmd …`: run cmd, skipping shell functions. */
const command: CommandModel = (F, S, k, prefix) => {
  const { args, values: av } = operands(F);
  let i = 0;
  while (i < args.length && (av[i] === '-p' || av[i] === '--')) i++;
  if (av[i] === '-v' || av[i] === '-V') return instantCommand(S, -1);
  if (i >= args.length) return instantCommand(S, 0);
  return runArgv(args.slice(i), S, { ...k, noFuncs: true }, prefix);
};

export const CONTROL_BUILTINS: [string, CommandModel][] = [
  ['exit', exit],
  ['return', returnBuiltin],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['exec', exec],
  ['eval', evalBuiltin],
  ['.', source],
  ['source', source],
  ['trap', trap],
  ['command', command],
  ['builtin', command],
];
