/**
 * What the domain tells the people running it, when a customer got an answer but something is wrong on our side (the
 * payment provider refused a request our code made, a webhook of another API version). The domain returns results and
 * throws DomainErrors; it never logs, except through this port, which the server wires to its logger (pino's
 * `logger.error(details, message)` fits it as it is). Here, beside the services, because only they know when it matters.
 */
export interface OperatorLog {
  /** Something is broken and someone must act: our bug, or our configuration. */
  error(details: Record<string, unknown>, message: string): void;
  /** Worth knowing; handled. */
  warn(details: Record<string, unknown>, message: string): void;
}

/** For services run without a server (tests, some CLI commands): nothing is written. */
export const SILENT_OPERATOR_LOG: OperatorLog = { error: () => undefined, warn: () => undefined };
