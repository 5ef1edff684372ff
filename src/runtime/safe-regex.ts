/**
 * User regular expressions (a runtime profile's `execCommands[].argv0`) are tested against text
 * from manifests, so they must not backtrack without end: `(a+)+$` against a long argv[0] took
 * 70 s. A pattern is accepted only in a shape whose matching time stays polynomial and small:
 *  - no unbounded quantifier (`*`, `+`, `{n,}`) on a group that itself holds a quantifier or an
 *    alternation (the exponential cases: `(a+)+`, `(a|aa)*`);
 *  - at most two unbounded quantifiers in all (`.*a.*a.*a.*b` is O(n^4));
 *  - no backreferences, at most 500 characters;
 * and the text tested is at most maxTestedLength characters (argv[0] is a path: PATH_MAX).
 */
export const maxTestedLength = 4096;
const maxUnbounded = 2;

/** Why `source` is not accepted, or undefined when it is. */
export function unsafeRegexReason(source: string): string | undefined {
  if (source.length > 500) return 'longer than 500 characters';
  try {
    new RegExp(source);
  } catch (err) {
    return `not a valid regular expression (${(err as Error).message})`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'it uses a backreference';
  /** Per open group: whether it holds a quantifier or an alternation. */
  const groups: boolean[] = [];
  let unbounded = 0;
  let lastGroupRisky = false; // the group that just closed, when the next token quantifies it
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      if (quantifier.unbounded) {
        unbounded++;
        if (lastGroupRisky) return `a group with a quantifier or an alternation inside is repeated without bound ('${source.slice(Math.max(0, i - 20), i + quantifier.length)}'), which can backtrack exponentially`;
      }
      if (groups.length > 0) groups[groups.length - 1] = true;
      i += quantifier.length - 1;
      lastGroupRisky = false;
      continue;
    }
    lastGroupRisky = false;
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i = classEnd(source, i);
    } else if (c === '(') {
      groups.push(false);
    } else if (c === ')') {
      lastGroupRisky = groups.pop() ?? false;
      if (lastGroupRisky && groups.length > 0) groups[groups.length - 1] = true;
    } else if (c === '|' && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  if (unbounded > maxUnbounded) return `more than ${maxUnbounded} unbounded quantifiers (*, +, {n,}), whose backtracking multiplies`;
  return undefined;
}

function quantifierAt(s: string, i: number): { length: number; unbounded: boolean } | undefined {
  const c = s[i];
  const lazy = (n: number) => (s[i + n] === '?' ? n + 1 : n);
  if (c === '*' || c === '+') return { length: lazy(1), unbounded: true };
  if (c === '?') return { length: lazy(1), unbounded: false };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i, i + 24));
    if (m) return { length: lazy(m[0].length), unbounded: m[2] !== undefined && m[3] === '' };
  }
  return undefined;
}

/** The offset of the `]` closing the class that opens at `open`. */
function classEnd(s: string, open: number): number {
  let i = open + 1;
  if (s[i] === '^') i++;
  if (s[i] === ']') i++;
  for (; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ']') return i;
  }
  return s.length;
}
