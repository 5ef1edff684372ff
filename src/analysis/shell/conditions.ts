/**
 * The literal truth of conditions (`true`, `[ 1 -eq 1 ]`, `(( 0 ))`): a condition known to be
 * true or false decides which branch runs and whether a loop ends.
 */
import type { List } from './ast.js';
import { basename } from './commands/model.js';
import { litValue } from './parser.js';

export function literalTruth(list: List): boolean | null {
  if (list.items.length !== 1) return null;
  const it = list.items[0]!;
  if (it.bg || it.ao.rest.length) return null;
  const p = it.ao.first;
  if (p.cmds.length !== 1) return null;
  const c = p.cmds[0]!;
  let r: boolean | null = null;
  if (c.t === 'simple') {
    if (c.assigns.length || !c.words.length) return null;
    const ws = c.words.map(litValue);
    if (ws.some((w) => w === null)) return null;
    const vs = ws as string[];
    const n = basename(vs[0]!);
    if (n === 'true' || n === ':') r = true;
    else if (n === 'false') r = false;
    else if (n === '[' && vs[vs.length - 1] === ']') r = testLiteral(vs.slice(1, -1));
    else if (n === 'test') r = testLiteral(vs.slice(1));
  } else if (c.t === 'test') {
    const vs = c.words.map(litValue);
    if (vs.some((w) => w === null)) return null;
    r = testLiteral(vs as string[]);
  } else if (c.t === 'arith') {
    const m = /^\s*(\d+)\s*$/.exec(c.expr);
    if (m) r = Number(m[1]) !== 0;
  }
  if (r === null) return null;
  return p.neg ? !r : r;
}

/** A condition that is a single test (`[`, `test`, `[[ ]]`, `(( ))`, `true`, `false`, `:`). */
export function testLike(list: List): boolean {
  if (list.items.length !== 1) return false;
  const it = list.items[0]!;
  if (it.bg || it.ao.rest.length || it.ao.first.cmds.length !== 1) return false;
  const c = it.ao.first.cmds[0]!;
  if (c.t === 'test' || c.t === 'arith') return true;
  if (c.t !== 'simple' || c.assigns.length || !c.words.length) return false;
  const n = litValue(c.words[0]!);
  return n === '[' || n === 'test' || n === 'true' || n === 'false' || n === ':';
}

export function testLiteral(ws: string[]): boolean | null {
  if (ws.length === 0) return false;
  if (ws.length === 1) return ws[0] !== '';
  if (ws.length === 2 && ws[0] === '-n') return ws[1] !== '';
  if (ws.length === 2 && ws[0] === '-z') return ws[1] === '';
  if (ws.length === 2 && ws[0] === '!') return ws[1] === '';
  if (ws.length === 3) {
    const [a, op, b] = ws as [string, string, string];
    if (op === '=' || op === '==') return a === b;
    if (op === '!=') return a !== b;
    if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) {
      const x = Number(a);
      const y = Number(b);
      switch (op) {
        case '-eq':
          return x === y;
        case '-ne':
          return x !== y;
        case '-lt':
          return x < y;
        case '-le':
          return x <= y;
        case '-gt':
          return x > y;
        case '-ge':
          return x >= y;
      }
    }
  }
  return null;
}
