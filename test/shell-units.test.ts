import { describe, it, expect } from 'vitest';
import { parseDuration, evalArith } from '../src/analysis/shell/units.js';
import { kubeExpand } from '../src/analysis/shell/kube.js';
import { parseScript, ParseError } from '../src/analysis/shell/parser.js';

describe('parseDuration', () => {
  it.each([
    ['20', 20],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['5s', 5],
    ['1m', 60],
    ['2h', 7200],
    ['1d', 86400],
    ['1e3', 1000],
    ['+3', 3],
    ['infinity', Infinity],
    ['inf', Infinity],
    ['INF', Infinity],
  ])('%s → %s', (arg, secs) => {
    expect(parseDuration(arg)).toBe(secs);
  });
  it.each(['', 'abc', '-1', '5x', '5 s', '1\r', '0x10', 'nan', '1.2.3'])('%j is invalid', (arg) => {
    expect(parseDuration(arg)).toBeNull();
  });
});

describe('evalArith', () => {
  const vars: Record<string, string> = { D: '10', E: '', X: 'abc' };
  const get = (n: string): string | null => (n in vars ? vars[n]! : null);
  it.each([
    ['1+2', 3],
    ['D+5', 15],
    ['$D * 2', 20],
    ['${D} / 3', 3],
    ['(1 + 2) * 3', 9],
    ['-3 + 5', 2],
    ['2 ** 10', 1024],
    ['7 % 4', 3],
    ['D > 5 && D < 20', 1],
    ['E + 1', 1],
    ['010', 8],
    ['0x10', 16],
  ])('%s = %s', (e, v) => {
    expect(evalArith(e, get)).toBe(v);
  });
  it.each(['U + 1', 'X + 1', '1 / 0', 'i++', 'D = 3', 'D += 1', '(1', '1 2', 'a ? b : c'])('%s is unknown', (e) => {
    expect(evalArith(e, get)).toBeNull();
  });
});

describe('kubeExpand (the kubelet’s $(VAR) expansion)', () => {
  it('substitutes defined names and keeps the rest', () => {
    const r = kubeExpand('sleep $(D); echo $(date) $HOME $$(D) $$$$', { D: '15' });
    expect(r.value).toBe('sleep 15; echo $(date) $HOME $(D) $$');
    expect(r.unknownRef).toBe(false);
    // "15" stands for "$(D)" at offset 6..9
    expect(r.map!(6, false)).toBe(6);
    expect(r.map!(7, true)).toBe(9);
    // text after the substitution is shifted back
    expect(r.map!(10, false)).toBe(12);
  });
  it('leaves unterminated references and unknown values alone', () => {
    expect(kubeExpand('echo $(oops', { oops: 'x' }).value).toBe('echo $(oops');
    const r = kubeExpand('sleep $(D)', { D: undefined });
    expect(r.value).toBe('sleep $(D)');
    expect(r.unknownRef).toBe(true);
  });
  it('no $: no work', () => {
    expect(kubeExpand('sleep 5', {})).toEqual({ value: 'sleep 5', map: null, unknownRef: false });
  });
});

describe('parseScript', () => {
  it.each([
    'a && b || c; d & e\n f | g |& h',
    'if a; then b; elif c; then d; else e; fi',
    'while a; do b; done; until a; do b; done',
    'for i in 1 2 3; do :; done; for i; do :; done; for ((i=0;i<3;i++)); do :; done',
    'case $x in a|b) c;; (d) e;& *) f;;& esac',
    'f() { a; }; function g { b; }; function h() ( c )',
    'x=1 y=(a b) z+=2 cmd >out 2>&1 <in <<<str &>/dev/null',
    'cat <<EOF\n$(not code)\nEOF\ncat <<-"E"\n\tx\n\tE\n',
    'echo "a $(b "c" `d`) ${e:-"f g"} $((1+2))" \'h\' $\'\\n\' \\;',
    '[[ -f x && ( a == b || c =~ ^d(e|f)$ ) ]]; (( i++ )); ! a | b',
    'time -p a; { a; b; } > x; (a; b) 2>/dev/null',
    'a <(b) >(c); echo ${#x} ${x%.*} ${x/a/b} ${!x} ${x[0]}',
  ])('parses %j', (src) => {
    expect(() => parseScript(src)).not.toThrow();
  });
  it.each(['if a; then b', 'a; }', '"unterminated', "'", 'case x in a) b', '$(a', '`a', 'a && ', 'do a', '(((((a'])('rejects %j', (src) => {
    expect(() => parseScript(src)).toThrow(ParseError);
  });
  it('keeps source offsets', () => {
    const src = 'echo hi;  sleep 20';
    const l = parseScript(src);
    const c = l.items[1]!.ao.first.cmds[0]!;
    expect(src.slice(c.s, c.e)).toBe('sleep 20');
  });
  it('maps backtick contents back to the outer string', () => {
    const src = 'x=`a \\`b\\` c`';
    const l = parseScript(src);
    const simple = l.items[0]!.ao.first.cmds[0]!;
    expect(simple.t).toBe('simple');
  });
});
