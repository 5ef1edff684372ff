/**
 * YAML as Kubernetes reads it: plain scalars resolved as go-yaml v2 (through sigs.k8s.io/yaml)
 * resolves them, and merge keys. The expected values are those of go-yaml v2's resolve.go.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar } from 'yaml';
import { goYamlPlain } from '../src/k8s/kubernetes-scalars.js';
import { parseYaml } from '../src/engine/parse.js';
import { lintBytes, lintText } from '../src/index.js';

describe('plain scalars as go-yaml v2 resolves them', () => {
  it.each([
    ['010', 8], ['0o17', 15], ['0b101', 5], ['-0b101', -5], ['1_000', 1000], ['0x1F', 31], ['+12', 12], ['08', 8], ['0', 0],
    ['1.5', 1.5], ['.5', 0.5], ['1e+3', 1000], ['-.inf', -Infinity],
    ['yes', true], ['Y', true], ['on', true], ['ON', true], ['no', false], ['n', false], ['off', false], ['False', false],
    ['~', null], ['Null', null],
  ] as const)('%s is %s', (source, value) => {
    expect(goYamlPlain(source).value).toBe(value);
  });

  it.each(['1e300', '1e3', '1.', '0x', 'yEs', 'oN', '0b2', '12abc', '- 1', '2001-12-14'])('%s stays a string', (source) => {
    expect(goYamlPlain(source).value).toBe(source);
  });

  it('keeps the exact value of integers a double cannot hold, up to uint64', () => {
    expect(goYamlPlain('9223372036854775807').exact).toBe(9223372036854775807n);
    expect(goYamlPlain('18446744073709551615').exact).toBe(18446744073709551615n);
    expect(goYamlPlain('-9223372036854775809')).toEqual({ value: -9223372036854775809 }); // a float, as in Go
    expect(goYamlPlain('18446744073709551616')).toEqual({ value: 18446744073709551616 });
  });

  it('resolves values only: keys, quoted, block and tagged scalars keep their YAML 1.2 reading', () => {
    const [d] = parseYaml('on: 010\na: "010"\nb: !!str 010\nc: |\n  010\nd: 010\n').documents;
    const values = (d!.doc.contents as { items: { key: unknown; value: unknown }[] }).items.map((p) => [isScalar(p.key) ? p.key.value : null, isScalar(p.value) ? p.value.value : null]);
    expect(values).toEqual([['on', 8], ['a', '010'], ['b', '010'], ['c', '010\n'], ['d', 8]]);
  });
});

describe('merge keys', () => {
  const merged = (text: string) => {
    const [d] = parseYaml(text).documents;
    return (d!.doc.toJS() as Record<string, unknown>);
  };

  it('own keys win over merged ones, and an earlier source over a later one', () => {
    expect(merged('a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 0\n').c).toEqual({ x: 0, y: 1, z: 2 });
    expect(merged('a: &a {x: 1}\nc: {<<: *a, "<<": kept}\n').c).toEqual({ x: 1, '<<': 'kept' });
  });

  it('merges through chains of merged maps, and leaves a `<<` that names no map alone', () => {
    expect(merged('a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\n').c).toEqual({ x: 1, y: 2, z: 3 });
    expect(merged('c: {<<: 5, z: 3}\n').c).toEqual({ z: 3 });
  });

  it('a container built from `- <<: *base` gets its own findings, at the lines where the values are written', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  terminationGracePeriodSeconds: 5\n  containers:\n  - &base\n    name: a\n    image: a\n  - <<: *base\n    name: b\n    lifecycle: {preStop: {exec: {command: [sleep, "30"]}}}\n';
    expect(lintText(text)[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([['prestop-exceeds-grace-period', 12]]);
    expect(isMap(parseYaml(text).documents[0]!.doc.getIn(['spec', 'containers', 1], true))).toBe(true);
  });
});

describe('UTF-16 with a byte order mark (kubectl accepts it)', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a\n    lifecycle: {postStart: {tcpSocket: {port: 80}}}\n';
  const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(pod, 'utf16le')]);
  const be = le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]!);

  it.each([['little-endian', le], ['big-endian', be]] as const)('%s: linted, findings at their lines and columns', (_, bytes) => {
    expect(lintBytes(bytes)[0]!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['hook-tcpsocket', 8, 29]]);
  });

  it('a BOM followed by bytes that are not UTF-16 is an encoding finding, not "binary"', () => {
    const broken = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x3a, 0x00]); // a lone high surrogate
    expect(lintBytes(broken)[0]!.messages.map((m) => m.messageId)).toEqual(['encoding']);
  });
});
