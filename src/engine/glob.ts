/**
 * A small glob matcher (`*`, `**`, `?`, `{a,b}`, `[abc]`) for path arguments and ignore patterns.
 * Shells usually expand globs before we see them; this covers quoted globs, config ignorePatterns
 * and Windows shells, without a dependency.
 */
export function hasGlobChars(p: string): boolean {
  return /[*?[{]/.test(p);
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (inClass) {
      re += ch === '\\' ? '\\\\' : ch;
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (glob[i + 2] === '/' && atSegmentStart) {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      inClass = true;
      re += glob[i + 1] === '!' ? (i++, '[^') : '[';
    } else if (ch === '{') {
      braces++;
      re += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (ch === ',' && braces > 0) re += '|';
    else re += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * An ignore pattern as users write them: `dir/`, `*.golden`, `charts/**`, `/abs/only/here`.
 * A pattern without a slash matches a name at any depth; a trailing slash (or a match on a
 * parent folder) ignores everything below.
 */
export function ignoreMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const res = patterns.map((raw) => {
    let p = raw.trim().replace(/\\/g, '/');
    if (p.startsWith('./')) p = p.slice(2);
    const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
    p = p.replace(/^\//, '').replace(/\/$/, '');
    const body = globToRegExp(p).source.slice(1, -1);
    return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
  });
  return (relPath) => res.some((r) => r.test(relPath));
}
