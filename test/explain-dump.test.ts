import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { explainSources } from '../src/explain/collect.js';
import { renderText } from '../src/explain/text.js';
it('dump', () => {
  const src = readFileSync('test/explain.test.ts', 'utf8');
  const m = /const hostile = `([\s\S]*?)`;/.exec(src)!;
  const text = eval('`' + m[1] + '`');
  console.log(renderText(explainSources([{ filePath: '/work/main/hostile.yaml', text }], { cwd: '/work/main' }), { width: Number(process.env.W ?? 100), color: false }));
});
