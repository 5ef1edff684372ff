/**
 * Load balancers that keep draining a pod after it is deregistered: how long, and which object
 * says so. Filled in by the cross-object index.
 */

/** One load balancer in front of a pod, and how long it drains a deregistered target. */
export interface LoadBalancerDrain {
  kind: 'alb' | 'nlb' | 'gke';
  /** The object whose setting (or default) it is. */
  via: { kind: string; name: string; filePath: string; line?: number };
  /** The Service that selects the pod. */
  service: string;
  seconds: number;
  defaulted: boolean;
}
