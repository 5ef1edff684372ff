/**
 * The kubelet's own expansion of `command`/`args` before anything runs: `$(NAME)` becomes the
 * container's env value when NAME is defined, `$$` becomes `$`, everything else stays. Mirrors
 * k8s.io/kubernetes third_party/forked/golang/expansion.Expand.
 */

export interface Expanded {
  value: string;
  /**
   * value index → index in the original string of the first (`end` false) or last (`end` true)
   * source character it stands for; null when nothing changed
   */
  map: ((i: number, end: boolean) => number) | null;
  /** a `$(NAME)` referenced a variable whose value is not known */
  unknownRef: boolean;
  /** the expansion would exceed `maxLength`: `value` is not the expansion (expansion stopped there) */
  tooLong?: true;
}

/** A run of output: `n` characters at output offset `o` from source `[s, e)`. */
interface Seg {
  o: number;
  n: number;
  s: number;
  e: number;
}

/**
 * `maxLength` caps the expanded length: the kubelet puts no limit on it, so a few hundred bytes of
 * `$(A)$(A)…` with a long A would otherwise build gigabytes before anything could look at them.
 */
export function kubeExpand(input: string, env: Record<string, string | undefined> | undefined, otherNamesUnknown = false, maxLength = Infinity): Expanded {
  if (!input.includes('$')) return { value: input, map: null, unknownRef: false };
  const parts: string[] = [];
  const segs: Seg[] = [];
  let unknownRef = false;
  let changed = false;
  let outLen = 0;
  let copyFrom = 0;
  const flush = (to: number): void => {
    if (to > copyFrom) {
      parts.push(input.slice(copyFrom, to));
      segs.push({ o: outLen, n: to - copyFrom, s: copyFrom, e: to });
      outLen += to - copyFrom;
    }
  };
  const put = (text: string, s: number, e: number): void => {
    parts.push(text);
    segs.push({ o: outLen, n: text.length, s, e });
    outLen += text.length;
  };
  // next ')' at or after a position; -1 once there is none (keeps the scan linear)
  let nextClose = input.indexOf(')');
  let i = input.indexOf('$');
  while (i >= 0 && i + 1 < input.length) {
    const n = input[i + 1];
    if (n === '$') {
      flush(i);
      put('$', i, i + 2);
      changed = true;
      copyFrom = i + 2;
      i = input.indexOf('$', i + 2);
      continue;
    }
    if (n === '(') {
      if (nextClose >= 0 && nextClose < i + 2) nextClose = input.indexOf(')', i + 2);
      const close = nextClose;
      if (close >= 0) {
        const name = input.slice(i + 2, close);
        if (env && Object.prototype.hasOwnProperty.call(env, name)) {
          const v = env[name];
          if (typeof v === 'string') {
            flush(i);
            if (outLen + v.length > maxLength) return { value: '', map: null, unknownRef, tooLong: true };
            put(v, i, close + 1);
            copyFrom = close + 1;
            changed = true;
          } else unknownRef = true;
        } else if (otherNamesUnknown) unknownRef = true;
        i = input.indexOf('$', close + 1);
        continue;
      }
    }
    i = input.indexOf('$', i + 1);
  }
  if (!changed) return { value: input, map: null, unknownRef };
  flush(input.length);
  if (outLen > maxLength) return { value: '', map: null, unknownRef, tooLong: true };
  const value = parts.join('');
  const map = (j: number, end: boolean): number => {
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.o <= j) lo = mid;
      else hi = mid - 1;
    }
    const g = segs[lo];
    if (!g) return input.length;
    const d = j - g.o;
    if (d >= g.n) return g.e;
    if (g.e - g.s === g.n) return g.s + d;
    return end ? g.e - 1 : g.s;
  };
  return { value, map, unknownRef };
}
