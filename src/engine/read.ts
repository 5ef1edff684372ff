/**
 * Reading a manifest file: bytes → text, or a clear problem. Binary data and invalid UTF-8 are
 * findings at their position (the file is not silently skipped); a BOM is dropped.
 */
import { readFileSync } from 'node:fs';
import { describeFsError } from './discover.js';

export type ReadOutcome =
  | { ok: true; text: string }
  | { ok: true; text: string; problem: { id: 'binary-file' | 'encoding'; offset: number; message: string } }
  | { ok: false; message: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeManifest(bytes: Uint8Array): ReadOutcome {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { ok: true, text: '', problem: { id: 'binary-file', offset: 0, message: `Binary file (NUL byte at offset ${nul}): not a YAML or JSON manifest.` } };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const offset = lossy.indexOf('\uFFFD');
    return { ok: true, text: lossy, problem: { id: 'encoding', offset: Math.max(offset, 0), message: 'Invalid UTF-8: Kubernetes manifests must be UTF-8 encoded.' } };
  }
}

export function readManifest(path: string): ReadOutcome {
  try {
    return decodeManifest(readFileSync(path));
  } catch (err) {
    return { ok: false, message: describeFsError(err, path) };
  }
}
