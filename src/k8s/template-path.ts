/**
 * The path language of `podTemplatePaths` and of the operator table: where an object keeps its
 * pod templates (metadata + spec). Keys are separated by dots; `[]` after a key means every item
 * of that list, and `*` is every value of a map (Kubeflow's replica roles):
 *
 *   spec.nodeSets[].podTemplate           every node set of an ECK Elasticsearch
 *   spec.pytorchReplicaSpecs.*.template   every role (Master, Worker) of a PyTorchJob
 *   spec.replicatedJobs[].template.spec.template
 *
 * An empty path is the object itself (a Pod). Parsing is strict, with a message that says what to
 * write instead, because a path that silently finds nothing looks like a manifest without hazards.
 */
import { isPair, isScalar, type Document, type Scalar, type YAMLMap } from 'yaml';
import { asMap, asSeq, getPair } from './yaml-util.js';

export type PathStep = { key: string } | { each: 'item' } | { each: 'value' };

/** A parsed path, with its text for messages. */
export interface TemplatePath {
  text: string;
  steps: PathStep[];
}

const keyChars = /^[A-Za-z0-9_-]+$/;

/** Parse a path; a problem is a sentence for the user, naming the part that is wrong. */
export function parseTemplatePath(text: string): { ok: true; path: TemplatePath } | { ok: false; problem: string } {
  const steps: PathStep[] = [];
  if (text === '') return { ok: true, path: { text, steps } };
  for (const segment of text.split('.')) {
    const m = /^(.*?)((?:\[\])*)$/.exec(segment)!;
    const name = m[1]!;
    if (name === '*') steps.push({ each: 'value' });
    else if (/^\d+$/.test(name)) return { ok: false, problem: `'${text}': '${name}' is a list index; write '[]' after the list's key for every item (e.g. 'spec.nodeSets[].podTemplate')` };
    else if (name === '') return { ok: false, problem: `'${text}': an empty key (a leading, trailing or doubled '.')` };
    else if (!keyChars.test(name)) return { ok: false, problem: `'${text}': '${segment}' is not a key: use letters, digits, '_' and '-', '[]' after a list's key, '*' for every value of a map` };
    else steps.push({ key: name });
    for (let i = 0; i < m[2]!.length / 2; i++) steps.push({ each: 'item' });
  }
  return { ok: true, path: { text, steps } };
}

/** A pod template found along a path, and where: `spec.nodeSets[1].podTemplate` for messages. */
export interface FoundTemplate {
  template: YAMLMap;
  /** The key scalar of the template (`podTemplate:`), null for the object itself. */
  key: Scalar | null;
  /** The concrete path, list indexes and map keys filled in. */
  where: string;
}

/** Every map the path leads to in `root` (aliases followed; a step over the wrong type finds nothing). */
export function followTemplatePath(doc: Document, root: YAMLMap, path: TemplatePath): FoundTemplate[] {
  type At = { node: unknown; key: Scalar | null; where: string };
  let frontier: At[] = [{ node: root, key: null, where: '' }];
  for (const step of path.steps) {
    const next: At[] = [];
    for (const at of frontier) {
      if ('key' in step) {
        const pair = getPair(asMap(doc, at.node), step.key);
        if (pair) next.push({ node: pair.value, key: isScalar(pair.key) ? pair.key : null, where: at.where ? `${at.where}.${step.key}` : step.key });
      } else if (step.each === 'item') {
        asSeq(doc, at.node)?.items.forEach((item, i) => next.push({ node: item, key: at.key, where: `${at.where}[${i}]` }));
      } else {
        for (const pair of asMap(doc, at.node)?.items ?? []) {
          if (isPair(pair) && isScalar(pair.key)) next.push({ node: pair.value, key: pair.key, where: `${at.where}.${String(pair.key.value)}` });
        }
      }
    }
    frontier = next;
  }
  return frontier.flatMap((at) => {
    const template = asMap(doc, at.node);
    return template ? [{ template, key: at.key, where: at.where }] : [];
  });
}
