/**
 * What each renderer's sources offer the carrying of edits (carry-edits.ts): where a rendered node
 * was written, every span that may have written it, and where a new key goes. Helm: the values
 * file or template line; a mapping pasted in from the values by toYaml takes a new key in the
 * values (the values mapping equal to it), any other mapping in its template when that writes it
 * as plain YAML. Kustomize: the base or patch document whose value won.
 */
import { isMap } from 'yaml';
import { insertIntoYaml, sharedValue, writesElsewhere, type SourceSide } from './carry-edits.js';
import { includedSpans, mapHelmNode, type ChartSources } from './helm-source-map.js';
import { mapKustomizeNode, type kustomizationDocuments } from './kustomize-source-map.js';
import { insertIntoTemplate } from './template-insertion.js';

export function helmSide(sources: ChartSources, rendered: string): SourceSide {
  const side: SourceSide = {
    map(d, node) {
      const winner = d.sourcePath ? mapHelmNode(sources, d.sourcePath, { ...node, doc: d.doc }) : undefined;
      return winner && { winner, others: [] };
    },
    spans: (d, node) => (isMap(node.located.node) && d.sourcePath ? includedSpans(sources, d.sourcePath, { ...node, doc: d.doc }) : [side.map(d, node)?.winner].filter((s) => s !== undefined)),
    insert(d, map, key, value, entry) {
      let why: string | undefined;
      for (const included of d.sourcePath ? includedSpans(sources, d.sourcePath, { ...map, doc: d.doc }) : []) {
        const edit = insertIntoYaml(included, key, value, { map: map.located.node, doc: d.doc });
        if (typeof edit !== 'string') return writesElsewhere(rendered, d, side, map.located.node, included) ? sharedValue : edit;
        why = edit;
      }
      return why ?? insertIntoTemplate(d.sourcePath ? sources.template(d.sourcePath) : undefined, map.located.path, map.located.node, entry);
    },
  };
  return side;
}

export function kustomizeSide(docs: ReturnType<typeof kustomizationDocuments>): SourceSide {
  const side: SourceSide = {
    map(d, node) {
      const m = mapKustomizeNode(docs, d.doc, node);
      return m && { winner: m.winner, others: m.overridden };
    },
    insert: (d, map, key, value) => insertIntoYaml(side.map(d, map)?.winner, key, value),
  };
  return side;
}
