/** Progress of several renders running side by side, as one fraction. */
export class RenderProgress {
  private readonly parts: number[];

  constructor(
    count: number,
    private readonly report: (fraction: number, note?: string) => void,
  ) {
    this.parts = new Array<number>(count).fill(0);
  }

  update(index: number, fraction: number, note?: string): void {
    this.parts[index] = Math.min(1, Math.max(0, fraction));
    const total = this.parts.reduce((sum, part) => sum + part, 0) / this.parts.length;
    this.report(total, note);
  }
}

/** How many FFmpeg renders run at once: two keep both cores of a small machine busy. */
export const RENDER_CONCURRENCY = 2;
