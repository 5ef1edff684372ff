/**
 * A file the fast path keeps nothing of (CRDs, RBAC, ConfigMaps: most files of a real
 * repository) is read once: pass 2 would parse an empty text, so it gives the empty result
 * without reading the file again. The result is the one the reference path (everything parsed)
 * gives.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { resolveConfig } from '../src/config/resolve.js';
import { lintSources, type LazySource } from '../src/engine/linter.js';

const config = resolveConfig({}, rules);
const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: a.example.com\nspec:\n  group: example.com\n';
const configMap = '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  containers: "not a pod"\n';
// A tcpSocket hook never runs: a finding whatever else is configured.
const pod = '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      lifecycle:\n        preStop:\n          tcpSocket:\n            port: 80\n';

/** A source that counts how often its text is read. */
function counted(filePath: string, text: string): { source: LazySource; reads: () => number } {
  let reads = 0;
  return {
    source: {
      filePath,
      text: () => {
        reads++;
        return text;
      },
    },
    reads: () => reads,
  };
}

describe('files the fast path keeps nothing of', () => {
  it('are read once, and their result is the reference path’s', () => {
    const skipped = counted('/m/crds.yaml', crd + configMap);
    const linted = counted('/m/pod.yaml', crd + pod);
    const [a, b] = lintSources([skipped.source, linted.source], config, rules);
    expect(skipped.reads()).toBe(1);
    expect(linted.reads()).toBe(2); // pass 1, then pass 2 (the fast path cut something: the text is not kept)
    expect(b!.messages.length).toBeGreaterThan(0);
    const reference = lintSources(
      [
        { filePath: '/m/crds.yaml', text: crd + configMap },
        { filePath: '/m/pod.yaml', text: crd + pod },
      ],
      { ...config, fastPath: false },
      rules,
    );
    expect([a, b]).toEqual(reference);
  });

  it('a file with a directive comment is still read again (its directives are checked)', () => {
    const text = `# kube-lifelint-disable readiness-probe-missing\n${crd}${configMap}`;
    const directive = counted('/m/d.yaml', text);
    const [r] = lintSources([directive.source], config, rules);
    expect(directive.reads()).toBe(2);
    expect(r).toEqual(lintSources([{ filePath: '/m/d.yaml', text }], { ...config, fastPath: false }, rules)[0]);
  });
});
