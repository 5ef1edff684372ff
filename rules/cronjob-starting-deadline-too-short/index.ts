import { defineRule } from '../../src/rule-api.js';

/** The CronJob controller's check interval, per the Kubernetes documentation. */
const controllerIntervalSeconds = 10;

export default defineRule({
  id: 'cronjob-starting-deadline-too-short',
  meta: {
    description: 'A CronJob startingDeadlineSeconds under the controller\'s 10-second check interval may let scheduled runs be missed.',
    category: 'startup',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: {
      raiseToInterval: 'Raise startingDeadlineSeconds to {{interval}}, the controller\'s check interval: a run is then started even when the controller notices it late, and still never more than {{interval}}s late.',
      tooShort: 'startingDeadlineSeconds is {{value}}, less than the CronJob controller\'s {{interval}}-second check interval: a run the controller notices late is past its deadline and skipped, so the CronJob may not be scheduled.',
    },
  },
  create(ctx) {
    return {
      workload(w) {
        const deadline = w.job.startingDeadlineSeconds;
        // Negative values are the schema rule's; 0 and up to 9 are accepted by the API server.
        if (deadline.state !== 'written' || deadline.value === undefined || deadline.value < 0 || deadline.value >= controllerIntervalSeconds) return;
        const data = { value: deadline.value, interval: controllerIntervalSeconds };
        // A suggestion, not a fix: a short deadline may be deliberate ("never start late"), and 10 changes that.
        ctx.report({ at: deadline, messageId: 'tooShort', data, suggest: [{ messageId: 'raiseToInterval', data, fix: ctx.edits.replace(deadline, String(controllerIntervalSeconds)) }] });
      },
    };
  },
});
