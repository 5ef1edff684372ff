/**
 * The cross-object index lives to the end of a run; what it holds must not keep the files it came
 * from alive. The views' strings are slices of the file's text (V8 keeps the whole text for a
 * slice), so the index keeps copies. Measured on the heap after a full collection: a 24 MB file
 * with one Service, its text dropped, leaves far less than the file behind.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { resolveConfig } from '../src/config/resolve.js';
import { prepareSources, ServiceIndex } from '../src/engine/linter.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('the cross-object index', () => {
  it('keeps none of the text it was read from', () => {
    const config = resolveConfig({}, rules);
    const index = new ServiceIndex();
    const build = () => {
      // A long selector value and name (sliced, not copied, by V8), and 24 MB of ConfigMap around it.
      const filler = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: "${'x'.repeat(24 * 1024 * 1024)}"\n`;
      const service = `apiVersion: v1\nkind: Service\nmetadata:\n  name: a-service-with-a-long-name\nspec:\n  selector:\n    app.kubernetes.io/name: a-long-application-name\n  ports:\n  - port: 80\n`;
      prepareSources([{ filePath: '/r/all.yaml', text: service + filler }], config, index);
    };
    gc();
    const before = process.memoryUsage().heapUsed;
    build();
    /x/.test('x'); // V8 keeps the last regular expression match's input (RegExp.input): not the index's doing
    gc();
    const after = process.memoryUsage().heapUsed;
    expect(index.all()).toHaveLength(1);
    expect((index.all()[0] as { name: string }).name).toBe('a-service-with-a-long-name');
    expect(after - before).toBeLessThan(4 * 1024 * 1024);
  });
});
