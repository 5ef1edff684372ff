/**
 * Spot and preemptible nodes: how long a pod has, from the platform's notice to the node going
 * away, and how a pod spec says it runs there. Data with sources, like the runtime profiles; the
 * signals are those each platform documents for placing pods on its spot nodes (node labels in a
 * nodeSelector or required node affinity, the taint's toleration) and are matched the same way.
 *
 * `seconds` is the most a pod can get when the notice comes: where a label may mean platforms
 * with different notices (Karpenter runs on AWS and Azure), or a mode allows more (GKE Autopilot),
 * the larger figure, so that a finding holds on each of them.
 */
import type { PodView } from '../k8s/views.js';
import { matchGroup, type Signal, type SignalEvidence } from './profiles.js';

export interface SpotProfile {
  name: string;
  /** The nodes as users know them, for messages: "GKE Spot VMs". */
  title: string;
  /** Seconds between the notice and the node going away that pods can use. */
  seconds: number;
  /** What the platform does in those seconds, for the message. */
  notice: string;
  source: string;
  /** Alternatives: every signal of one group must match. */
  detect: Signal[][];
}

/** A node label as a selector or a required affinity, and optionally the taint's toleration. */
function placedBy(key: string, value: string, tolerated = false): Signal[][] {
  const groups: Signal[][] = [[{ nodeSelector: { key, value } }], [{ nodeAffinity: { key, values: [value] } }]];
  if (tolerated) groups.push([{ toleration: { key } }]);
  return groups;
}

export const spotProfiles: readonly SpotProfile[] = [
  {
    name: 'gke-spot',
    title: 'GKE Spot VMs',
    // Standard node pools give non-system pods 15 s of the 30 s shutdown by default; Autopilot
    // Spot Pods get up to 25 s ("requesting more than 25 seconds has no effect").
    seconds: 25,
    notice: 'Compute Engine stops the VM 30s after the preemption notice; pods get at most 25s of it (15s by default on Standard node pools)',
    source: 'https://cloud.google.com/kubernetes-engine/docs/concepts/spot-vms, https://cloud.google.com/kubernetes-engine/docs/how-to/autopilot-spot-pods',
    detect: placedBy('cloud.google.com/gke-spot', 'true', true),
  },
  {
    name: 'gke-preemptible',
    title: 'GKE preemptible VMs',
    // 15 s on Standard (25 s before 1.22.8-gke.200); Autopilot turns the selector into a Spot Pod (25 s).
    seconds: 25,
    notice: 'Compute Engine stops the VM 30s after the preemption notice; pods get at most 25s of it (15s on Standard node pools)',
    source: 'https://cloud.google.com/kubernetes-engine/docs/how-to/preemptible-vms, https://cloud.google.com/kubernetes-engine/docs/how-to/autopilot-spot-pods',
    detect: placedBy('cloud.google.com/gke-preemptible', 'true', true),
  },
  {
    name: 'eks-spot',
    title: 'EKS Spot instances',
    seconds: 120,
    notice: 'EC2 reclaims a Spot instance two minutes after its interruption notice, whatever the drain has left',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html, https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html',
    detect: placedBy('eks.amazonaws.com/capacityType', 'SPOT'),
  },
  {
    name: 'karpenter-spot',
    title: 'Karpenter spot nodes',
    // AWS gives two minutes; Azure (node auto-provisioning) 30 s: the larger holds on both.
    seconds: 120,
    notice: 'the cloud reclaims a spot node at most two minutes (EC2; 30s on Azure) after its interruption notice, which Karpenter answers by draining the node',
    source: 'https://karpenter.sh/docs/concepts/disruption/#interruption, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html',
    detect: placedBy('karpenter.sh/capacity-type', 'spot'),
  },
  {
    name: 'aks-spot',
    title: 'AKS Spot node pools',
    seconds: 30,
    notice: 'Azure evicts a Spot VM 30s after the Scheduled Events notice, which AKS node auto-drain answers by draining the node',
    source: 'https://learn.microsoft.com/azure/virtual-machines/spot-vms, https://learn.microsoft.com/azure/aks/spot-node-pool, https://learn.microsoft.com/azure/aks/node-auto-drain',
    detect: placedBy('kubernetes.azure.com/scalesetpriority', 'spot', true),
  },
];

export interface SpotMatch {
  profile: SpotProfile;
  evidence: SignalEvidence[];
}

/** The spot profile the pod spec places it on (the longest notice when several match: a finding must hold on each). */
export function spotPlacement(pod: PodView, profiles: readonly SpotProfile[] = spotProfiles): SpotMatch | undefined {
  let best: SpotMatch | undefined;
  for (const profile of profiles) {
    for (const group of profile.detect) {
      const evidence = matchGroup(pod, group);
      if (!evidence) continue;
      if (!best || profile.seconds > best.profile.seconds) best = { profile, evidence };
      break;
    }
  }
  return best;
}
