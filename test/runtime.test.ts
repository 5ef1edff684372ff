/**
 * Runtime profiles, Kubernetes versions and image patterns: unit tests. The fixtures linted with
 * settings other than the defaults (fixtures/<rule>/kube-X.Y/ with kubernetesVersion X.Y,
 * fixtures/<rule>/runtime-N/ with runtime N) run in test/fixtures.test.ts.
 */
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { resolveConfig, newestKubernetesVersion } from '../src/config/resolve.js';
import { parseYaml } from '../src/engine/parse.js';
import { extractDocument } from '../src/k8s/extract.js';
import {
  compareKubernetesVersions, featurePhase, features, introducedIn, newestTableVersion, parseKubernetesVersion, servedByDefault, servedSince,
  type FeatureId,
} from '../src/k8s/features.js';
import { builtinImagePatterns, imageLacks, imagePatternSchema, parseImage } from '../src/k8s/images.js';
import type { PodView } from '../src/k8s/views.js';
import {
  builtinProfiles, detectRuntime, execCommandHandling, runtimeProfileListItemSchema, runtimeProfileSchema, userProfiles, type RuntimeProfile,
} from '../src/runtime/profiles.js';
import { rules } from '../rules/index.js';
import { actualFindings, expectedFindings, lintWith, onlyRule, read, renderFindings, root } from './harness.js';

function pods(text: string): PodView[] {
  return parseYaml(text).documents.flatMap((d) => extractDocument(d.doc, { filePath: 't.yaml', docIndex: d.index, source: text }).workloads.map((w) => w.pod));
}

function pod(spec: string): PodView {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec.replace(/^/gm, '  ')}\n  containers:\n    - name: c\n      image: nginx\n`;
  const [p] = pods(text);
  if (!p) throw new Error('no pod');
  return p;
}

const names = (p: PodView, setting = 'auto', profiles: readonly RuntimeProfile[] = builtinProfiles) => detectRuntime(p, profiles, setting).map((m) => m.profile.name);

describe('Kubernetes versions', () => {
  it('parses X.Y, vX.Y and X.Y.Z, and nothing else', () => {
    expect(parseKubernetesVersion('1.30')).toEqual({ major: 1, minor: 30 });
    expect(parseKubernetesVersion('v1.9')).toEqual({ major: 1, minor: 9 });
    expect(parseKubernetesVersion('1.29.4')).toEqual({ major: 1, minor: 29 });
    expect(parseKubernetesVersion('1.31.0-eks-abc')).toEqual({ major: 1, minor: 31 });
    for (const bad of ['', '1', 'latest', '1.x', '1.30.', 'one.two']) expect(parseKubernetesVersion(bad)).toBeNull();
  });

  it('compares numerically, not as strings', () => {
    expect(compareKubernetesVersions('1.9', '1.10')).toBeLessThan(0);
    expect(compareKubernetesVersions('1.30', '1.3')).toBeGreaterThan(0);
    expect(compareKubernetesVersions('1.30.2', 'v1.30')).toBe(0);
    expect(compareKubernetesVersions('2.0', '1.99')).toBeGreaterThan(0);
    expect(() => compareKubernetesVersions('1.x', '1.30')).toThrow(/Not a Kubernetes version/);
  });

  it('the table is the default target version', () => {
    expect(newestTableVersion).toBe(newestKubernetesVersion);
  });

  // [feature, last version without it, first version serving it by default] (facts A, B, D, E).
  const boundaries: [FeatureId, string, string][] = [
    ['sleepAction', '1.29', '1.30'],
    ['sleepZeroSeconds', '1.32', '1.33'],
    ['sidecarContainers', '1.28', '1.29'],
    ['grpcProbe', '1.23', '1.24'],
    ['probeTerminationGracePeriod', '1.24', '1.25'],
    ['startupProbe', '1.17', '1.18'],
    ['containerRestartPolicy', '1.34', '1.35'],
  ];
  it.each(boundaries)('%s: not served on %s, served from %s on', (id, below, at) => {
    expect(servedByDefault(id, below)).toBe(false);
    expect(servedByDefault(id, at)).toBe(true);
    const [maj, min] = at.split('.').map(Number);
    expect(servedByDefault(id, `${maj}.${min! + 1}`)).toBe(true);
    expect(servedByDefault(id, '1.99')).toBe(true);
    expect(servedSince(id)).toBe(at);
  });

  it('stopSignal is served by default in no version of the table', () => {
    for (const v of ['1.20', '1.32', '1.33', '1.34', '1.35', '1.40']) expect(servedByDefault('stopSignal', v)).toBe(false);
    expect(servedSince('stopSignal')).toBeNull();
    expect(featurePhase('stopSignal', '1.32').status).toBe('absent');
    expect(featurePhase('stopSignal', '1.33').status).toBe('gated');
  });

  it('phases: absent before alpha, gated while off by default, rejected where validation refuses', () => {
    expect(featurePhase('sleepAction', '1.28').status).toBe('absent');
    expect(featurePhase('sleepAction', '1.29').status).toBe('gated');
    expect(featurePhase('probeTerminationGracePeriod', '1.22').status).toBe('gated'); // beta, but off until 1.24
    expect(featurePhase('containerRestartPolicy', '1.27').status).toBe('absent');
    expect(featurePhase('containerRestartPolicy', '1.28').status).toBe('rejected');
    expect(featurePhase('containerRestartPolicy', '1.34').status).toBe('gated');
    expect(introducedIn('containerRestartPolicy')).toBe('1.28');
    expect(introducedIn('startupProbe')).toBe('1.16');
  });

  it('every phase list is ordered, starts at 1.0 and explains each non-served phase', () => {
    for (const f of Object.values(features)) {
      expect(f.phases[0]!.from).toBe('1.0');
      for (let i = 1; i < f.phases.length; i++) expect(compareKubernetesVersions(f.phases[i]!.from, f.phases[i - 1]!.from)).toBeGreaterThan(0);
      for (const p of f.phases) if (p.status !== 'served') expect(p.outcome, `${f.id} ${p.from}`).toBeTruthy();
    }
  });
});

describe('runtime detection', () => {
  const bciToleration = 'tolerations:\n  - { key: virtual-kubelet.io/provider, operator: Equal, value: baidu, effect: NoSchedule }';

  it('recognises BCI by the baidu provider toleration, with or without the selector', () => {
    expect(names(pod(`nodeSelector:\n  type: virtual-kubelet\n${bciToleration}`))).toEqual(['baidu-bci']);
    expect(names(pod(bciToleration))).toEqual(['baidu-bci']);
  });

  it('does not take another provider, the bare selector, or a baidu value under another key for BCI', () => {
    expect(names(pod('nodeSelector:\n  type: virtual-kubelet\ntolerations:\n  - { key: virtual-kubelet.io/provider, value: alibabacloud }'))).toEqual([]);
    expect(names(pod('nodeSelector:\n  type: virtual-kubelet'))).toEqual([]);
    expect(names(pod('tolerations:\n  - { key: example.com/cloud, value: baidu }'))).toEqual([]);
    expect(names(pod('tolerations:\n  - { key: virtual-kubelet.io/provider, operator: Exists }'))).toEqual([]);
  });

  it('recognises ACI by provider=azure, or provider Exists + azure.com/aci (the AKS example)', () => {
    expect(names(pod('tolerations:\n  - { key: virtual-kubelet.io/provider, value: azure, effect: NoSchedule }'))).toEqual(['azure-aci']);
    expect(names(pod('tolerations:\n  - { key: virtual-kubelet.io/provider, operator: Exists }\n  - { key: azure.com/aci, effect: NoSchedule }'))).toEqual(['azure-aci']);
    expect(names(pod('nodeSelector:\n  type: virtual-kubelet\ntolerations:\n  - { key: azure.com/aci, effect: NoSchedule }'))).toEqual(['azure-aci']);
    expect(names(pod('tolerations:\n  - { key: azure.com/aci, effect: NoSchedule }'))).toEqual([]);
  });

  it('recognises Windows by os.name, the os label (GA and beta) and required node affinity', () => {
    expect(names(pod('os:\n  name: windows'))).toEqual(['windows']);
    expect(names(pod('nodeSelector:\n  kubernetes.io/os: windows'))).toEqual(['windows']);
    expect(names(pod('nodeSelector:\n  beta.kubernetes.io/os: windows'))).toEqual(['windows']);
    const affinity = (values: string, extraTerm = '') =>
      `affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - { key: kubernetes.io/os, operator: In, values: ${values} }${extraTerm}`;
    expect(names(pod(affinity('[windows]')))).toEqual(['windows']);
    expect(names(pod(affinity('[linux, windows]')))).toEqual([]);
    expect(names(pod(affinity('[windows]', '\n        - matchExpressions:\n            - { key: kubernetes.io/arch, operator: In, values: [amd64] }')))).toEqual([]);
    expect(names(pod('os:\n  name: linux\nnodeSelector:\n  kubernetes.io/os: linux'))).toEqual([]);
  });

  it('returns every matching profile: a Windows pod on ACI virtual nodes is both', () => {
    expect(names(pod('nodeSelector:\n  kubernetes.io/os: windows\ntolerations:\n  - { key: virtual-kubelet.io/provider, value: azure }'))).toEqual(['azure-aci', 'windows']);
  });

  it('Windows: POSIX shells by name or path, not Windows commands', () => {
    const windows = builtinProfiles.find((p) => p.name === 'windows')!;
    for (const argv0 of ['sh', 'bash', '/bin/sh', '/bin/bash', '/usr/bin/bash', '/usr/local/bin/zsh', 'ash', 'dash']) expect(execCommandHandling(windows, argv0), argv0).toBeDefined();
    for (const argv0 of ['cmd', 'powershell', 'pwsh', 'cmd.exe', '/usrsh', 'ssh', 'shell', 'C:\\bin\\sh.exe']) expect(execCommandHandling(windows, argv0), argv0).toBeUndefined();
  });

  it('points the evidence at the signal', () => {
    const [m] = detectRuntime(pod(bciToleration), builtinProfiles, 'auto');
    expect(m!.source).toBe('detected');
    expect(m!.evidence.map((e) => e.message)).toEqual(['toleration virtual-kubelet.io/provider=baidu:NoSchedule']);
  });

  it('honours the setting: none, a forced profile, an unknown name', () => {
    const p = pod(bciToleration);
    expect(names(p, 'none')).toEqual([]);
    const forced = detectRuntime(pod(''), builtinProfiles, 'windows');
    expect(forced.map((m) => [m.profile.name, m.source, m.evidence.length])).toEqual([['windows', 'setting', 0]]);
    expect(() => detectRuntime(p, builtinProfiles, 'fargate')).toThrow(/Unknown runtime 'fargate'.*baidu-bci, azure-aci, knative, windows/);
  });

  it('lets a user profile of the same name replace a built-in, and adds new ones', () => {
    const mine: RuntimeProfile = { name: 'baidu-bci', title: 'BCI (ours)', detect: [[{ nodeSelector: { key: 'type', value: 'virtual-kubelet' } }]] };
    const p = pod('nodeSelector:\n  type: virtual-kubelet');
    expect(detectRuntime(p, [mine, ...builtinProfiles], 'auto').map((m) => m.profile.title)).toEqual(['BCI (ours)']);
  });

  it('the profile schema accepts the built-ins and rejects malformed profiles', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(runtimeProfileSchema);
    for (const p of builtinProfiles) expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ name: 'x', title: 'X', detect: [[{ toleration: { value: 'x' } }]] })).toBe(false);
    expect(validate({ name: 'x', title: 'X', detect: [], hooks: { exec: { treatment: 'maybe' } } })).toBe(false);
    expect(validate({ name: 'Bad Name', title: 'X', detect: [] })).toBe(false);
    expect(validate({ detect: [[{ osName: 'plan9' }]] })).toBe(true); // a `runtimes` map value: the key is the name
    const validateItem = new Ajv({ allErrors: true, strict: false }).compile(runtimeProfileListItemSchema);
    expect(validateItem({ detect: [[{ osName: 'plan9' }]] })).toBe(false);
    expect(validateItem({ name: 'plan9', detect: [[{ osName: 'plan9' }]] })).toBe(true);
  });

  it('reads user profiles from the config map (key = name, title defaults to it) and from lists', () => {
    const fromMap = userProfiles({ 'acme-edge': { detect: [[{ osName: 'acme' }]] } }, [{ name: 'other', title: 'Other', detect: [] }]);
    expect(fromMap.map((p) => [p.name, p.title])).toEqual([['acme-edge', 'acme-edge'], ['other', 'Other']]);
    expect(userProfiles(undefined, {}, [])).toEqual([]);
  });

  it('a user profile from the config (`runtimes`) reaches the rule through the settings', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  os:\n    name: plan9\n  containers:\n    - name: c\n      image: x\n      startupProbe: # expect: runtime-unsupported\n        exec:\n          command: [rc, -c, "exit 0"]\n';
    const config = resolveConfig(
      { extends: 'none', rules: { 'runtime-unsupported': 'error' }, runtimes: { plan9: { title: 'Plan 9 nodes', detect: [[{ osName: 'plan9' }]], probes: { startup: { treatment: 'rejected' } } } } },
      rules,
    );
    const result = lintWith(text, config);
    expect(actualFindings(result.messages, expectedFindings(text))).toEqual(expectedFindings(text));
    expect(result.messages[0]!.message).toContain('startupProbe on Plan 9 nodes');
  });

  it('a user profile from the rule options is applied', () => {
    const profile: RuntimeProfile = {
      name: 'acme-edge',
      title: 'ACME edge nodes',
      detect: [[{ nodeSelector: { key: 'acme.example/edge', value: 'true' } }]],
      hooks: { sleep: { treatment: 'ignored', detail: 'the edge agent has no sleep action' } },
      probes: { startup: { treatment: 'rejected' } },
    };
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: edge
spec:
  nodeSelector:
    acme.example/edge: "true"
  containers:
    - name: app
      image: nginx:1.27
      startupProbe: # expect: runtime-unsupported
        httpGet: { path: /, port: 80 }
      lifecycle:
        preStop:
          sleep: # expect: runtime-unsupported
            seconds: 5
`;
    const result = lintWith(text, onlyRule('runtime-unsupported', { profiles: [profile] }));
    expect(actualFindings(result.messages, expectedFindings(text))).toEqual(expectedFindings(text));
    expect(renderFindings(result.messages)).toMatchSnapshot();
  });
});

describe('image patterns', () => {
  it('canonicalises references', () => {
    expect(parseImage('tomcat:7.0.94-alpine')?.canonical).toBe('docker.io/library/tomcat:7.0.94-alpine');
    expect(parseImage('bitnami/redis')?.canonical).toBe('docker.io/bitnami/redis');
    expect(parseImage('localhost:5000/app:1')?.canonical).toBe('localhost:5000/app:1');
    expect(parseImage('GCR.io/distroless/static@sha256:abc')?.canonical).toBe('gcr.io/distroless/static@sha256:abc');
    expect(parseImage('{{ .Values.image }}')).toBeNull();
    expect(parseImage('$(IMAGE)')).toBeNull();
  });

  const lacks = (image: string, program: string) => imageLacks(parseImage(image)!, program, builtinImagePatterns)?.name ?? null;
  it('flags shells in images without a userland and bash in Alpine/busybox images only', () => {
    expect(lacks('gcr.io/distroless/java21-debian12', 'sh')).toBe('distroless');
    expect(lacks('gcr.io/distroless/java21-debian12', 'java')).toBeNull();
    expect(lacks('gcr.io/distroless/base:debug', 'sh')).toBeNull();
    expect(lacks('registry.k8s.io/pause:3.10', 'sleep')).toBe('pause (scratch-based)');
    expect(lacks('cgr.dev/chainguard/static', 'bash')).toBe('Chainguard static');
    expect(lacks('cgr.dev/chainguard/nginx', 'bash')).toBeNull();
    expect(lacks('busybox', 'bash')).toBe('busybox');
    expect(lacks('busybox', 'sh')).toBeNull();
    expect(lacks('nginx:1.27-alpine', 'bash')).toBe('official -alpine variant');
    expect(lacks('postgres:16-alpine', 'bash')).toBeNull();
    expect(lacks('example.com/app:alpine', 'bash')).toBeNull();
    expect(lacks('nginx:1.27', 'bash')).toBeNull();
    expect(lacks('public.ecr.aws/docker/library/redis:8.10.1-alpine', 'bash')).toBe('official -alpine variant');
    expect(lacks('public.ecr.aws/docker/library/redis:8.10.1-alpine', 'sh')).toBeNull();
    expect(lacks('gcr.io/cloudsql-docker/gce-proxy:1.25.0', 'sleep')).toBe('Cloud SQL Auth Proxy');
    expect(lacks('gcr.io/cloudsql-docker/gce-proxy:1.33.2-alpine', 'sleep')).toBeNull();
    expect(lacks('gcr.io/cloudsql-docker/gce-proxy:1.11', 'sleep')).toBeNull();
    expect(lacks('gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0', 'sh')).toBe('Cloud SQL Auth Proxy');
    expect(lacks('gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0-bookworm', 'sh')).toBeNull();
  });

  it('the image pattern schema accepts the built-ins', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(imagePatternSchema);
    for (const p of builtinImagePatterns) expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
  });
});

// Fixture folders linted with non-default settings (fixtures/<rule>/kube-<version>/,
// runtime-<name>/) run with the other fixtures in fixtures.test.ts.

describe('settings reach the rules through resolveConfig', () => {
  it('kubernetesVersion and runtime from the user config', () => {
    const text = read(join(root, 'fixtures', 'feature-unavailable', 'kube-1.29', 'invalid-sleep-action.yaml'));
    const config = resolveConfig({ extends: 'none', rules: { 'feature-unavailable': 'error' }, kubernetesVersion: '1.29' }, rules);
    expect(actualFindings(lintWith(text, config).messages, expectedFindings(text))).toEqual(expectedFindings(text));
  });
});
