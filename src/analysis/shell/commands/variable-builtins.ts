/**
 * Builtins that set variables, options or positional parameters: `set`, `export` and the other
 * declarers, `unset`, `shift`, `read`, `let`, `getopts`, `mapfile`, `printf -v`, and the builtins
 * that change nothing the analysis follows (`cd`, `umask` …).
 */
import { chargeCopy } from '../budget.js';
import { addExp, setFunc, setVar, taint, UNSET, type VarValue } from '../state.js';
import { arithAssigns, arithNames } from '../units.js';
import { type CommandModel, instantCommand, operands, ordinaryCommand } from './model.js';

/** `set -e`, `set -o errexit`, `set -- a b` (positional parameters). */
const set: CommandModel = (F, S, k) => {
  const { args, values: av } = operands(F);
  chargeCopy(k.g, args.length);
  for (let i = 0; i < args.length; i++) {
    const v = av[i];
    if (v === null || v === undefined) {
      S.positional = null;
      break;
    }
    if (v === '--' || v === '-') {
      S.positional = [S.positional ? S.positional[0]! : null, ...av.slice(i + 1).map((x) => (x === undefined ? null : x))];
      break;
    }
    if (v === '-o' || v === '+o') {
      if (av[i + 1] === 'errexit') S.errexit = v[0] === '-';
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v.includes('e')) S.errexit = v[0] === '-';
      if (v.includes('o')) {
        if (av[i + 1] === 'errexit') S.errexit = v[0] === '-';
        i++;
      }
      continue;
    }
    S.positional = [S.positional ? S.positional[0]! : null, ...av.slice(i).map((x) => (x === undefined ? null : x))];
    break;
  }
  return instantCommand(S, 0);
};

/** `export`, `readonly`, `local`, `declare`, `typeset`: `NAME=value` assigns, `-x` exports. */
function declarer(name: string): CommandModel {
  return (F, S, k) => {
    const g = k.g;
    const { args, values: av } = operands(F);
    let exporting = name === 'export';
    for (let i = 0; i < args.length; i++) {
      const v = av[i];
      const f = args[i]!;
      if (v === null || v === undefined) {
        const lit0 = f.word?.parts[0];
        const m = lit0 && lit0.k === 'lit' ? /^([A-Za-z_][A-Za-z0-9_]*)\+?=/.exec(lit0.v) : null;
        if (m) {
          setVar(g, S, m[1]!, null);
          if (exporting) addExp(g, S, m[1]!);
        }
        continue;
      }
      if (/^[-+][A-Za-z]+$/.test(v)) {
        if (v[0] === '-' && v.includes('x')) exporting = true;
        if (v.includes('f')) return instantCommand(S, 0);
        continue;
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=([\s\S]*)$/.exec(v);
      if (m) {
        const old = S.vars.get(m[1]!);
        const val: VarValue = m[2] ? (typeof old === 'string' ? old + m[3] : old === UNSET || old === undefined ? m[3]! : null) : m[3]!;
        setVar(g, S, m[1]!, val);
        if (exporting) addExp(g, S, m[1]!);
      } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
        if (exporting) addExp(g, S, v);
        else if (name === 'local' && !S.vars.has(v)) setVar(g, S, v, UNSET);
      }
    }
    return instantCommand(S, 0);
  };
}

const unset: CommandModel = (F, S, k) => {
  let funcs = false;
  for (const v of operands(F).values) {
    if (v === null) {
      taint(k.g, S);
      continue;
    }
    if (v === '-f') funcs = true;
    else if (v === '-v') funcs = false;
    else if (funcs) setFunc(k.g, S, v, undefined);
    else setVar(k.g, S, v, UNSET);
  }
  return instantCommand(S, 0);
};

const shift: CommandModel = (F, S, k) => {
  const av = operands(F).values;
  chargeCopy(k.g, S.positional?.length ?? 0);
  const n = av[0] === undefined ? 1 : av[0] !== null && /^\d+$/.test(av[0]) ? Number(av[0]) : null;
  if (n === null || !S.positional) S.positional = null;
  else if (n <= S.positional.length - 1) S.positional = [S.positional[0]!, ...S.positional.slice(1 + n)];
  else return instantCommand(S, 1);
  return instantCommand(S, 0);
};

const READ_VALUE_OPTIONS = new Set(['-p', '-t', '-n', '-N', '-d', '-u', '-a', '-i']);

/** `read` sets its names to unknown values, and waits for input unless stdin is redirected. */
const read: CommandModel = (F, S, k) => {
  const g = k.g;
  const { args, values: av } = operands(F);
  for (let i = 0; i < args.length; i++) {
    const v = av[i];
    if (v === null || v === undefined) continue;
    if (READ_VALUE_OPTIONS.has(v)) {
      if (v === '-a' && av[i + 1]) setVar(g, S, av[i + 1]!, null);
      i++;
      continue;
    }
    if (v.startsWith('-')) continue;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) setVar(g, S, v, null);
  }
  if (!args.some((f) => f.value !== null && /^[A-Za-z_]/.test(f.value))) setVar(g, S, 'REPLY', null);
  if (!k.inputRedir && !k.stdinPiped) g.unknown = true;
  return ordinaryCommand(S);
};

const letBuiltin: CommandModel = (F, S, k) => {
  for (const v of operands(F).values) if (v === null) taint(k.g, S);
  else if (arithAssigns(v)) for (const n of arithNames(v)) setVar(k.g, S, n, null);
  return instantCommand(S, -1);
};

const getopts: CommandModel = (F, S, k) => {
  const av = operands(F).values;
  if (av[1]) setVar(k.g, S, av[1], null);
  setVar(k.g, S, 'OPTIND', null);
  setVar(k.g, S, 'OPTARG', null);
  return instantCommand(S, -1);
};

const mapfile: CommandModel = (F, S, k) => {
  const av = operands(F).values;
  const last = av[av.length - 1];
  if (last && /^[A-Za-z_]/.test(last)) setVar(k.g, S, last, null);
  return ordinaryCommand(S);
};

/** The builtin `printf`: only `-v NAME` matters (the program `printf` is an instant command). */
const printf: CommandModel = (F, S, k) => {
  const av = operands(F).values;
  const i = av.indexOf('-v');
  if (i >= 0 && av[i + 1]) setVar(k.g, S, av[i + 1]!, null);
  return instantCommand(S, 0);
};

/** Builtins with no effect the analysis follows; `cd` and `type` may fail. */
function noEffect(name: string): CommandModel {
  const status = name === 'cd' || name === 'type' ? -1 : 0;
  return (_F, S) => instantCommand(S, status);
}

export const VARIABLE_BUILTINS: [string, CommandModel][] = [
  ['set', set],
  ...['export', 'readonly', 'local', 'declare', 'typeset'].map((n): [string, CommandModel] => [n, declarer(n)]),
  ['unset', unset],
  ['shift', shift],
  ['read', read],
  ['let', letBuiltin],
  ['getopts', getopts],
  ['mapfile', mapfile],
  ['readarray', mapfile],
  ['printf', printf],
  ...['cd', 'umask', 'ulimit', 'alias', 'unalias', 'hash', 'type', 'jobs', 'disown', 'shopt'].map((n): [string, CommandModel] => [n, noEffect(n)]),
];
