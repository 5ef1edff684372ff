/**
 * A new key added to a mapping that a Helm template writes: where it goes in the template, and
 * the lines to insert. Only a mapping the template writes as plain YAML qualifies: every key of
 * the rendered mapping is a literal key line of one block of the template, and no template action
 * stands at the mapping's own level (an `if`, `with` or `range` around some of its keys, a
 * templated key, a `toYaml`/`include` indented to its keys), since an action there could write the
 * same key, or hide the new one. Actions deeper down (a value, a nested block) are fine: the new
 * key goes after them, at the mapping's indentation.
 */
import type { YAMLMap } from 'yaml';
import type { SourceEdit } from './carry-edits.js';
import { fits } from './helm-source-map.js';
import type { TemplateLine, TemplateMap } from './helm-template-lines.js';
import type { PathStep } from './yaml-path.js';

export interface TemplateText {
  text: string;
  lines: readonly TemplateLine[];
}

/** The edit of template `tpl` that adds `entry` to the mapping written at `path` (rendered as `map`), or why not. */
export function insertIntoTemplate(tpl: { filePath: string; text: string; map: TemplateMap } | undefined, path: readonly PathStep[], map: YAMLMap, entry: string): SourceEdit | string {
  if (!tpl) return 'no template file wrote this document';
  const keys = map.items.map((p) => String((p.key as { value?: unknown } | null)?.value));
  const at = templateInsertion({ text: tpl.text, lines: tpl.map.lines }, path, keys, entry);
  return typeof at === 'string' ? at : { filePath: tpl.filePath, fileText: tpl.text, range: [at.at, at.at], text: at.text };
}

/**
 * Insert `entry` (YAML lines indented from column 0, no final line break) into the template
 * mapping written at `path` whose rendered keys are `keys`: the offset and text, or why not.
 */
export function templateInsertion(tpl: TemplateText, path: readonly PathStep[], keys: readonly string[], entry: string): { at: number; text: string } | string {
  const children = tpl.lines.filter((l) => l.key && l.keyPath.length === path.length + 1 && fits(l.keyPath.slice(0, -1), path));
  const rawLines = tpl.text.split('\n');
  const starts: number[] = [];
  for (let i = 0, o = 0; i < rawLines.length; o += rawLines[i]!.length + 1, i++) starts.push(o);
  const indentOf = (n: number) => rawLines[n]!.length - rawLines[n]!.trimStart().length;
  const blank = (n: number) => /^\s*(#.*)?$/.test(rawLines[n]!.replace(/\r$/, ''));
  const column = (l: TemplateLine) => l.key!.start - starts[l.line]!;

  // The blocks of the template that can be this mapping: runs of key lines at one column.
  const blocks: TemplateLine[][] = [];
  for (const l of children) {
    const block = blocks.at(-1);
    const prev = block?.at(-1);
    const onItemLine = rawLines[l.line]!.slice(0, column(l)).includes('-');
    const broken = !prev || onItemLine || column(prev) !== column(l) || rawLines.slice(prev.line + 1, l.line).some((_, i) => !blank(prev.line + 1 + i) && indentOf(prev.line + 1 + i) < column(l));
    if (broken) blocks.push([l]);
    else block!.push(l);
  }
  const want = new Set(keys);
  const matching = blocks.filter((b) => b.length === want.size && b.every((l) => want.has(l.keyPath.at(-1)!)));
  if (matching.length === 0) return 'the template does not write every key of this mapping as a literal key line (some come from values, helpers or actions)';
  if (matching.length > 1) return 'several mappings of the template could be this one';
  const block = matching[0]!;
  const col = column(block[0]!);

  // The mapping's lines: its key lines and everything after them that writes deeper lines.
  const actionOnly = (n: number) => /^\s*(\{\{[\s\S]*?\}\}\s*)+$/.test(rawLines[n]!);
  // An action-only line's output starts where its `indent`/`nindent` says, not at its own column.
  const writesDeeper = (n: number) => {
    const indent = /\bn?indent\s+(\d+)/.exec(rawLines[n]!);
    return indent ? Number(indent[1]) > col : indentOf(n) > col;
  };
  let last = block.at(-1)!.line;
  for (let n = last + 1; n < rawLines.length; n++) {
    if (blank(n)) continue;
    if (actionOnly(n) && !writesDeeper(n)) {
      // `{{- end }}` at the mapping's level or less: deeper content after it would mean an action inside the mapping.
      let next = n + 1;
      while (next < rawLines.length && (blank(next) || actionOnly(next))) next++;
      if (next < rawLines.length && indentOf(next) > col) return 'a template action stands inside this mapping at no clear level';
      break;
    }
    if (!actionOnly(n) && indentOf(n) <= col) break;
    last = n;
  }
  const own = new Set(block.map((l) => l.line));
  for (let n = block[0]!.line; n <= last; n++) {
    if (blank(n) || own.has(n)) continue;
    if (actionOnly(n) ? !writesDeeper(n) : indentOf(n) <= col) return 'a template action stands at the level of this mapping\'s keys';
    for (const m of rawLines[n]!.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)) {
      if (!/\bn?indent\s+\d+/.test(m[1]!) && /\b(include|template|tpl|toYaml|toJson)\b/.test(m[1]!) && actionOnly(n)) return 'a template action of unknown indentation writes lines inside this mapping';
    }
  }
  // `-}}` would trim the new line's indentation away.
  if (/-\}\}\s*$/.test(rawLines[last]!)) return 'the mapping\'s last line trims the whitespace after it (`-}}`)';
  const eol = rawLines[last]!.endsWith('\r') ? '\r\n' : '\n';
  const lines = entry.split('\n').map((l) => ' '.repeat(col) + l);
  const end = starts[last]! + rawLines[last]!.length;
  // The last line of the file may have no line break.
  if (last === rawLines.length - 1) return { at: end, text: eol + lines.join(eol) };
  return { at: end + 1, text: lines.join(eol) + eol };
}
