import { describe, it, expect } from 'vitest';
import { parseAllDocuments, parseDocument, isScalar, visit, type Scalar } from 'yaml';
import { scalarValueOffsetToSource } from '../src/analysis/scalar-offset.js';

/** Every scalar of the document whose value contains `needle`. */
function scalarsWith(source: string, needle: string): Scalar[] {
  const doc = parseDocument(source);
  expect(doc.errors).toEqual([]);
  const out: Scalar[] = [];
  visit(doc, {
    Scalar(_k, node) {
      if (typeof node.value === 'string' && node.value.includes(needle)) out.push(node);
    },
  });
  return out;
}

/** Map the first `needle` inside the scalar value and check the source has it there. */
function check(source: string, needle = 'sleep 20', expectedType?: Scalar['type']): number {
  const nodes = scalarsWith(source, needle);
  expect(nodes.length).toBeGreaterThan(0);
  const node = nodes[0]!;
  if (expectedType) expect(node.type).toBe(expectedType);
  const value = node.value as string;
  const at = value.indexOf(needle);
  const mapped = scalarValueOffsetToSource(source, node, at);
  expect(source.slice(mapped, mapped + needle.length)).toBe(needle);
  // the end of the token maps right after it
  const end = scalarValueOffsetToSource(source, node, at + needle.length);
  expect(end).toBe(mapped + needle.length);
  return mapped;
}

describe('scalarValueOffsetToSource', () => {
  it('plain scalar in a block sequence', () => {
    check('command:\n  - sh\n  - -c\n  - echo hi; sleep 20; echo done\n', 'sleep 20', 'PLAIN');
  });

  it('plain scalar folded over several lines', () => {
    const src = 'command:\n  - sh\n  - -c\n  - echo hi;\n    echo there;\n\n    sleep 20\n';
    const [node] = scalarsWith(src, 'sleep 20');
    expect(node!.value).toBe('echo hi; echo there;\nsleep 20');
    check(src, 'sleep 20', 'PLAIN');
    check(src, 'echo there', 'PLAIN');
  });

  it('flow sequence with double quotes', () => {
    check('lifecycle:\n  preStop:\n    exec:\n      command: ["sh","-c","echo hi; sleep 20"]\n', 'sleep 20', 'QUOTE_DOUBLE');
  });

  it('flow sequence with plain items', () => {
    check('command: [sh, -c, sleep 20]\n', 'sleep 20', 'PLAIN');
  });

  it('double quotes with escaped quotes before the token', () => {
    const src = 'command:\n- "/bin/sh"\n- "-c"\n- "echo \\"preStop at $(date +%F_%T)\\" >> /data/x.log; sleep 20"\n';
    check(src, 'sleep 20', 'QUOTE_DOUBLE');
  });

  it('double quotes with \\n, \\t, \\\\, \\x and \\u escapes before the token', () => {
    const src = 'c: "a\\tb\\\\c\\x41\\u00e9\\nd; sleep 20"\n';
    const [node] = scalarsWith(src, 'sleep 20');
    expect(node!.value).toBe('a\tb\\cAé\nd; sleep 20');
    check(src, 'sleep 20', 'QUOTE_DOUBLE');
  });

  it('a value character produced by an escape maps to the escape', () => {
    const src = 'c: "x\\ty"\n';
    const [node] = scalarsWith(src, 'y');
    const at = scalarValueOffsetToSource(src, node!, 1);
    expect(src.slice(at, at + 2)).toBe('\\t');
  });

  it('double quotes folded over lines, with an escaped line break', () => {
    const src = 'c: "echo one;\n  echo two; \\\n  sleep 20"\n';
    const [node] = scalarsWith(src, 'sleep 20');
    expect(node!.value).toBe('echo one; echo two; sleep 20');
    check(src, 'sleep 20', 'QUOTE_DOUBLE');
  });

  it("single quotes with '' escapes", () => {
    const src = "c: 'echo ''hi'' there; sleep 20'\n";
    check(src, 'sleep 20', 'QUOTE_SINGLE');
  });

  it('single quotes folded over lines', () => {
    const src = "c: 'echo ''a'';\n\n   sleep 20'\n";
    const [node] = scalarsWith(src, 'sleep 20');
    expect(node!.value).toBe("echo 'a';\nsleep 20");
    check(src, 'sleep 20', 'QUOTE_SINGLE');
  });

  it('CRLF line endings', () => {
    const src = 'spec:\r\n  command:\r\n  - sh\r\n  - -c\r\n  - "echo \\"x\\";\r\n    sleep 20"\r\n  args: |\r\n    echo y\r\n    sleep 20\r\n';
    const nodes = scalarsWith(src, 'sleep 20');
    expect(nodes.length).toBe(2);
    for (const node of nodes) {
      const value = node.value as string;
      const at = scalarValueOffsetToSource(src, node, value.indexOf('sleep 20'));
      expect(src.slice(at, at + 8)).toBe('sleep 20');
    }
  });

  it('block literal in a deeply nested map', () => {
    const src = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          lifecycle:',
      '            preStop:',
      '              exec:',
      '                command:',
      '                  - /bin/sh',
      '                  - -c',
      '                  - |',
      '                    echo "draining"',
      '',
      '                    if true; then',
      '                      sleep 20',
      '                    fi',
      '',
    ].join('\n');
    const mapped = check(src, 'sleep 20', 'BLOCK_LITERAL');
    expect(src.slice(0, mapped).split('\n').length).toBe(18);
  });

  it('block literal with chomping and an indentation indicator', () => {
    const src = 'a:\n  b:\n    - |2-\n         indented first line\n        sleep 20\n';
    const [node] = scalarsWith(src, 'sleep 20');
    // the indicator is relative to the sequence's indentation (4): content starts at column 6
    expect(node!.value).toBe('   indented first line\n  sleep 20');
    check(src, 'sleep 20', 'BLOCK_LITERAL');
    check(src, 'indented', 'BLOCK_LITERAL');
  });

  it('block literal with keep chomping and a comment on the header', () => {
    check('x: |+ # comment\n  echo a\n  sleep 20\n\n', 'sleep 20', 'BLOCK_LITERAL');
  });

  it('block folded: the start of the scalar', () => {
    const src = 'x: >\n  echo a\n  sleep 20\n';
    const [node] = scalarsWith(src, 'sleep 20');
    expect(node!.type).toBe('BLOCK_FOLDED');
    expect(scalarValueOffsetToSource(src, node!, 7)).toBe(node!.range![0]);
  });

  it('offset 0 and offsets past the end', () => {
    const src = 'c: "sleep 20"\n';
    const [node] = scalarsWith(src, 'sleep 20');
    expect(scalarValueOffsetToSource(src, node!, 0)).toBe(4);
    expect(scalarValueOffsetToSource(src, node!, 8)).toBe(12);
    expect(scalarValueOffsetToSource(src, node!, 100)).toBe(12);
  });

  it('non-string plain scalars map one to one', () => {
    const src = 'command: [sleep, 30]\n';
    const doc = parseDocument(src);
    const n = doc.getIn(['command', 1], true) as Scalar;
    expect(isScalar(n)).toBe(true);
    expect(n.value).toBe(30);
    expect(scalarValueOffsetToSource(src, n, 0)).toBe(src.indexOf('30'));
    expect(scalarValueOffsetToSource(src, n, 2)).toBe(src.indexOf('30') + 2);
  });

  it('documents after the first keep absolute offsets', () => {
    const src = 'a: 1\n---\nspec:\n  command: ["sh", "-c", "sleep 5; sleep 20"]\n';
    const docs = parseAllDocuments(src);
    const node = (docs[1] as ReturnType<typeof parseDocument>).getIn(['spec', 'command', 2], true) as Scalar;
    const at = scalarValueOffsetToSource(src, node, 9);
    expect(src.slice(at, at + 8)).toBe('sleep 20');
    // asking again (cached) gives the same answer
    expect(scalarValueOffsetToSource(src, node, 9)).toBe(at);
  });

  it('a value that does not match its source falls back to the start of the scalar', () => {
    const src = 'c: "echo; sleep 20"\n';
    const [node] = scalarsWith(src, 'sleep 20');
    node!.value = 'something else entirely';
    expect(scalarValueOffsetToSource(src, node!, 3)).toBe(node!.range![0]);
  });
});
