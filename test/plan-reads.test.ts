/**
 * Planning reads each kustomization once (issue 11): a base shared by many overlays used to be
 * read and parsed again for every overlay. Counted through the injectable reader, never timed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { kustomizationData, planSources, readKustomization, readKustomizationDir, type KustomizationReader } from '../src/render/plan.js';
import { root } from './harness.js';

/** base/ (a Deployment), component/, and `overlays` overlays that each use both. */
function repo(overlays: number): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kll-plan-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    return join(dir, path);
  };
  const files = [write('base/kustomization.yaml', 'resources:\n  - deploy.yaml\n  - ../component\n'), write('base/deploy.yaml', 'kind: Deployment\n'), write('component/kustomization.yaml', 'resources: [svc.yaml]\n'), write('component/svc.yaml', 'kind: Service\n')];
  for (let i = 0; i < overlays; i++) files.push(write(`overlays/o${i}/kustomization.yaml`, 'resources:\n  - ../../base\npatches:\n  - path: patch.yaml\n'), write(`overlays/o${i}/patch.yaml`, 'kind: Deployment\n'));
  return { dir, files };
}

function counting(): { read: KustomizationReader; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    read: (d) => {
      reads.set(d, (reads.get(d) ?? 0) + 1);
      return readKustomizationDir(d);
    },
  };
}

describe('planning kustomizations', () => {
  it('reads a base shared by several overlays once, and plans every overlay with all its files', () => {
    const { dir, files } = repo(3);
    const { read, reads } = counting();
    const plan = planSources(files, undefined, read);
    expect(plan.kustomizations.sort()).toEqual([0, 1, 2].map((i) => join(dir, `overlays/o${i}`)));
    for (const o of plan.kustomizations) {
      expect([...plan.kustomizationFiles.get(o)!].sort()).toEqual([join(o, 'kustomization.yaml'), join(o, 'patch.yaml'), join(dir, 'base/kustomization.yaml'), join(dir, 'base/deploy.yaml'), join(dir, 'component/kustomization.yaml'), join(dir, 'component/svc.yaml')].sort());
    }
    expect(reads.get(join(dir, 'base'))).toBe(1);
    expect(reads.get(join(dir, 'component'))).toBe(1);
    expect(Math.max(...reads.values())).toBe(1);
  });

  it('gives the same tree through the once-per-folder reader as through fresh reads', () => {
    const { dir } = repo(2);
    const fresh = readKustomization(join(dir, 'overlays/o1'));
    const { read } = counting();
    const planned = planSources([join(dir, 'overlays/o1/kustomization.yaml')], undefined, read).kustomizationFiles.get(join(dir, 'overlays/o1'));
    expect([...planned!].sort()).toEqual([...fresh.files].sort());
  });
});

describe('kustomization data', () => {
  it("is yaml's for every kustomization among the fixtures and for texts the fast reader declines", () => {
    const sources = join(root, 'fixtures', '_sources');
    const texts = readdirSync(sources, { recursive: true, encoding: 'utf8' })
      .filter((f) => /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/.test(f))
      .map((f) => readFileSync(join(sources, f), 'utf8'));
    expect(texts.length).toBeGreaterThan(3);
    texts.push('resources:\n- a.yaml # why\n- &b b.yaml\n- *b\n', '---\nresources: [a.yaml]\n', 'resources:\n  - "q.yaml"\npatches:\n  - patch: |-\n      kind: X\n', 'a: 1\n---\nb: 2\n', '%YAML 1.2\n---\nresources: [x]\n', '');
    for (const text of texts) expect(kustomizationData(text)).toEqual(parseDocument(text).toJS());
  });
});
