/**
 * Keeps a failing dependency out of the way: after a failure, calls are skipped for `retryAfterMs`,
 * and an outage is announced once when it starts and once when it ends, however many calls fail
 * in between.
 */
export class CircuitBreaker {
  private openUntil = 0;
  private lastFailureAt = -Infinity;
  private down = false;
  private lastError: string | undefined;

  constructor(
    private readonly retryAfterMs: number,
    private readonly events: { down(reason: string): void; up(): void },
  ) {}

  /** True while calls should be skipped. */
  isOpen(now = performance.now()): boolean {
    return now < this.openUntil;
  }

  get failing(): boolean {
    return this.down;
  }

  get error(): string | undefined {
    return this.lastError;
  }

  /** A call that started at `startedAt` succeeded; one that started before the last failure proves nothing. */
  succeeded(startedAt: number): void {
    if (startedAt < this.lastFailureAt) return;
    this.openUntil = 0;
    this.lastError = undefined;
    if (!this.down) return;
    this.down = false;
    this.events.up();
  }

  failed(reason: string, now = performance.now()): void {
    this.lastFailureAt = now;
    this.openUntil = now + this.retryAfterMs;
    this.lastError = reason;
    if (this.down) return;
    this.down = true;
    this.events.down(reason);
  }
}
