import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A run's scratch folder, made on first use (a run served from the cache never makes one) and always removed. */
export class WorkDir {
  private made: string | undefined;

  get path(): string {
    this.made ??= mkdtempSync(join(tmpdir(), 'streamgank-run-'));
    return this.made;
  }

  remove(): void {
    if (this.made) rmSync(this.made, { recursive: true, force: true });
    this.made = undefined;
  }
}
