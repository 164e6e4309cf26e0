/** Every error the dashboard throws on purpose carries a stable `code`, so the CLI can map it to one line. */
export class DashboardError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Another program (often a dashboard already running) holds the port. */
export class PortInUseError extends DashboardError {
  constructor(
    readonly port: number,
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(
      'PORT_IN_USE',
      `Port ${port} on ${host} is already in use. Stop whatever is listening there or pass --port <another port> (e.g. --port ${nextPort(port)}).`,
      options,
    );
  }
}

/** The address cannot be bound for another reason: a host this machine does not have, a privileged port. */
export class ListenError extends DashboardError {
  constructor(
    readonly port: number,
    readonly host: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'LISTEN_FAILED',
      `Cannot serve the dashboard on ${host}:${port} (${reason}). Pass --host 127.0.0.1 and a free --port.`,
      options,
    );
  }
}

/** A start option that cannot work (a port outside 0..65535, an empty token). */
export class InvalidDashboardOptionError extends DashboardError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super('INVALID_OPTION', `Invalid --${option} ${JSON.stringify(value)}: expected ${expected}.`);
  }
}

function nextPort(port: number): number {
  return port > 0 && port < 65_535 ? port + 1 : 4301;
}
