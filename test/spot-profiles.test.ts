import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/engine/parse.js';
import { extractDocument } from '../src/k8s/extract.js';
import type { PodView } from '../src/k8s/views.js';
import { spotPlacement, spotProfiles } from '../src/runtime/spot-profiles.js';

function pod(spec: string): PodView {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec.replace(/^/gm, '  ')}\n  containers:\n    - name: c\n      image: nginx\n`;
  const [p] = parseYaml(text).documents.flatMap((d) => extractDocument(d.doc, { filePath: 't.yaml', docIndex: d.index, source: text }).workloads.map((w) => w.pod));
  if (!p) throw new Error('no pod');
  return p;
}

describe('spot profiles', () => {
  it('every profile has a source, a notice and a positive number of seconds', () => {
    for (const p of spotProfiles) {
      expect(p.source, p.name).toMatch(/^https:\/\//);
      expect(p.notice.length, p.name).toBeGreaterThan(0);
      expect(p.seconds, p.name).toBeGreaterThan(0);
    }
  });

  it('takes the longest notice when the spec places the pod on several platforms', () => {
    const m = spotPlacement(pod('nodeSelector:\n  karpenter.sh/capacity-type: spot\ntolerations:\n  - { key: kubernetes.azure.com/scalesetpriority, value: spot, effect: NoSchedule }'));
    expect(m?.profile.name).toBe('karpenter-spot');
    expect(m?.evidence.map((e) => e.message)).toEqual(['nodeSelector karpenter.sh/capacity-type: spot']);
  });

  it('needs the spot value: other capacity types and mixed affinities are not spot', () => {
    expect(spotPlacement(pod('nodeSelector:\n  cloud.google.com/gke-spot: "false"'))).toBeUndefined();
    expect(spotPlacement(pod('affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - { key: eks.amazonaws.com/capacityType, operator: In, values: [SPOT, ON_DEMAND] }'))).toBeUndefined();
  });
});
