/**
 * Map an index into a YAML scalar's parsed value back to the source text, so a finding about the
 * `sleep 20` inside `command: ["sh", "-c", "echo \"hi\"; sleep 20"]` points at those characters.
 *
 * The scalar's source is re-read in lockstep with the value: quotes, `''` and backslash escapes,
 * line folding of multi-line plain and quoted scalars, and the indentation of `|` block scalars.
 * The reconstruction is checked against the parsed value; on any disagreement (or for `>` folded
 * block scalars) the start of the scalar is returned.
 */
import type { Scalar } from 'yaml';
import { yamlEscapes, yamlHexEscapeLength } from '../engine/yaml-escapes.js';

interface ValueMap {
  value: string;
  /** source offset of the token each value character comes from */
  pos: number[];
  /** source offset just after the last token */
  end: number;
}

const cache = new WeakMap<Scalar, { source: string; map: ValueMap | null }>();

/** Map `valueOffset` (index into the scalar's parsed string value) to an absolute offset in `source`. */
export function scalarValueOffsetToSource(source: string, node: Scalar, valueOffset: number): number {
  const range = node.range;
  if (!range) return 0;
  const start = range[0];
  let entry = cache.get(node);
  if (!entry || entry.source !== source) {
    let map: ValueMap | null = null;
    try {
      map = buildMap(source, node);
    } catch {
      map = null;
    }
    entry = { source, map };
    cache.set(node, entry);
  }
  const m = entry.map;
  if (!m) return start;
  if (!(valueOffset >= 0)) return m.pos.length ? m.pos[0]! : start;
  const k = Math.floor(valueOffset);
  if (k < m.pos.length) return m.pos[k]!;
  return m.end;
}

function buildMap(source: string, node: Scalar): ValueMap | null {
  const [start, valueEnd] = node.range!;
  const type = node.type ?? 'PLAIN';
  let m: ValueMap | null;
  switch (type) {
    case 'PLAIN':
      m = foldFlow(source, start, valueEnd, 'plain');
      break;
    case 'QUOTE_SINGLE':
      if (source[start] !== "'" || source[valueEnd - 1] !== "'") return null;
      m = foldFlow(source, start + 1, valueEnd - 1, 'single');
      if (m) m.end = Math.min(m.end, valueEnd - 1);
      break;
    case 'QUOTE_DOUBLE':
      if (source[start] !== '"' || source[valueEnd - 1] !== '"') return null;
      m = foldFlow(source, start + 1, valueEnd - 1, 'double');
      if (m) m.end = Math.min(m.end, valueEnd - 1);
      break;
    case 'BLOCK_LITERAL':
      m = blockLiteral(source, start, valueEnd, node);
      break;
    default:
      return null;
  }
  if (!m) return null;
  const v = node.value;
  if (typeof v === 'string') {
    if (type === 'BLOCK_LITERAL') {
      if (m.value.replace(/\n+$/, '') !== v.replace(/\n+$/, '')) return null;
    } else if (m.value !== v) return null;
  } else if (type !== 'PLAIN') return null;
  return m;
}


/** Plain and quoted (flow) scalars: escapes and line folding. */
function foldFlow(src: string, from: number, to: number, mode: 'plain' | 'single' | 'double'): ValueMap | null {
  let value = '';
  const pos: number[] = [];
  let pending: number[] = [];
  let end = from;
  const emit = (text: string, at: number, after: number): void => {
    value += text;
    for (let k = 0; k < text.length; k++) pos.push(at);
    end = after;
  };
  const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';
  const skipBreak = (i: number): number => (src[i] === '\r' && src[i + 1] === '\n' ? i + 2 : i + 1);
  let i = from;
  while (i < to) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      pending.push(i);
      i++;
      continue;
    }
    if (isBreak(c)) {
      // trailing white space is dropped, a single break becomes a space, each empty line a newline
      pending = [];
      const first = i;
      let breaks = 0;
      for (;;) {
        i = skipBreak(i);
        breaks++;
        while (i < to && (src[i] === ' ' || src[i] === '\t')) i++;
        if (i < to && isBreak(src[i])) continue;
        break;
      }
      if (i >= to && mode === 'plain') break;
      if (breaks === 1) emit(' ', first, first + 1);
      else for (let b = 1; b < breaks; b++) emit('\n', first, first + 1);
      continue;
    }
    for (const p of pending) emit(src[p]!, p, p + 1);
    pending = [];
    if (mode === 'single' && c === "'") {
      if (src[i + 1] !== "'") return null;
      emit("'", i, i + 2);
      i += 2;
      continue;
    }
    if (mode === 'double' && c === '\\') {
      const n = src[i + 1];
      if (n === undefined) return null;
      if (isBreak(n)) {
        // escaped line break: no space, leading white space of the next line is dropped
        i = skipBreak(i + 1);
        while (i < to && (src[i] === ' ' || src[i] === '\t')) i++;
        continue;
      }
      const hex = yamlHexEscapeLength[n];
      if (hex) {
        const digits = src.slice(i + 2, i + 2 + hex);
        if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) return null;
        emit(String.fromCodePoint(parseInt(digits, 16)), i, i + 2 + hex);
        i += 2 + hex;
        continue;
      }
      const e = yamlEscapes[n];
      if (e === undefined) return null;
      emit(e, i, i + 2);
      i += 2;
      continue;
    }
    emit(c, i, i + 1);
    i++;
  }
  if (mode !== 'plain') for (const p of pending) emit(src[p]!, p, p + 1);
  return { value, pos, end };
}

/** `|` block scalars: content lines minus the block's indentation. */
function blockLiteral(src: string, start: number, valueEnd: number, node: Scalar): ValueMap | null {
  if (src[start] !== '|') return null;
  const v = node.value;
  if (typeof v !== 'string') return null;
  const nl = src.indexOf('\n', start);
  if (nl < 0 || nl >= valueEnd) return { value: '', pos: [], end: start };
  // lines of the block
  const lines: [number, number][] = [];
  let ls = nl + 1;
  while (ls < valueEnd) {
    let le = src.indexOf('\n', ls);
    if (le < 0 || le > valueEnd) le = valueEnd;
    const contentEnd = le > ls && src[le - 1] === '\r' ? le - 1 : le;
    lines.push([ls, contentEnd]);
    ls = le + 1;
  }
  // indentation: leading spaces of the first non-blank source line, minus those that belong to
  // the value (an explicit indentation indicator can leave some in it)
  let indent = -1;
  for (const [a, b] of lines) {
    let j = a;
    while (j < b && src[j] === ' ') j++;
    if (j < b) {
      indent = j - a;
      break;
    }
  }
  if (indent < 0) return { value: '', pos: [], end: start };
  const firstLine = /^\n*( *)/.exec(v);
  indent -= firstLine ? firstLine[1]!.length : 0;
  if (indent < 0) return null;
  let value = '';
  const pos: number[] = [];
  let end = start;
  for (const [a, b] of lines) {
    if (b - a > indent) {
      value += src.slice(a + indent, b);
      for (let j = a + indent; j < b; j++) pos.push(j);
    }
    value += '\n';
    pos.push(b);
    end = b;
  }
  // the position after the last content character, not after its line break
  return { value, pos, end: pos.length > 1 ? pos[pos.length - 1]! : end };
}
