/**
 * Syntax tree of the small POSIX/bash subset the duration analysis understands. Every node keeps
 * `s`/`e` (start/end offsets in the parsed string) so evidence can point back into the source.
 */

/** Literal text. Occupies `[s, s + v.length)` in the source unless `nc` (non-contiguous, e.g. `$'\n'`). */
export interface LitPart {
  k: 'lit';
  v: string;
  s: number;
  /** quoted or escaped: not subject to field splitting or globbing */
  q: boolean;
  nc?: boolean;
}

/** `$x`, `${x}`, `${x:-word}` … `op` is '' for a plain reference, 'len' for `${#x}`, '?' when unsupported. */
export interface ParamPart {
  k: 'param';
  name: string;
  op: string;
  arg: Word | null;
  q: boolean;
  s: number;
  e: number;
}

/** `$( … )` or backticks. */
export interface CmdPart {
  k: 'cmd';
  body: List;
  q: boolean;
  s: number;
  e: number;
}

/** `$(( … ))` */
export interface ArithPart {
  k: 'arith';
  expr: string;
  q: boolean;
  s: number;
  e: number;
}

/** `<( … )` / `>( … )` */
export interface ProcPart {
  k: 'proc';
  body: List;
  s: number;
  e: number;
}

export type Part = LitPart | ParamPart | CmdPart | ArithPart | ProcPart;

export interface Word {
  s: number;
  e: number;
  parts: Part[];
}

export interface Assign {
  name: string;
  s: number;
  e: number;
  value: Word | null;
  array: boolean;
  append: boolean;
}

export interface Redir {
  op: string;
  fd: number | null;
  target: Word | null;
  s: number;
  e: number;
}

export interface Simple {
  t: 'simple';
  s: number;
  e: number;
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
}
export interface Group {
  t: 'group';
  s: number;
  e: number;
  body: List;
  redirs: Redir[];
}
export interface Sub {
  t: 'sub';
  s: number;
  e: number;
  body: List;
  redirs: Redir[];
}
export interface If {
  t: 'if';
  s: number;
  e: number;
  arms: { cond: List; body: List }[];
  els: List | null;
  redirs: Redir[];
}
export interface Loop {
  t: 'loop';
  s: number;
  e: number;
  until: boolean;
  cond: List;
  body: List;
  /** end of the condition: `while true` spans [s, headEnd) */
  headEnd: number;
  redirs: Redir[];
}
export interface For {
  t: 'for';
  s: number;
  e: number;
  name: string;
  /** null: `for x; do` (iterates "$@") */
  list: Word[] | null;
  /** C-style `for ((…))` or `select`: iteration count unknown */
  opaque: boolean;
  body: List;
  headEnd: number;
  redirs: Redir[];
}
export interface Case {
  t: 'case';
  s: number;
  e: number;
  word: Word;
  arms: { pats: Word[]; body: List; term: string }[];
  redirs: Redir[];
}
export interface Func {
  t: 'func';
  s: number;
  e: number;
  name: string;
  body: Cmd;
}
export interface Arith {
  t: 'arith';
  s: number;
  e: number;
  expr: string;
  redirs: Redir[];
}
/** `[[ … ]]` */
export interface Test {
  t: 'test';
  s: number;
  e: number;
  words: Word[];
  redirs: Redir[];
}

export type Cmd = Simple | Group | Sub | If | Loop | For | Case | Func | Arith | Test;

export interface Pipeline {
  s: number;
  e: number;
  neg: boolean;
  cmds: Cmd[];
}

export interface AndOr {
  s: number;
  e: number;
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
}

export interface List {
  s: number;
  e: number;
  items: { ao: AndOr; bg: boolean }[];
}
