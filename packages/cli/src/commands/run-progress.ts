import cliProgress from 'cli-progress';
import cliTruncate from 'cli-truncate';
import type { Output } from '../output.js';

/** What the CLI needs of the pipeline's StepInfo to label a progress bar. */
export interface ProgressStep {
  readonly number: number;
  readonly total?: number;
  readonly name: string;
}

const BAR_LINE = '   [{bar}] {percentage}% {label}';

/** The bar as cli-progress draws it: `   [######------]  50% Asset Preparation (step 3/7): poster 2`. */
const BAR_OPTIONS: cliProgress.Options = {
  // Cut to the terminal's width as it is measured on screen (CJK and emoji take two columns), short
  // of the edge so that the line neither wraps nor overwrites the terminal's last cell. Two columns
  // short: cli-truncate 5 overshoots by one when the cut falls inside a wide character
  // (sindresorhus/cli-truncate#28; the fix is in 6, which needs Node 22).
  format: (options, params, payload) =>
    cliTruncate(cliProgress.Format.Formatter({ ...options, format: BAR_LINE }, params, payload), params.maxWidth - 2),
  barsize: 24,
  barCompleteChar: '#',
  barIncompleteChar: '-',
  autopadding: true,
  // Erased when the step ends or a step line is printed, so nothing is left under the summary.
  clearOnComplete: true,
};

/**
 * The pipeline's reporter as the terminal sees it. Step lines are the run's output (stdout;
 * stderr under --json). Progress of long steps goes to stderr: on a terminal, a cli-progress bar
 * redrawn in place (at most ten times a second, cut at the terminal's edge rather than wrapped),
 * put aside while a step line is printed; otherwise a plain line at 25, 50 and 75% so that logs
 * stay short (a quick step prints none, and the step's own line says when it is done).
 */
export class RunProgress {
  private bar: cliProgress.SingleBar | undefined;
  private shown: { readonly percent: number; readonly label: string } | undefined;
  private readonly printedQuarter = new Map<number, number>();

  constructor(
    private readonly output: Output,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  line(text: string): void {
    const shown = this.shown;
    this.finish();
    if (this.output.json) this.output.info(text);
    else if (!this.output.quiet) this.output.result(text);
    if (shown) this.show(shown.percent, shown.label);
  }

  progress(step: ProgressStep, fraction: number, note?: string): void {
    if (this.output.quiet) return;
    const share = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const percent = share * 100;
    const label = `${step.name}${step.total ? ` (step ${step.number}/${step.total})` : ''}${note ? `: ${note}` : ''}`;
    if (this.stream.isTTY) {
      if (share >= 1) this.finish();
      else this.show(percent, label);
      return;
    }
    const quarter = Math.floor(share * 4);
    if (quarter === 0 || quarter === 4 || (this.printedQuarter.get(step.number) ?? 0) >= quarter) return;
    this.printedQuarter.set(step.number, quarter);
    this.output.info(`   ... ${Math.floor(percent)}% ${label}`);
  }

  /** Leave the terminal clean: no half-drawn bar under the summary or an error. */
  finish(): void {
    if (!this.shown) return;
    this.bar?.stop();
    this.shown = undefined;
  }

  private show(percent: number, label: string): void {
    this.bar ??= new cliProgress.SingleBar({ ...BAR_OPTIONS, stream: this.stream });
    if (this.shown) this.bar.update(percent, { label });
    else this.bar.start(100, percent, { label });
    this.shown = { percent, label };
  }
}
