/**
 * Commands that wait: `sleep`, `timeout`, `wait` (for background jobs), `tail -f`, and `kill`
 * (which may end a background job early).
 */
import { chargeCopy } from '../budget.js';
import { concat, evidenceOfFields, type EvidenceRope } from '../evidence.js';
import { joinAll } from '../join.js';
import { runArgv } from '../simple.js';
import { advance, type Context, type Field, isolated, JOB, type Job, type Outcome, proceed, type ShellState } from '../state.js';
import { parseDuration } from '../units.js';
import { type CommandModel, instantCommand, ordinaryCommand, type PrefixAssignments, unknownCommand } from './model.js';

/** a sleep this long counts as never ending */
const DAY = 86400;

function sleepCmd(F: Field[], S: ShellState, k: Context): Outcome {
  const ops = F.slice(1).filter((f) => f.value !== '--');
  if (!ops.length) return instantCommand(S, 1);
  let total = 0;
  let unk = false;
  let invalid = false;
  for (const f of ops) {
    if (f.value === null) {
      unk = true;
      continue;
    }
    const d = parseDuration(f.value);
    if (d === null) invalid = true;
    else total += d;
  }
  if (invalid) return instantCommand(S, 1);
  if (unk) return unknownCommand(k, S);
  if (total >= DAY) {
    advance(S, Infinity, null, evidenceOfFields(k.g, F, 'unbounded'));
    S.status = 0;
    return proceed(S);
  }
  advance(S, total, total, total > 0 ? sleepEvidence(k, F, ops, total) : undefined);
  S.status = 0;
  return proceed(S);
}

/** A sleep's evidence, with the span of its duration when one operand, written as is, holds it all. */
function sleepEvidence(k: Context, F: Field[], ops: Field[], seconds: number) {
  const ev = evidenceOfFields(k.g, F, 'sleep');
  const op = ops.length === 1 ? ops[0]! : undefined;
  // As written: no quotes, escapes or expansions between the source text and the value.
  if (op && op.value !== null && k.g.argv[op.arg]?.slice(op.s, op.e) === op.value) ev.duration = { arg: op.arg, offset: op.s, length: op.e - op.s, seconds };
  return ev;
}

function tailCmd(F: Field[], S: ShellState, k: Context): Outcome {
  let follow = false;
  let pid = false;
  let files = 0;
  let afterDD = false;
  for (let i = 1; i < F.length; i++) {
    const v = F[i]!.value;
    if (v === null || afterDD) {
      files++;
      continue;
    }
    if (v === '--') afterDD = true;
    else if (v.startsWith('--')) {
      if (v === '--follow' || v.startsWith('--follow=')) follow = true;
      if (v.startsWith('--pid')) pid = true;
      if (/^--(lines|bytes|pid|sleep-interval|max-unchanged-stats)$/.test(v)) i++;
    } else if (v.startsWith('-') && v.length > 1) {
      if (/^-\d+[a-z]*$/.test(v)) {
        if (/f/i.test(v)) follow = true;
        continue;
      }
      for (let j = 1; j < v.length; j++) {
        const ch = v[j]!;
        if (ch === 'f' || ch === 'F') follow = true;
        else if (ch === 'n' || ch === 'c' || ch === 's') {
          if (j === v.length - 1) i++;
          break;
        }
      }
    } else if (v.startsWith('+')) continue;
    else files++;
  }
  if (follow && !pid) {
    if (files > 0) {
      advance(S, Infinity, null, evidenceOfFields(k.g, F, 'unbounded'));
      return proceed(S);
    }
    return unknownCommand(k, S);
  }
  return ordinaryCommand(S);
}

function timeoutCmd(F: Field[], S: ShellState, k: Context, extra: PrefixAssignments | null): Outcome {
  const g = k.g;
  let i = 1;
  let killAfter = 0;
  let durIdx = -1;
  while (i < F.length) {
    const v = F[i]!.value;
    if (v === null) break;
    if (v === '--') {
      i++;
      break;
    }
    if (v === '-s' || v === '--signal') {
      i += 2;
      continue;
    }
    if (v === '-k' || v === '--kill-after') {
      const d = F[i + 1]?.value;
      const n = d ? parseDuration(d) : null;
      killAfter = n ?? Infinity;
      i += 2;
      continue;
    }
    if (v.startsWith('--kill-after=') || (v.startsWith('-k') && v.length > 2)) {
      const n = parseDuration(v.startsWith('--') ? v.slice(13) : v.slice(2));
      killAfter = n ?? Infinity;
      i++;
      continue;
    }
    if (v === '-t') {
      durIdx = i + 1;
      i += 2;
      continue;
    }
    if (v.startsWith('-') && v.length > 1 && !/^-\d/.test(v)) {
      i++;
      continue;
    }
    break;
  }
  if (durIdx < 0) durIdx = i++;
  const durF = F[durIdx];
  const rest = F.slice(i);
  if (!durF || !rest.length) return instantCommand(S, 1);
  const N = durF.value === null ? null : parseDuration(durF.value);
  if (durF.value !== null && N === null) return instantCommand(S, 1);
  const z = isolated(S);
  const o = runArgv(rest, z, { ...k, external: true }, extra);
  const end = joinAll(g, o) ?? z;
  const dMin = end.tMin;
  const dMax = end.tMax;
  if (N === null) {
    g.unknown = true;
    advance(S, 0, dMax);
    S.status = -1;
    return proceed(S);
  }
  if (N === 0 || N === Infinity) {
    advance(S, dMin, dMax, end.evidence);
    S.status = end.status;
    return proceed(S);
  }
  const cap = N + killAfter;
  const min = Math.min(N, dMin);
  const max = dMax === null ? (Number.isFinite(cap) ? cap : null) : Math.min(dMax, cap);
  if (dMin > N) {
    advance(S, min, max, evidenceOfFields(g, F.slice(0, durIdx + 1), 'timeout'));
    S.status = 1;
  } else {
    advance(S, min, max, end.evidence);
    S.status = dMax !== null && dMax <= N ? end.status : -1;
  }
  return proceed(S);
}

function waitCmd(F: Field[], S: ShellState, k: Context): Outcome {
  const args = F.slice(1).filter((f) => !(f.value !== null && /^-[nf]$/.test(f.value)));
  const anyOne = F.some((f) => f.value === '-n');
  chargeCopy(k.g, S.jobs.length * Math.max(1, F.length));
  let targets: Job[];
  let unknownTarget = false;
  if (!args.length) targets = S.jobs;
  else {
    targets = [];
    for (const f of args) {
      const v = f.value;
      if (v !== null && v.startsWith(JOB)) {
        const j = S.jobs.find((x) => x.id === Number(v.slice(JOB.length)));
        if (j) targets.push(j);
      } else if (v !== null && /^%\d+$/.test(v)) {
        const j = S.jobs[Number(v.slice(1)) - 1];
        if (j) targets.push(j);
        else unknownTarget = true;
      } else unknownTarget = true;
    }
  }
  let endMin = -Infinity;
  let ev: EvidenceRope = null;
  if (anyOne) {
    if (targets.length && targets.every((j) => j.certain) && !unknownTarget) {
      endMin = Math.min(...targets.map((j) => j.endMin));
      ev = targets.find((j) => j.endMin === endMin)?.evidence ?? null;
    }
  } else {
    for (const j of targets) {
      if (j.certain && j.endMin > endMin) {
        endMin = j.endMin;
        ev = j.evidence;
      }
    }
  }
  let endMax: number | null = 0;
  const maxOver = unknownTarget ? S.jobs : targets;
  for (const j of maxOver) endMax = endMax === null || j.endMax === null ? null : Math.max(endMax, j.endMax);
  if (S.hidden) endMax = null;
  if (endMin > S.tMin) {
    S.evidence = concat(ev, evidenceOfFields(k.g, F, 'wait'));
    S.tMin = endMin;
  }
  S.tMax = S.tMax === null || endMax === null ? null : Math.max(S.tMax, endMax);
  const ids = new Set(targets.map((j) => j.id));
  if (!anyOne) S.jobs = args.length ? S.jobs.filter((j) => !ids.has(j.id)) : [];
  const sts = targets.map((j) => j.status);
  S.status = !sts.length ? (unknownTarget ? -1 : 0) : sts.every((x) => x === sts[0]) ? sts[0]! : -1;
  return proceed(S);
}

/** `kill`, `pkill`, `killall`: a background job may be the target, so it may end now. */
const kill: CommandModel = (_F, S, k) => {
  chargeCopy(k.g, S.jobs.length);
  if (S.jobs.length) S.jobs = S.jobs.map((j) => ({ ...j, endMin: Math.min(j.endMin, S.tMin) }));
  return ordinaryCommand(S);
};

export const WAITING_PROGRAMS: [string, CommandModel][] = [
  ['sleep', sleepCmd],
  ['tail', tailCmd],
  ['timeout', timeoutCmd],
  ['kill', kill],
  ['pkill', kill],
  ['killall', kill],
];

/** `wait` is a builtin only: `/usr/bin/wait` cannot see the shell's jobs. */
export const WAITING_BUILTINS: [string, CommandModel][] = [['wait', waitCmd]];
