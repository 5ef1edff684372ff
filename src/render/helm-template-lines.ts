/**
 * A Helm template file read line by line for what the source map needs: the YAML key path each
 * line writes (lists as `[]`, since one template line writes every item of a `range`), the values
 * path its `{{ }}` expression reads (`.Values.x`, `$.Values.x`, `.x` inside `with`/`range`), and
 * the `toYaml`/`nindent` points where a whole values subtree is pasted in.
 *
 * Templates are not YAML, so this reads them the way people write them (one key per line, block
 * style, directives on their own lines). Anything it cannot read is left out: the source map then
 * falls back to a less precise location and says so, it never guesses a wrong line.
 */

/** A values path step: a key, a list index, or the element of an enclosing `range` (resolved from the rendered path). */
export type ValuesStep = string | number | { range: RangeScope };

export interface RangeScope {
  /** The values path ranged over. */
  over: ValuesStep[];
  /** Index in the key path of the `[]` one iteration writes (undefined until seen; a range over map entries has none). */
  elemDepth?: number;
}

export interface TemplateLine {
  /** 0-based line number. */
  line: number;
  /** The key path written by this line, lists as `[]`. */
  keyPath: string[];
  /** Span of the key (for findings on a key). */
  key?: { start: number; end: number };
  /** Span of the written value: a literal, or the `{{ }}` action. */
  value?: { start: number; end: number; literal?: string };
  /** The values path the value's action reads, when it reads one. */
  reads?: ValuesStep[];
}

/** `toYaml X | nindent N`: the values subtree X is written under `under`. */
export interface IncludePoint {
  line: number;
  under: string[];
  reads: ValuesStep[];
  span: { start: number; end: number };
}

export interface TemplateMap {
  lines: TemplateLine[];
  includes: IncludePoint[];
}

type Scope = { kind: 'with'; dot: ValuesStep[] | undefined } | { kind: 'range'; scope: RangeScope | undefined; vars: string[] } | { kind: 'other' };

const actionRe = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const keyRe = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{\[\]][^:#]*?):(?=\s|$)/;

export function readTemplate(text: string): TemplateMap {
  const lines: TemplateLine[] = [];
  const includes: IncludePoint[] = [];
  const scopes: Scope[] = [];
  let stack: { indent: number; step: string }[] = [];
  let pendingRange: RangeScope | undefined;
  let offset = 0;
  const rawLines = text.split('\n');
  for (let n = 0; n < rawLines.length; n++) {
    const raw = rawLines[n]!;
    const lineStart = offset;
    offset += raw.length + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/^---/.test(trimmed)) {
      stack = [];
      continue;
    }
    if (/^(\{\{[\s\S]*?\}\}\s*)+$/.test(trimmed)) {
      // Directive-only line: with / range / if / end, or a toYaml include.
      for (const m of trimmed.matchAll(actionRe)) {
        const action = m[1]!;
        const word = /^(\w+)/.exec(action)?.[1];
        if (word === 'with') scopes.push({ kind: 'with', dot: resolveExpr(action.slice(4), scopes) });
        else if (word === 'range') {
          const r = /^range\s+(?:(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*)?(.*)$/s.exec(action);
          const over = r ? resolveExpr(r[3]!, scopes) : undefined;
          const scope = over ? { over } : undefined;
          pendingRange = scope;
          scopes.push({ kind: 'range', scope, vars: r ? [r[2] ?? r[1]].filter((v): v is string => !!v) : [] });
        } else if (word === 'if' || word === 'define' || word === 'block') scopes.push({ kind: 'other' });
        else if (word === 'end') scopes.pop();
        else if (/\b(toYaml|toJson)\b/.test(action)) {
          const reads = resolveExpr(action.replace(/^.*?\b(toYaml|toJson)\b/s, ''), scopes);
          const indent = /\bn?indent\s+(\d+)/.exec(action);
          if (!reads || !indent) continue;
          const col = Number(indent[1]);
          const under = stack.filter((s) => s.indent < col).map((s) => s.step);
          const start = lineStart + raw.indexOf(m[0]);
          includes.push({ line: n, under, reads, span: { start, end: start + m[0].length } });
        }
      }
      continue;
    }
    // Content line: leading `- ` items, then maybe `key:`, then maybe a value.
    let col = raw.length - raw.trimStart().length;
    while (stack.length && stack[stack.length - 1]!.indent >= col) stack.pop();
    let rest = raw.slice(col);
    let firstItemDepth: number | undefined;
    while (/^-(\s|$)/.test(rest)) {
      firstItemDepth ??= stack.length;
      stack.push({ indent: col, step: '[]' });
      const skip = rest.length - rest.slice(1).trimStart().length;
      col += skip;
      rest = rest.slice(skip);
    }
    if (pendingRange && firstItemDepth !== undefined) pendingRange.elemDepth = firstItemDepth;
    pendingRange = undefined;
    const entry: TemplateLine = { line: n, keyPath: stack.map((s) => s.step) };
    const key = keyRe.exec(rest);
    let valueCol = col;
    if (key && !key[1]!.includes('{{')) {
      const name = key[1]!.replace(/^["']|["']$/g, '');
      entry.keyPath = [...entry.keyPath, name];
      entry.key = { start: lineStart + col, end: lineStart + col + key[1]!.length };
      stack.push({ indent: col, step: name });
      const after = rest.slice(key[0].length);
      valueCol = col + key[0].length + (after.length - after.trimStart().length);
      rest = after.trimStart();
    } else if (key) {
      continue; // a templated key ({{ $k }}: ...): nothing certain to say about this line
    }
    const value = rest.replace(/\s+#.*$/, '').trimEnd();
    if (value !== '' && !/^[|>]/.test(value)) {
      const start = lineStart + valueCol;
      entry.value = { start, end: start + value.length };
      const action = /^\{\{-?\s*([\s\S]*?)\s*-?\}\}$/.exec(value);
      if (action) {
        if (/\b(toYaml|toJson)\b/.test(action[1]!)) {
          const reads = resolveExpr(action[1]!.replace(/^.*?\b(toYaml|toJson)\b/s, ''), scopes);
          if (reads) includes.push({ line: n, under: entry.keyPath, reads, span: { start, end: start + value.length } });
        } else {
          const reads = resolveExpr(action[1]!, scopes);
          if (reads) entry.reads = reads;
        }
      } else if (!value.includes('{{')) entry.value.literal = value;
    }
    lines.push(entry);
  }
  return { lines, includes };
}

/**
 * The values path an action reads: the first operand that is `.Values.x`, `$.Values.x`, `.x`
 * (relative to `with`/`range`), `.` or a range variable. Pipelines and functions around it
 * (`quote`, `default 30`, `| int`) do not change which value is read; the source map checks the
 * rendered value against the values file before it trusts the path.
 */
function resolveExpr(expr: string, scopes: readonly Scope[]): ValuesStep[] | undefined {
  const operand = /(?:[\s(|]|^)(\$\w*)?(\.[A-Za-z_][\w.]*|\.(?=[\s)|]|$))?/g;
  for (const m of expr.trim().matchAll(operand)) {
    const variable = m[1];
    const dotted = m[2];
    if (!variable && !dotted) continue;
    const steps = dotted ? dotted.split('.').filter(Boolean) : [];
    if (variable === '$' || (!variable && steps[0] === 'Values')) {
      if (steps[0] !== 'Values') return undefined; // .Release, .Chart, .Capabilities: not values
      return steps.slice(1);
    }
    if (variable) {
      const range = [...scopes].reverse().find((s): s is Extract<Scope, { kind: 'range' }> => s.kind === 'range' && s.vars.includes(variable));
      if (!range?.scope) return undefined;
      return [{ range: range.scope }, ...steps];
    }
    if (['Release', 'Chart', 'Capabilities', 'Template', 'Files'].includes(steps[0] ?? '')) return undefined;
    const dot = currentDot(scopes);
    return dot ? [...dot, ...steps] : undefined;
  }
  return undefined;
}

/** What `.` is: the values root, a `with` subtree, or the element of the innermost `range`. */
function currentDot(scopes: readonly Scope[]): ValuesStep[] | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i]!;
    if (s.kind === 'with') return s.dot;
    if (s.kind === 'range') return s.scope ? [{ range: s.scope }] : undefined;
  }
  return undefined; // `.` at the top is the whole context, not the values
}
