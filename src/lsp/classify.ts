/**
 * Which editor files the server lints. Editors attach a YAML server to every YAML file: GitHub
 * workflows, compose files and chart values must get no diagnostics, and Helm templates are Go
 * templates, not YAML (linting them raw reports template syntax as YAML errors). A file is linted
 * when it looks like Kubernetes objects: some document has a top-level `apiVersion` and `kind`
 * (or a JSON object with both keys).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { configFileNames } from '../config/load.js';
import { manifestExtensions } from '../engine/discover.js';

export type FileRole = 'manifest' | 'config' | 'ignored';

const yamlApiVersion = /^apiVersion[ \t]*:/m;
const yamlKind = /^kind[ \t]*:/m;
const jsonApiVersion = /"apiVersion"\s*:/;
const jsonKind = /"kind"\s*:/;

/** `filePath` is absolute, or undefined for buffers without a file (untitled). */
export function roleOf(filePath: string | undefined, text: string): FileRole {
  if (filePath !== undefined) {
    if (configFileNames.includes(basename(filePath))) return 'config';
    if (!manifestExtensions.includes(extname(filePath).toLowerCase())) return 'ignored';
    if (isHelmTemplate(filePath)) return 'ignored';
  }
  return looksLikeKubernetes(text) ? 'manifest' : 'ignored';
}

export function looksLikeKubernetes(text: string): boolean {
  if (yamlApiVersion.test(text) && yamlKind.test(text)) return true;
  return /^\s*[[{]/.test(text) && jsonApiVersion.test(text) && jsonKind.test(text);
}

/** A file under `templates/` of a chart (a folder with Chart.yaml), at any depth. */
export function isHelmTemplate(filePath: string): boolean {
  for (let dir = dirname(filePath); dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === 'templates' && existsSync(join(dirname(dir), 'Chart.yaml'))) return true;
  }
  return false;
}
