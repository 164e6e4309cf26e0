import type { Output } from '../output.js';

/** What the CLI needs of the pipeline's StepInfo to label a progress bar. */
export interface ProgressStep {
  readonly number: number;
  readonly total?: number;
  readonly name: string;
}

const BAR_WIDTH = 24;

/**
 * The pipeline's reporter as the terminal sees it. Step lines are the run's output (stdout;
 * stderr under --json). Progress of long steps goes to stderr: a bar redrawn in place on a
 * terminal, otherwise a plain line at 25, 50 and 75% so that logs stay short (a quick step
 * prints none, and the step's own line says when it is done).
 */
export class RunProgress {
  private drawn = false;
  private lastBar: string | undefined;
  private readonly printedQuarter = new Map<number, number>();

  constructor(
    private readonly output: Output,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  line(text: string): void {
    this.clearBar();
    if (this.output.json) this.output.info(text);
    else if (!this.output.quiet) this.output.result(text);
    if (this.lastBar !== undefined) this.draw(this.lastBar);
  }

  progress(step: ProgressStep, fraction: number, note?: string): void {
    if (this.output.quiet) return;
    const share = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const percent = Math.floor(share * 100);
    const label = `${step.name}${step.total ? ` (step ${step.number}/${step.total})` : ''}${note ? `: ${note}` : ''}`;
    if (this.stream.isTTY) {
      if (share >= 1) {
        this.clearBar();
        this.lastBar = undefined;
        return;
      }
      const filled = Math.round(share * BAR_WIDTH);
      this.draw(`   [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}% ${label}`);
      return;
    }
    const quarter = Math.floor(share * 4);
    if (quarter === 0 || quarter === 4 || (this.printedQuarter.get(step.number) ?? 0) >= quarter) return;
    this.printedQuarter.set(step.number, quarter);
    this.output.info(`   ... ${percent}% ${label}`);
  }

  /** Leave the terminal clean: no half-drawn bar under the summary or an error. */
  finish(): void {
    this.clearBar();
    this.lastBar = undefined;
  }

  private draw(text: string): void {
    // A pseudo-terminal without a window size reports 0 columns.
    const width = this.stream.columns || 80;
    this.lastBar = text;
    this.stream.write(`\r\x1b[2K${text.length >= width ? text.slice(0, width - 1) : text}`);
    this.drawn = true;
  }

  private clearBar(): void {
    if (!this.drawn) return;
    this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
