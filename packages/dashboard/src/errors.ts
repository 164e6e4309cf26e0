import type { ErrorCategory } from '@streamgank/cache';

/** Every code a DashboardError carries, with its category: stable, for the CLI's exit codes. */
export const DASHBOARD_ERROR_CODES = Object.freeze({
  INVALID_OPTION: 'usage',
  PORT_IN_USE: 'failure',
  LISTEN_FAILED: 'failure',
} as const satisfies Readonly<Record<string, ErrorCategory>>);

export type DashboardErrorCode = keyof typeof DASHBOARD_ERROR_CODES;

/** Every error the dashboard throws on purpose; each subclass names its code once, as its static `code`. */
export class DashboardError extends Error {
  readonly code: DashboardErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = (new.target as unknown as { readonly code: DashboardErrorCode }).code;
  }
}

/** Another program (often a dashboard already running) holds the port. */
export class PortInUseError extends DashboardError {
  static readonly code = 'PORT_IN_USE' satisfies DashboardErrorCode;

  constructor(
    readonly port: number,
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Port ${port} on ${host} is already in use. Stop whatever is listening there or pass --port <another port> (e.g. --port ${nextPort(port)}).`,
      options,
    );
  }
}

/** The address cannot be bound for another reason: a host this machine does not have, a privileged port. */
export class ListenError extends DashboardError {
  static readonly code = 'LISTEN_FAILED' satisfies DashboardErrorCode;

  constructor(
    readonly port: number,
    readonly host: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot serve the dashboard on ${host}:${port} (${reason}). Pass --host 127.0.0.1 and a free --port.`,
      options,
    );
  }
}

/** A start option that cannot work (a port outside 0..65535, an empty token). */
export class InvalidDashboardOptionError extends DashboardError {
  static readonly code = 'INVALID_OPTION' satisfies DashboardErrorCode;

  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Invalid --${option} ${JSON.stringify(value)}: expected ${expected}.`);
  }
}

function nextPort(port: number): number {
  return port > 0 && port < 65_535 ? port + 1 : 4301;
}
