/** Every rule, by id, sorted. Generated parts of the docs and the config schema read this map. */
import type { Rule } from '../src/rule-api.js';
import cronjobStartingDeadlineTooShort from './cronjob-starting-deadline-too-short/index.js';
import execBinaryMissing from './exec-binary-missing/index.js';
import featureUnavailable from './feature-unavailable/index.js';
import gracePeriodZero from './grace-period-zero/index.js';
import handlerCount from './handler-count/index.js';
import hookTcpsocket from './hook-tcpsocket/index.js';
import hookVarNotExpanded from './hook-var-not-expanded/index.js';
import initContainerLifecycle from './init-container-lifecycle/index.js';
import livenessExternalHost from './liveness-external-host/index.js';
import livenessKillsSlowStart from './liveness-kills-slow-start/index.js';
import livenessMatchesReadiness from './liveness-matches-readiness/index.js';
import livenessProbeMissing from './liveness-probe-missing/index.js';
import livenessRestartNever from './liveness-restart-never/index.js';
import livenessSuccessThreshold from './liveness-success-threshold/index.js';
import meshDrainExceedsGracePeriod from './mesh-drain-exceeds-grace-period/index.js';
import pdbBlocksEviction from './pdb-blocks-eviction/index.js';
import poststartHttpRace from './poststart-http-race/index.js';
import poststartNeverEnds from './poststart-never-ends/index.js';
import poststartSlow from './poststart-slow/index.js';
import prestopExceedsGracePeriod from './prestop-exceeds-grace-period/index.js';
import prestopMissingDrainDelay from './prestop-missing-drain-delay/index.js';
import prestopNeverEnds from './prestop-never-ends/index.js';
import prestopStarvesShutdown from './prestop-starves-shutdown/index.js';
import probeEmpty from './probe-empty/index.js';
import probeExecExceedsTimeout from './probe-exec-exceeds-timeout/index.js';
import probeGraceCutsPrestop from './probe-grace-cuts-prestop/index.js';
import probePortUndeclared from './probe-port-undeclared/index.js';
import probePortUnresolved from './probe-port-unresolved/index.js';
import probeTimeoutExceedsPeriod from './probe-timeout-exceeds-period/index.js';
import readinessGracePeriod from './readiness-grace-period/index.js';
import readinessProbeMissing from './readiness-probe-missing/index.js';
import restartPolicyForKind from './restart-policy-for-kind/index.js';
import rollingUpdateBothZero from './rolling-update-both-zero/index.js';
import runtimeUnsupported from './runtime-unsupported/index.js';
import schema from './schema/index.js';
import startupExceedsActiveDeadline from './startup-exceeds-active-deadline/index.js';
import startupExceedsProgressDeadline from './startup-exceeds-progress-deadline/index.js';
import stopSignalWithoutOs from './stop-signal-without-os/index.js';
import terminationExceedsSpotNotice from './termination-exceeds-spot-notice/index.js';

export const rules: Readonly<Record<string, Rule<any>>> = {
  'cronjob-starting-deadline-too-short': cronjobStartingDeadlineTooShort,
  'exec-binary-missing': execBinaryMissing,
  'feature-unavailable': featureUnavailable,
  'grace-period-zero': gracePeriodZero,
  'handler-count': handlerCount,
  'hook-tcpsocket': hookTcpsocket,
  'hook-var-not-expanded': hookVarNotExpanded,
  'init-container-lifecycle': initContainerLifecycle,
  'liveness-external-host': livenessExternalHost,
  'liveness-kills-slow-start': livenessKillsSlowStart,
  'liveness-matches-readiness': livenessMatchesReadiness,
  'liveness-probe-missing': livenessProbeMissing,
  'liveness-restart-never': livenessRestartNever,
  'liveness-success-threshold': livenessSuccessThreshold,
  'mesh-drain-exceeds-grace-period': meshDrainExceedsGracePeriod,
  'pdb-blocks-eviction': pdbBlocksEviction,
  'poststart-http-race': poststartHttpRace,
  'poststart-never-ends': poststartNeverEnds,
  'poststart-slow': poststartSlow,
  'prestop-exceeds-grace-period': prestopExceedsGracePeriod,
  'prestop-missing-drain-delay': prestopMissingDrainDelay,
  'prestop-never-ends': prestopNeverEnds,
  'prestop-starves-shutdown': prestopStarvesShutdown,
  'probe-empty': probeEmpty,
  'probe-exec-exceeds-timeout': probeExecExceedsTimeout,
  'probe-grace-cuts-prestop': probeGraceCutsPrestop,
  'probe-port-undeclared': probePortUndeclared,
  'probe-port-unresolved': probePortUnresolved,
  'probe-timeout-exceeds-period': probeTimeoutExceedsPeriod,
  'readiness-grace-period': readinessGracePeriod,
  'readiness-probe-missing': readinessProbeMissing,
  'restart-policy-for-kind': restartPolicyForKind,
  'rolling-update-both-zero': rollingUpdateBothZero,
  'runtime-unsupported': runtimeUnsupported,
  'schema': schema,
  'startup-exceeds-active-deadline': startupExceedsActiveDeadline,
  'startup-exceeds-progress-deadline': startupExceedsProgressDeadline,
  'stop-signal-without-os': stopSignalWithoutOs,
  'termination-exceeds-spot-notice': terminationExceedsSpotNotice,
};
