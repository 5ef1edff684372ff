/**
 * Plain scalars as Kubernetes reads them. The API server and kubectl decode YAML with
 * sigs.k8s.io/yaml, which resolves plain scalars with go-yaml v2 (resolve.go) before converting to
 * JSON: YAML 1.1 booleans (`yes`, `on`, `n`, ...), integers in Go's base-0 syntax after removing
 * every `_` (`010` is 8, `0o17` 15, `0b101` 5, `1_000` 1000), integers beyond int64 as uint64,
 * floats only in the form `[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?` (so `1e300` is a string). The
 * `yaml` library reads YAML 1.2 core, which differs on all of these: after parsing, each plain
 * value scalar is given the value go-yaml would give it. Keys are left alone (views look them up
 * by name), and so are quoted, block and tagged scalars (go-yaml never resolves those).
 *
 * Integers too large for a double keep their exact value here (exactInteger), so a range check
 * (int32/int64, as the API server applies) is not fooled by rounding at 2^63.
 */
import { isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';

const yaml11Values = new Map<string, boolean | null | number>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
]);

/** go-yaml's yamlStyleFloat: note the exponent needs a sign. */
const goYamlFloat = /^[-+]?[0-9]*\.?[0-9]+(?:[eE][-+][0-9]+)?$/;
/** Go's ParseInt/ParseUint with base 0 (underscores already removed). */
const goInteger = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|([1-9][0-9]*|0))$/;

const int64Min = -(2n ** 63n);
const uint64Max = 2n ** 64n - 1n;

export type GoYamlValue = { value: string | boolean | number | null; exact?: bigint };

/** What go-yaml v2 resolves an untagged plain scalar to. */
export function goYamlPlain(source: string): GoYamlValue {
  const known = yaml11Values.get(source);
  if (known !== undefined) return { value: known };
  const first = source[0] ?? '';
  if (first === '.') {
    const f = goFloat(source);
    return { value: f ?? source };
  }
  if (!/[-+0-9]/.test(first)) return { value: source };
  const plain = source.replace(/_/g, '');
  const int = goParseInteger(plain);
  if (int !== undefined) return { value: Number(int), exact: int };
  if (goYamlFloat.test(plain)) {
    const f = Number(plain);
    if (!Number.isNaN(f)) return { value: f };
  }
  return { value: source };
}

/** ParseInt(s, 0, 64), else ParseUint(s, 0, 64); undefined when neither accepts it. */
function goParseInteger(s: string): bigint | undefined {
  const m = goInteger.exec(s);
  if (!m) return undefined;
  const [, sign, hex, oct, bin, legacyOct, dec] = m;
  const magnitude = hex !== undefined ? BigInt(`0x${hex}`) : oct !== undefined ? BigInt(`0o${oct}`) : bin !== undefined ? BigInt(`0b${bin}`) : legacyOct !== undefined ? BigInt(`0o${legacyOct}`) : BigInt(dec!);
  const v = sign === '-' ? -magnitude : magnitude;
  if (v >= int64Min && v < 2n ** 63n) return v;
  if (sign === '' && v <= uint64Max) return v; // ParseUint takes no sign
  return undefined;
}

/** ParseFloat for the `.5` / `.5e3` forms go-yaml hands it directly. */
function goFloat(s: string): number | undefined {
  if (!/^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s)) return undefined;
  return Number(s);
}

const exactIntegers = new WeakMap<Scalar, bigint>();

/** The exact integer a scalar holds, when it is one (beyond 2^53 a double rounds it). */
export function exactInteger(node: Scalar): bigint | undefined {
  const exact = exactIntegers.get(node);
  if (exact !== undefined) return exact;
  return typeof node.value === 'number' && Number.isSafeInteger(node.value) ? BigInt(node.value) : typeof node.value === 'bigint' ? node.value : undefined;
}

/** go-yaml's resolveTable: only plain scalars starting with one of these can be anything but a string. */
const maybeNotString = /^[-+.0-9yYnNtTfFoO~]/;

/**
 * Give every untagged plain value scalar of `doc` the value Kubernetes' decoder gives it. A walk
 * of its own (iterative: nesting depth is bounded only by the parser); yaml's visit() cost twice
 * as much, and this runs on every linted document.
 */
export function readScalarsAsKubernetes(doc: Document): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node)) {
      resolvePlain(node);
    } else if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
}

function resolvePlain(node: Scalar): void {
  const source = node.source;
  if (node.type !== 'PLAIN' || node.tag !== undefined || typeof source !== 'string') return;
  if (source !== '' && !maybeNotString.test(source)) return;
  const go = goYamlPlain(source);
  if (!Object.is(go.value, node.value)) node.value = go.value;
  if (go.exact !== undefined && !Number.isSafeInteger(go.value)) exactIntegers.set(node, go.exact);
}
