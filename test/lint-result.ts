/** A LintResult built by hand for formatter tests, its counts taken from the messages. */
import type { LintMessage, LintResult } from '../src/types.js';

export function result(filePath: string, source: string, messages: LintMessage[], suppressedMessages: LintMessage[] = []): LintResult {
  return {
    filePath,
    messages,
    suppressedMessages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: messages.filter((m) => m.fix && m.severity === 2).length,
    fixableWarningCount: messages.filter((m) => m.fix && m.severity === 1).length,
    source,
    usedDeprecatedRules: [],
  };
}
