/**
 * Commands that run another command: privilege and process wrappers (`nohup`, `sudo`, `gosu`,
 * `tini` …), `env`, `su`/`runuser`, `busybox`. They take the time of the command they run.
 */
import { chargeCopy } from '../budget.js';
import { joinAll } from '../join.js';
import { runArgv } from '../simple.js';
import { type Context, type Field, fork, type Outcome, proceed, type ShellState, UNSET, type VarValue } from '../state.js';
import { basename, type CommandModel, instantCommand, ordinaryCommand, type PrefixAssignments, unknownCommand } from './model.js';
import { runNested } from './shells.js';

interface Wrapper {
  /** options that take a separate value */
  valueOptions: string[];
  /** positional operands before the command (user, directory) */
  operands: number;
}

const WRAPPERS: Record<string, Wrapper> = {
  nohup: { valueOptions: [], operands: 0 },
  nice: { valueOptions: ['-n', '--adjustment'], operands: 0 },
  ionice: { valueOptions: ['-c', '-n', '--class', '--classdata'], operands: 0 },
  setsid: { valueOptions: [], operands: 0 },
  stdbuf: { valueOptions: ['-i', '-o', '-e', '--input', '--output', '--error'], operands: 0 },
  chroot: { valueOptions: ['--userspec', '--groups'], operands: 1 },
  gosu: { valueOptions: [], operands: 1 },
  'su-exec': { valueOptions: [], operands: 1 },
  's6-setuidgid': { valueOptions: [], operands: 1 },
  tini: { valueOptions: ['-e', '-p'], operands: 0 },
  'dumb-init': { valueOptions: ['-r', '--rewrite'], operands: 0 },
  catatonit: { valueOptions: [], operands: 0 },
  doas: { valueOptions: ['-u', '-C'], operands: 0 },
  sudo: { valueOptions: ['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U', '-r', '-t'], operands: 0 },
  chpst: { valueOptions: ['-u', '-U', '-b', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c'], operands: 0 },
  time: { valueOptions: ['-f', '-o', '--format', '--output'], operands: 0 },
  unbuffer: { valueOptions: [], operands: 0 },
};

function envCmd(F: Field[], S: ShellState, k: Context, extra: PrefixAssignments | null): Outcome {
  let i = 1;
  let clear = false;
  chargeCopy(k.g, F.length + (extra?.size ?? 0));
  const vars = new Map<string, VarValue>(extra ?? []);
  const unset: string[] = [];
  while (i < F.length) {
    const v = F[i]!.value;
    if (v === null) return unknownCommand(k, S);
    if (v === '-i' || v === '--ignore-environment' || v === '-') {
      clear = true;
      i++;
    } else if (v === '-u' || v === '--unset') {
      const n = F[i + 1]?.value;
      if (n) unset.push(n);
      i += 2;
    } else if (v.startsWith('--unset=')) {
      unset.push(v.slice(8));
      i++;
    } else if (v === '-C' || v === '--chdir') i += 2;
    else if (v === '-S' || v.startsWith('-S') || v.startsWith('--split-string')) return unknownCommand(k, S);
    else if (v === '--') {
      i++;
      break;
    } else if (v.startsWith('-') && v.length > 1 && !v.includes('=')) i++;
    else {
      const m = /^([^=]+)=([\s\S]*)$/.exec(v);
      if (!m) break;
      vars.set(m[1]!, m[2]!);
      i++;
    }
  }
  while (i < F.length) {
    const v = F[i]!.value;
    const m = v !== null ? /^([^=]+)=([\s\S]*)$/.exec(v) : null;
    if (!m) break;
    vars.set(m[1]!, m[2]!);
    i++;
  }
  if (i >= F.length) return instantCommand(S, 0);
  const rest = F.slice(i);
  if (clear) {
    const m = new Map<string, VarValue>();
    for (const [a, b] of vars) m.set(a, b);
    for (const u of unset) m.delete(u);
    const st = fork(S);
    st.exported = new Set(m.keys());
    st.exportedOwned = true;
    st.vars = new Map(m);
    st.varsOwned = true;
    st.tainted = false;
    const o = runArgv(rest, st, { ...k, external: true }, null);
    const end = joinAll(k.g, o) ?? st;
    S.tMin = end.tMin;
    S.tMax = end.tMax;
    S.evidence = end.evidence;
    S.status = end.status;
    return proceed(S);
  }
  for (const u of unset) vars.set(u, UNSET);
  return runArgv(rest, S, { ...k, external: true }, vars.size ? vars : null);
}

function wrapperCmd(base: string, w: Wrapper, F: Field[], S: ShellState, k: Context, extra: PrefixAssignments | null): Outcome {
  let i = 1;
  let background = false;
  while (i < F.length) {
    const v = F[i]!.value;
    if (v === null) return unknownCommand(k, S);
    if (v === '--') {
      i++;
      break;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (base === 'sudo' && /^-[A-Za-z]*b/.test(v) && !v.startsWith('--')) background = true;
      if ((base === 'sudo' && /^-[A-Za-z]*[is]$/.test(v)) || v === '--shell' || v === '--login') return unknownCommand(k, S);
      if (w.valueOptions.includes(v)) i += 2;
      else i++;
      continue;
    }
    break;
  }
  i += w.operands;
  const rest = F.slice(i);
  if (!rest.length) return ordinaryCommand(S);
  if (background) return ordinaryCommand(S);
  return runArgv(rest, S, { ...k, external: true }, extra);
}

function suCmd(F: Field[], S: ShellState, k: Context, extra: PrefixAssignments | null): Outcome {
  let i = 1;
  let cmd: Field | null = null;
  while (i < F.length) {
    const f = F[i]!;
    const v = f.value;
    if (v === null) return unknownCommand(k, S);
    if (v === '-c' || v === '--command' || v === '--session-command') {
      cmd = F[i + 1] ?? null;
      i += 2;
      continue;
    }
    if (v.startsWith('--command=')) {
      const cut = 10;
      const inner = f.charMap?.() ?? null;
      cmd = { value: v.slice(cut), arg: f.arg, s: f.s, e: f.e, charMap: inner ? () => (j: number, end: boolean) => inner(j + cut, end) : null };
      i++;
      continue;
    }
    if (v === '--') {
      // runuser -u user -- cmd …
      if (F[0]!.value !== null && basename(F[0]!.value) === 'runuser' && i + 1 < F.length && !cmd) {
        return runArgv(F.slice(i + 1), S, { ...k, external: true }, extra);
      }
      i++;
      continue;
    }
    if (['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-u', '--user', '-w', '--whitelist-environment'].includes(v)) {
      i += 2;
      continue;
    }
    i++;
  }
  if (!cmd) return ordinaryCommand(S);
  return runNested(cmd, [], S, k, extra, false, false);
}

/** `busybox sleep 5` runs the applet. */
const busybox: CommandModel = (F, S, k, prefix) => (F.length > 1 ? runArgv(F.slice(1), S, { ...k, external: true }, prefix) : ordinaryCommand(S));

export const WRAPPER_PROGRAMS: [string, CommandModel][] = [
  ['busybox', busybox],
  ['env', envCmd],
  ['su', suCmd],
  ['runuser', suCmd],
  ...Object.entries(WRAPPERS).map(([name, w]): [string, CommandModel] => [name, (F, S, k, prefix) => wrapperCmd(name, w, F, S, k, prefix)]),
];
