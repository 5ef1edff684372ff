/**
 * The workspace index for cross-object rules: the workspace's files that hold objects a rule
 * matches across files (Services, PodDisruptionBudgets, HorizontalPodAutoscalers), reduced to
 * those documents (whole, for a file with a budget: its findings read the file's workloads). Open buffers replace the file on disk; file-watch
 * events update it. The linter gets these texts as `context` and does its own matching (by
 * folder, selector and namespace), so the editor sees what `kube-lifelint <folder>` reports.
 */
import { dirname, sep } from 'node:path';
import { discover } from '../engine/discover.js';
import { readManifest } from '../engine/read.js';
import { maskDocuments } from '../engine/fast-path.js';
import { crossObjectDocuments } from '../engine/linter.js';
import { crossObjectKinds } from '../k8s/disruption.js';

/** At most this many files are read when the workspace is scanned (a huge monorepo stays responsive). */
export const maxScannedFiles = 20_000;

export class WorkspaceIndex {
  /** Path → text, for files with at least one cross-object document. */
  private files = new Map<string, string>();
  /** Bumped on every change that can alter another file's findings. */
  generation = 0;

  /** Read every manifest under the folders. Returns the number of files read. */
  scan(folders: readonly string[]): number {
    let read = 0;
    for (const folder of folders) {
      for (const file of discover([folder], { cwd: folder }).files) {
        if (read++ >= maxScannedFiles) return read - 1;
        const r = readManifest(file);
        if (r.ok && !('problem' in r)) this.update(file, r.text);
      }
    }
    return read;
  }

  /**
   * A file's current text (open buffer or disk). True when the index changed. Only its
   * cross-object documents are kept (the others blanked line for line), so typing in a
   * Deployment next to a Service changes nothing here and re-lints no other file.
   */
  update(filePath: string, text: string): boolean {
    const kept = crossObjectText(text);
    const before = this.files.get(filePath);
    if (kept !== undefined) this.files.set(filePath, kept);
    else this.files.delete(filePath);
    const changed = kept !== undefined ? before !== kept : before !== undefined;
    if (changed) this.generation++;
    return changed;
  }

  /** The file was deleted. True when the index changed. */
  remove(filePath: string): boolean {
    const had = this.files.delete(filePath);
    if (had) this.generation++;
    return had;
  }

  /**
   * The indexed files that can pair with a file's objects, but the file itself (the linter reads
   * it). The linter pairs within the file's folder, its parent, siblings and children; everything
   * under the parent folder is a superset of those, which keeps a large workspace's unrelated
   * files out of every keystroke's lint.
   */
  contextFor(filePath: string | undefined): { filePath: string; text: string }[] {
    if (filePath === undefined) return [];
    const parent = dirname(dirname(filePath));
    const under = parent.endsWith(sep) ? parent : parent + sep;
    const out: { filePath: string; text: string }[] = [];
    for (const [p, text] of this.files) if (p !== filePath && p.startsWith(under)) out.push({ filePath: p, text });
    return out;
  }

  get size(): number {
    return this.files.size;
  }
}

/** What the linter's cross-object pre-pass reads of the text, or undefined when nothing. */
function crossObjectText(text: string): string | undefined {
  const budgets = [...crossObjectKinds].some((k) => text.includes(k));
  if (!budgets && !text.includes('Service')) return undefined;
  const masked = maskDocuments(text, crossObjectDocuments);
  if (masked.kept === 0) return undefined;
  // A disruption budget's findings depend on whether its file holds workloads: the whole text.
  return budgets ? text : masked.text;
}
