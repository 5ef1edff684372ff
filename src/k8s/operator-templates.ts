/**
 * Operators' custom resources that embed pod templates, found without configuration. Data, not
 * code: each row names the API group, the kinds, the paths (template-path.ts) and the document
 * that defines them. Matching is by group and kind, so Volcano's `Job` is not taken for a
 * batch/v1 Job. Operators fill parts of these templates themselves (ECK adds the image, Crossplane
 * the whole container), so such templates are partial pod specs and the rules that need a whole
 * pod leave them alone, as for a Kustomize patch.
 */
export interface OperatorTemplates {
  group: string;
  kinds: readonly string[];
  paths: readonly string[];
  /** The upstream document that shows these paths. */
  source: string;
  /**
   * When the operator sets the pod's grace period itself from another field of the template's
   * spec (and rejects `terminationGracePeriodSeconds`): that field and its default.
   */
  gracePeriod?: { key: string; default: number };
  /**
   * The operator generates the pod and merges the written containers into its own by name (a
   * strategic merge): the template is never the whole pod, so it is a partial pod spec even when
   * every written container has an image.
   */
  mergedIntoGenerated?: true;
}

const eck = 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-customize-pods.html';
const kubeflow = 'https://www.kubeflow.org/docs/components/trainer/legacy-v1/overview/';
const ray = 'https://docs.ray.io/en/latest/cluster/kubernetes/user-guides/config.html';
const clickhouse = 'https://github.com/Altinity/clickhouse-operator/blob/master/docs/custom_resource_explained.md#spectemplatespodtemplates';
const prometheusOperator = 'https://prometheus-operator.dev/docs/platform/strategic-merge-patch/';

export const operatorTemplates: readonly OperatorTemplates[] = [
  { group: 'elasticsearch.k8s.elastic.co', kinds: ['Elasticsearch'], paths: ['spec.nodeSets[].podTemplate'], source: eck },
  { group: 'kibana.k8s.elastic.co', kinds: ['Kibana'], paths: ['spec.podTemplate'], source: eck },
  { group: 'apm.k8s.elastic.co', kinds: ['ApmServer'], paths: ['spec.podTemplate'], source: eck },
  { group: 'enterprisesearch.k8s.elastic.co', kinds: ['EnterpriseSearch'], paths: ['spec.podTemplate'], source: eck },
  { group: 'logstash.k8s.elastic.co', kinds: ['Logstash'], paths: ['spec.podTemplate'], source: eck },
  { group: 'maps.k8s.elastic.co', kinds: ['ElasticMapsServer'], paths: ['spec.podTemplate'], source: eck },
  { group: 'beat.k8s.elastic.co', kinds: ['Beat'], paths: ['spec.deployment.podTemplate', 'spec.daemonSet.podTemplate'], source: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-beat-configuration.html' },
  { group: 'agent.k8s.elastic.co', kinds: ['Agent'], paths: ['spec.deployment.podTemplate', 'spec.daemonSet.podTemplate'], source: 'https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-elastic-agent-configuration.html' },
  {
    group: 'operators.coreos.com',
    kinds: ['ClusterServiceVersion'],
    paths: ['spec.install.spec.deployments[].spec.template'],
    source: 'https://olm.operatorframework.io/docs/concepts/crds/clusterserviceversion/',
  },
  { group: 'kubeflow.org', kinds: ['TFJob'], paths: ['spec.tfReplicaSpecs.*.template'], source: kubeflow },
  { group: 'kubeflow.org', kinds: ['PyTorchJob'], paths: ['spec.pytorchReplicaSpecs.*.template'], source: kubeflow },
  { group: 'kubeflow.org', kinds: ['MXJob'], paths: ['spec.mxReplicaSpecs.*.template'], source: kubeflow },
  { group: 'kubeflow.org', kinds: ['XGBoostJob'], paths: ['spec.xgbReplicaSpecs.*.template'], source: kubeflow },
  { group: 'kubeflow.org', kinds: ['PaddleJob'], paths: ['spec.paddleReplicaSpecs.*.template'], source: kubeflow },
  { group: 'kubeflow.org', kinds: ['JAXJob'], paths: ['spec.jaxReplicaSpecs.*.template'], source: kubeflow },
  { group: 'kubeflow.org', kinds: ['MPIJob'], paths: ['spec.mpiReplicaSpecs.*.template'], source: kubeflow },
  { group: 'ray.io', kinds: ['RayCluster'], paths: ['spec.headGroupSpec.template', 'spec.workerGroupSpecs[].template'], source: ray },
  { group: 'ray.io', kinds: ['RayJob'], paths: ['spec.rayClusterSpec.headGroupSpec.template', 'spec.rayClusterSpec.workerGroupSpecs[].template'], source: ray },
  { group: 'ray.io', kinds: ['RayService'], paths: ['spec.rayClusterConfig.headGroupSpec.template', 'spec.rayClusterConfig.workerGroupSpecs[].template'], source: ray },
  {
    group: 'trainer.kubeflow.org',
    kinds: ['TrainingRuntime', 'ClusterTrainingRuntime'],
    paths: ['spec.template.spec.replicatedJobs[].template.spec.template'],
    source: 'https://www.kubeflow.org/docs/components/trainer/operator-guides/runtime/',
  },
  {
    group: 'leaderworkerset.x-k8s.io',
    kinds: ['LeaderWorkerSet'],
    paths: ['spec.leaderWorkerTemplate.leaderTemplate', 'spec.leaderWorkerTemplate.workerTemplate'],
    source: 'https://lws.sigs.k8s.io/docs/overview/',
  },
  { group: 'jobset.x-k8s.io', kinds: ['JobSet'], paths: ['spec.replicatedJobs[].template.spec.template'], source: 'https://jobset.sigs.k8s.io/docs/overview/' },
  { group: 'keda.sh', kinds: ['ScaledJob'], paths: ['spec.jobTargetRef.template'], source: 'https://keda.sh/docs/latest/reference/scaledjob-spec/' },
  { group: 'batch.volcano.sh', kinds: ['Job'], paths: ['spec.tasks[].template'], source: 'https://volcano.sh/en/docs/vcjob/' },
  {
    group: 'flink.apache.org',
    kinds: ['FlinkDeployment'],
    paths: ['spec.podTemplate', 'spec.jobManager.podTemplate', 'spec.taskManager.podTemplate'],
    source: 'https://nightlies.apache.org/flink/flink-kubernetes-operator-docs-main/docs/custom-resource/pod-template/',
  },
  // Before the trainer.kubeflow.org group, the v2alpha1 runtimes were served under kubeflow.org.
  {
    group: 'kubeflow.org',
    kinds: ['TrainingRuntime', 'ClusterTrainingRuntime'],
    paths: ['spec.template.spec.replicatedJobs[].template.spec.template'],
    source: 'https://www.kubeflow.org/docs/components/trainer/operator-guides/runtime/',
  },
  // StrimziPodSet is written by the Strimzi operator (its docs say not to edit it); each item of
  // `pods` is a whole Pod, which GitOps tools and test data hold as manifests.
  { group: 'core.strimzi.io', kinds: ['StrimziPodSet'], paths: ['spec.pods[]'], source: 'https://strimzi.io/docs/operators/latest/configuring.html#type-StrimziPodSet-reference' },
  { group: 'grafana.integreatly.org', kinds: ['Grafana'], paths: ['spec.deployment.spec.template'], source: 'https://grafana.github.io/grafana-operator/docs/api/' },
  { group: 'k8s.keycloak.org', kinds: ['Keycloak'], paths: ['spec.unsupported.podTemplate'], source: 'https://www.keycloak.org/operator/advanced-configuration' },
  {
    group: 'apps.kruise.io',
    kinds: ['AdvancedCronJob'],
    paths: ['spec.template.jobTemplate.spec.template', 'spec.template.broadcastJobTemplate.spec.template'],
    source: 'https://openkruise.io/docs/user-manuals/advancedcronjob/',
  },
  { group: 'argoproj.io', kinds: ['Experiment'], paths: ['spec.templates[].template'], source: 'https://argo-rollouts.readthedocs.io/en/stable/features/experiment/' },
  {
    group: 'argoproj.io',
    kinds: ['AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun'],
    paths: ['spec.metrics[].provider.job.spec.template'],
    source: 'https://argo-rollouts.readthedocs.io/en/stable/analysis/job/',
  },
  {
    // A Knative Service's (or Configuration's) template is a revision: a pod spec subset without
    // lifecycle or terminationGracePeriodSeconds (serving pkg/apis/serving/fieldmask.go,
    // ContainerMask and PodSpecMask), whose pods get terminationGracePeriodSeconds = timeoutSeconds
    // (pkg/reconciler/revision/resources/deploy.go, makePodSpec); unset, config-defaults'
    // revision-timeout-seconds applies, 300.
    group: 'serving.knative.dev',
    kinds: ['Service', 'Configuration'],
    paths: ['spec.template'],
    source: 'https://knative.dev/docs/serving/reference/serving-api/',
    gracePeriod: { key: 'timeoutSeconds', default: 300 },
  },
  {
    group: 'pkg.crossplane.io',
    kinds: ['DeploymentRuntimeConfig'],
    paths: ['spec.deploymentTemplate.spec.template'],
    source: 'https://docs.crossplane.io/latest/packages/providers/#runtime-configuration',
  },
  // Altinity's ClickHouse operator: each pod template has the pod's `metadata` and `spec`
  // (the CRD's spec.templates.podTemplates[].spec, "whole Pod.spec inside StatefulSet.spec").
  { group: 'clickhouse.altinity.com', kinds: ['ClickHouseInstallation', 'ClickHouseInstallationTemplate'], paths: ['spec.templates.podTemplates[]'], source: clickhouse },
  { group: 'clickhouse-keeper.altinity.com', kinds: ['ClickHouseKeeperInstallation'], paths: ['spec.templates.podTemplates[]'], source: clickhouse },
  {
    // Katib: the trial's worker is any resource (trialSpec); a Job, or a Kubeflow training job,
    // keeps its pod template where that kind does. Another kind finds nothing here.
    group: 'kubeflow.org',
    kinds: ['Experiment'],
    paths: ['spec.trialTemplate.trialSpec.spec.template', 'spec.trialTemplate.trialSpec.spec.pytorchReplicaSpecs.*.template', 'spec.trialTemplate.trialSpec.spec.tfReplicaSpecs.*.template'],
    source: 'https://www.kubeflow.org/docs/components/katib/user-guides/trial-template/',
  },
  {
    // Prometheus Operator: the object's spec carries the generated pods' `containers`,
    // `initContainers` and `terminationGracePeriodSeconds` (with the operator's default: 600 s for
    // Prometheus and PrometheusAgent, pkg/prometheus/common.go; 120 s for Alertmanager and
    // ThanosRuler, pkg/alertmanager and pkg/thanos statefulset.go). The containers are merged by
    // name into the operator's own (`prometheus`, `config-reloader`, ...), so the spec is read as a
    // partial pod spec: a patch of the generated pod, as a Kustomize patch is of its base.
    group: 'monitoring.coreos.com',
    kinds: ['Prometheus', 'PrometheusAgent'],
    paths: [''],
    source: prometheusOperator,
    gracePeriod: { key: 'terminationGracePeriodSeconds', default: 600 },
    mergedIntoGenerated: true,
  },
  { group: 'monitoring.coreos.com', kinds: ['Alertmanager', 'ThanosRuler'], paths: [''], source: prometheusOperator, gracePeriod: { key: 'terminationGracePeriodSeconds', default: 120 }, mergedIntoGenerated: true },
];

/** The API group of an apiVersion (`ray.io/v1` → `ray.io`; `v1` → '' for the core group). */
export const apiGroup = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');

const byGroupKind = new Map(operatorTemplates.flatMap((row) => row.kinds.map((kind) => [`${row.group}/${kind}`, row] as const)));

/** The operator row for an object, if its group and kind are in the table. */
export function operatorTemplatesFor(kind: string, apiVersion: string): OperatorTemplates | undefined {
  return byGroupKind.get(`${apiGroup(apiVersion)}/${kind}`);
}
