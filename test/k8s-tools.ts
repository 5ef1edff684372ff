/**
 * The real helm and kubectl for the render tests, from the cache folder that
 * test/tools/install-k8s-tools.sh fills (.ci/run exports it as KUBE_LIFELINT_TOOLS). Without them
 * the tests skip with the reason, except under CI, where their absence is a failure.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const toolsDir = process.env.KUBE_LIFELINT_TOOLS ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kube-lifelint', 'k8s-tools-2.2.2');
export const helm = join(toolsDir, 'helm');
export const kubectl = join(toolsDir, 'kubectl');

const ciValue = (process.env.CI ?? '').toLowerCase();
const inCI = ciValue !== '' && ciValue !== '0' && ciValue !== 'false';

/** True when helm and kubectl are there; false (with a message) to skip; throws under CI. */
export function k8sToolsAvailable(): boolean {
  if (existsSync(helm) && existsSync(kubectl)) return true;
  const why = `helm and kubectl are not in ${toolsDir}; bash test/tools/install-k8s-tools.sh installs them (and prints the folder for KUBE_LIFELINT_TOOLS)`;
  if (inCI) throw new Error(`${why}, and CI is set: the render tests must run on CI.`);
  console.warn(`render tests skipped: ${why}`);
  return false;
}
