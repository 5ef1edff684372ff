/** Durations (`sleep`/`timeout` operands) and shell arithmetic on literals. */

const DURATION = /^\+?(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d{1,4}))?([smhd]?)$/;
const INF = /^\+?inf(?:inity)?([smhd]?)$/i;
const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Seconds for one GNU/busybox `sleep` or `timeout` operand: `20`, `0.5`, `1m`, `2h`, `1e3`,
 * `infinity`. Null when the operand is invalid (the command then fails at once).
 */
export function parseDuration(arg: string): number | null {
  // strtod skips leading white space, nothing may follow the number and its unit
  const a = arg.replace(/^[ \t\n\v\f\r]+/, '');
  if (a.length > 64) return null;
  if (INF.test(a)) return Infinity;
  const m = DURATION.exec(a);
  if (!m) return null;
  const n = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1) * UNIT[m[3]!]!;
  return Number.isFinite(n) || n === Infinity ? n : null;
}

/** Integer value of a shell arithmetic operand string, or null. */
function intOf(v: string): number | null {
  const t = v.trim();
  if (t === '') return 0;
  if (/^-?\d{1,15}$/.test(t)) return Number(t);
  return null;
}

/**
 * Evaluate a `$(( … ))` expression: integers, variables (via `get`), `+ - * / % **`, unary
 * signs, comparisons, `&& ||`, `!` and parentheses. Null for anything else (assignments,
 * unknown variables, division by zero…).
 */
export function evalArith(expr: string, get: (name: string) => string | null): number | null {
  if (expr.length > 2000) return null;
  let i = 0;
  let depth = 0;
  const s = expr;
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n')) i++;
  };
  const fail = (): never => {
    throw new Error('arith');
  };
  const primary = (): number => {
    ws();
    if (++depth > 64) fail();
    try {
      const c = s[i];
      if (c === '(') {
        i++;
        const v = binary(0);
        ws();
        if (s[i] !== ')') fail();
        i++;
        return v;
      }
      if (c === '-' || c === '+') {
        if (s[i + 1] === c) fail(); // ++ / --
        i++;
        const v = primary();
        return c === '-' ? -v : v;
      }
      if (c === '!') {
        i++;
        return primary() ? 0 : 1;
      }
      if (c !== undefined && c >= '0' && c <= '9') {
        let j = i;
        while (j < s.length && /[0-9a-zA-Z]/.test(s[j]!)) j++;
        const t = s.slice(i, j);
        i = j;
        let v: number;
        if (/^0[xX][0-9a-fA-F]+$/.test(t)) v = parseInt(t.slice(2), 16);
        else if (/^0[0-7]+$/.test(t)) v = parseInt(t, 8);
        else if (/^\d+$/.test(t)) v = Number(t);
        else return fail();
        return v;
      }
      let name = '';
      if (c === '$') {
        i++;
        if (s[i] === '{') {
          const j = s.indexOf('}', i);
          if (j < 0) fail();
          name = s.slice(i + 1, j);
          i = j + 1;
        } else {
          const j0 = i;
          while (i < s.length && /[A-Za-z0-9_]/.test(s[i]!)) i++;
          name = s.slice(j0, i);
        }
      } else if (c !== undefined && /[A-Za-z_]/.test(c)) {
        const j0 = i;
        while (i < s.length && /[A-Za-z0-9_]/.test(s[i]!)) i++;
        name = s.slice(j0, i);
      }
      if (!/^[A-Za-z_][A-Za-z0-9_]*$|^\d+$/.test(name)) fail();
      ws();
      if (s[i] === '=' && s[i + 1] !== '=') fail();
      if ((s[i] === '+' || s[i] === '-') && s[i + 1] === s[i]) fail();
      const raw = get(name);
      if (raw === null) fail();
      const v = intOf(raw!);
      if (v === null) fail();
      return v!;
    } finally {
      depth--;
    }
  };
  const OPS: [string, number][] = [
    ['||', 1],
    ['&&', 2],
    ['==', 3],
    ['!=', 3],
    ['<=', 4],
    ['>=', 4],
    ['**', 7],
    ['<', 4],
    ['>', 4],
    ['+', 5],
    ['-', 5],
    ['*', 6],
    ['/', 6],
    ['%', 6],
  ];
  const binary = (minPrec: number): number => {
    let left = primary();
    for (;;) {
      ws();
      let op: string | null = null;
      let prec = 0;
      for (const [o, p] of OPS) {
        if (s.startsWith(o, i)) {
          op = o;
          prec = p;
          break;
        }
      }
      if (!op || prec < minPrec) return left;
      // compound assignment (`+=`, `*=` …) is not supported
      if (s[i + op.length] === '=' && op !== '==' && op !== '!=' && op !== '<=' && op !== '>=') fail();
      i += op.length;
      const right = binary(op === '**' ? prec : prec + 1);
      switch (op) {
        case '||':
          left = left || right ? 1 : 0;
          break;
        case '&&':
          left = left && right ? 1 : 0;
          break;
        case '==':
          left = left === right ? 1 : 0;
          break;
        case '!=':
          left = left !== right ? 1 : 0;
          break;
        case '<=':
          left = left <= right ? 1 : 0;
          break;
        case '>=':
          left = left >= right ? 1 : 0;
          break;
        case '<':
          left = left < right ? 1 : 0;
          break;
        case '>':
          left = left > right ? 1 : 0;
          break;
        case '+':
          left = left + right;
          break;
        case '-':
          left = left - right;
          break;
        case '*':
          left = left * right;
          break;
        case '/':
          if (right === 0) fail();
          left = Math.trunc(left / right);
          break;
        case '%':
          if (right === 0) fail();
          left = left % right;
          break;
        case '**':
          if (right < 0) fail();
          left = left ** right;
          break;
      }
    }
  };
  try {
    const v = binary(0);
    ws();
    if (i !== s.length || !Number.isSafeInteger(v)) return null;
    return v;
  } catch {
    return null;
  }
}

/** Does an arithmetic expression assign (`=`, `+=`, `++`, `--`)? */
export function arithAssigns(expr: string): boolean {
  return /(^|[^=!<>])=(?!=)|\+\+|--/.test(expr);
}

/** Identifier names in an arithmetic expression. */
export function arithNames(expr: string): string[] {
  return expr.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}
