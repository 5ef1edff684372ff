/** Kubernetes defaults (reference/lifecycle-facts.md, sections B and D). */
export const defaults = {
  terminationGracePeriodSeconds: 30,
  restartPolicy: 'Always',
  probe: {
    initialDelaySeconds: 0,
    periodSeconds: 10,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  },
  progressDeadlineSeconds: 600,
  /** The kubelet's minimum shutdown window after preStop (minimumGracePeriodInSeconds). */
  minimumGracePeriodSeconds: 2,
} as const;
