/**
 * A small glob matcher (`*`, `**`, `?`, `{a,b}`, `[abc]`) for path arguments and ignore patterns.
 * Shells usually expand globs before we see them; this covers quoted globs, config ignorePatterns
 * and Windows shells, without a dependency.
 *
 * Matching simulates the pattern as a set of positions over the path, one character at a time, so
 * it takes at most (path length × pattern length) steps. The regular expressions it replaced
 * backtracked: `*a*a*a*a*b` against a long file name took seconds per name.
 */
export function hasGlobChars(p: string): boolean {
  return /[*?[{]/.test(p);
}

type Token =
  | { t: 'char'; ch: string }
  | { t: 'any' } // `?`: one character but `/`
  | { t: 'star' } // `*`: any run without `/`
  | { t: 'globstar' } // `**` inside a segment: any run
  | { t: 'dirs' } // `**/` at a segment start: nothing, or any run ending with `/`
  | { t: 'class'; re: RegExp };

/** At most this many alternatives from `{a,b}` expansion (nested braces multiply). */
const maxAlternatives = 1024;

/** `{a,b}` expanded into the plain globs it stands for. */
function expandBraces(glob: string): string[] {
  let open = -1;
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close !== -1) i = close;
    } else if (ch === '{') {
      if (depth++ === 0) open = i;
    } else if (ch === '}' && depth > 0 && --depth === 0) {
      const parts: string[] = [];
      let level = 0;
      let from = open + 1;
      for (let j = open + 1; j < i; j++) {
        if (glob[j] === '{') level++;
        else if (glob[j] === '}') level--;
        else if (glob[j] === ',' && level === 0) {
          parts.push(glob.slice(from, j));
          from = j + 1;
        }
      }
      parts.push(glob.slice(from, i));
      const out: string[] = [];
      for (const head of parts) {
        for (const rest of expandBraces(glob.slice(0, open) + head + glob.slice(i + 1))) {
          out.push(rest);
          if (out.length >= maxAlternatives) return out;
        }
      }
      return out;
    }
  }
  return [glob];
}

function tokenize(glob: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (glob[i + 2] === '/' && atSegmentStart) {
          out.push({ t: 'dirs' });
          i += 2;
        } else {
          out.push({ t: 'globstar' });
          i += 1;
        }
      } else out.push({ t: 'star' });
    } else if (ch === '?') out.push({ t: 'any' });
    else if (ch === '[' && glob.indexOf(']', i + 2) !== -1) {
      const close = glob.indexOf(']', i + 2);
      const body = glob.slice(i + 1, close);
      const negated = body.startsWith('!');
      const inner = (negated ? body.slice(1) : body).replace(/\\/g, '\\\\').replace(/^\^/, '\\^');
      out.push({ t: 'class', re: new RegExp(`^[${negated ? '^' : ''}${inner}]$`) });
      i = close;
    } else out.push({ t: 'char', ch });
  }
  return out;
}

/**
 * Whether `tokens` match all of `path` (`prefixAtSlash`: or any part of it that ends right before
 * a `/`, for ignore patterns naming a folder).
 */
function simulate(tokens: Token[], path: string, prefixAtSlash: boolean): boolean {
  const m = tokens.length;
  let current = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  /** Add state i and whatever it reaches without consuming a character. */
  const add = (set: Uint8Array, i: number) => {
    while (i <= m && !set[i]) {
      set[i] = 1;
      const t = tokens[i];
      if (!t || (t.t !== 'star' && t.t !== 'globstar' && t.t !== 'dirs')) return;
      i++;
    }
  };
  add(current, 0);
  for (let k = 0; k < path.length; k++) {
    const c = path[k]!;
    if (prefixAtSlash && c === '/' && current[m]) return true;
    next.fill(0);
    let alive = false;
    for (let i = 0; i < m; i++) {
      if (!current[i]) continue;
      const t = tokens[i]!;
      switch (t.t) {
        case 'char':
          if (c === t.ch) add(next, i + 1);
          break;
        case 'any':
          if (c !== '/') add(next, i + 1);
          break;
        case 'class':
          if (c !== '/' && t.re.test(c)) add(next, i + 1);
          break;
        case 'star':
          if (c !== '/') add(next, i);
          break;
        case 'globstar':
          add(next, i);
          break;
        case 'dirs':
          add(next, i);
          if (c === '/') add(next, i + 1);
          break;
      }
    }
    for (let i = 0; i <= m; i++) if (next[i]) alive = true;
    if (!alive) return false;
    [current, next] = [next, current];
  }
  return current[m] === 1;
}

/** A matcher for a whole path. */
export function globMatcher(glob: string): (path: string) => boolean {
  const alternatives = expandBraces(glob).map(tokenize);
  return (path) => alternatives.some((tokens) => simulate(tokens, path, false));
}

/**
 * An ignore pattern as users write them: `dir/`, `*.golden`, `charts/**`, `/abs/only/here`.
 * A pattern without a slash matches a name at any depth; a trailing slash (or a match on a
 * parent folder) ignores everything below.
 */
export function ignoreMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const matchers = patterns.map((raw) => {
    let p = raw.trim().replace(/\\/g, '/');
    if (p.startsWith('./')) p = p.slice(2);
    const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
    p = p.replace(/^\//, '').replace(/\/$/, '');
    const alternatives = expandBraces(p).map((alt) => [...(anchored ? [] : [{ t: 'dirs' } as Token]), ...tokenize(alt)]);
    return (relPath: string) => alternatives.some((tokens) => simulate(tokens, relPath, true));
  });
  return (relPath) => matchers.some((match) => match(relPath));
}
