/**
 * The one text module: every text output escapes the bidirectional controls ("trojan source")
 * that manifest text can carry, paths are shown the same way by lint and explain, and "did you
 * mean", loopback hosts and placeholders have one implementation each.
 */
import { describe, expect, it } from 'vitest';
import { explainSources } from '../src/explain/collect.js';
import { renderText } from '../src/explain/text.js';
import { loadFormatter } from '../src/formatters/index.js';
import { lintText } from '../src/index.js';
import { didYouMean, displayPath, escapeControls, indexWithin, interpolate, isLoopbackHost, pieceEnd, someLineStartsWith } from '../src/text.js';
import { ruleDocsMeta } from '../src/rule-docs.js';
import type { RuleDocsMeta } from '../src/types.js';

const BIDI = ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const escaped = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A Pod whose container name (quoted in the finding's message and shown in the code frame) and file name hold every bidi control. */
const name = `web${BIDI.join('')}x`;
const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: "${name}"
      image: nginx:1.27
      lifecycle:
        postStart:
          exec: { command: ["sh", "-c", "sleep 30"] }
`;
const filePath = `/proj/a${BIDI.join('')}.yaml`;

describe('indexWithin', () => {
  it('finds a needle only inside [from, to): one past `to` is not there', () => {
    const text = 'a # b\nc # d';
    expect(indexWithin(text, '#', 0, text.length)).toBe(2);
    expect(indexWithin(text, '#', 3, text.length)).toBe(text.lastIndexOf('#'));
    expect(indexWithin(text, '#', 3, text.lastIndexOf('#'))).toBe(-1);
    expect(indexWithin(text, '# d', 3, text.length - 1)).toBe(-1); // starts inside, ends past `to`
    expect(indexWithin(text, '# d', 3, text.length)).toBe(text.length - 3);
    expect(indexWithin(text, 'a', 5, 2)).toBe(-1);
  });
});

describe('pieceEnd', () => {
  it('ends a piece at its length, or one before when that would split a surrogate pair', () => {
    expect(pieceEnd('abcdef', 1, 3)).toBe(4);
    expect(pieceEnd('abc', 1, 10)).toBe(3);
    expect(pieceEnd('a😀b', 0, 2)).toBe(1); // the pair starts at 1
    expect(pieceEnd('a😀b', 0, 3)).toBe(3);
    expect(pieceEnd('😀😀', 0, 1)).toBe(1); // a piece of one code unit cannot step back
  });
});

describe('someLineStartsWith', () => {
  it("says what JavaScript's multiline ^ says, for every kind of line break", () => {
    const texts = ['', '%', '...', 'a%', 'a\n%', 'a\r%', 'a\u2028...', 'a\u2029%', 'x...\n..', '# ...\n  %\n', 'a\r\n...', '%%', 'a:\n...x', '\n'];
    for (const t of texts) {
      for (const [prefix, re] of [['%', /^%/m], ['...', /^\.\.\./m]] as const) expect(someLineStartsWith(t, prefix), JSON.stringify([t, prefix])).toBe(re.test(t));
    }
  });
});

describe('escapeControls', () => {
  it('writes every bidirectional control as a visible escape', () => {
    for (const ch of BIDI) expect(escapeControls(`a${ch}b`)).toBe(`a${escaped(ch)}b`);
    expect(escapeControls('plain ünïcödé ✓ עברית')).toBe('plain ünïcödé ✓ עברית');
  });
});

describe('no text output prints a bidi control raw', () => {
  const results = lintText(manifest, { filePath, config: { extends: 'strict' } });
  const rulesMeta: Record<string, RuleDocsMeta> = ruleDocsMeta();

  it('the run has a finding quoting the name', () => {
    expect(results[0]!.messages.some((m) => m.message.includes(name))).toBe(true);
  });

  it.each(['friendly', 'compact', 'github'])('%s', async (format) => {
    const f = await loadFormatter(format, '/proj');
    for (const color of [false, true]) {
      const out = await f(results, { cwd: '/proj', color, rulesMeta, toolVersion: '0.0.0' });
      for (const ch of BIDI) expect(out.includes(ch), `${format} (color ${color}) prints ${escaped(ch)} raw`).toBe(false);
      expect(out).toContain(escaped('\u202e'));
    }
  });

  it('explain text', () => {
    const report = explainSources([{ filePath, text: manifest }], { cwd: '/proj' });
    const out = renderText(report, { width: 100, color: false });
    for (const ch of BIDI) expect(out.includes(ch), `explain prints ${escaped(ch)} raw`).toBe(false);
    expect(out).toContain(escaped('\u202e'));
  });
});

describe('one implementation each', () => {
  it('display paths: relative to the working directory, also outside it, for lint and explain alike', () => {
    expect(displayPath('/proj/a/x.yaml', '/proj')).toBe('a/x.yaml');
    expect(displayPath('/other/x.yaml', '/proj')).toBe('../other/x.yaml');
    expect(displayPath('<stdin>', '/proj')).toBe('<stdin>');
    const report = explainSources([{ filePath: '/other/x.yaml', text: manifest }], { cwd: '/proj' });
    expect(report.workloads[0]!.file).toBe('../other/x.yaml');
  });

  it('did you mean: case first, then a small edit distance, no guess on a tie', () => {
    expect(didYouMean('Extends', ['extends', 'rules'])).toBe('extends');
    expect(didYouMean('rulez', ['extends', 'rules'])).toBe('rules');
    expect(didYouMean('zzzzzz', ['extends', 'rules'])).toBeUndefined();
  });

  it('loopback hosts', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '0.0.0.0']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['db', '10.0.0.1', 'localhost.example.com', '128.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('placeholders: filled from own keys only, unknown ones left as written', () => {
    expect(interpolate('{{a}} and {{ b }} and {{c}}', { a: 1, b: 'x' })).toBe('1 and x and {{c}}');
    expect(interpolate('{{constructor}}', {})).toBe('{{constructor}}');
  });
});
