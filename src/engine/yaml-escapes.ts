/**
 * YAML 1.2's double-quoted escapes (spec 5.7; yaml's resolve-flow-scalar.js has the same table):
 * the one-character ones, and how many hex digits `\x`, `\u` and `\U` take.
 */
export const yamlEscapes: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

export const yamlHexEscapeLength: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };
