import type { CommandIo } from './command.js';

/** A progress bar on stderr for long work; a line per 10% when stderr is not a terminal. */
export class ProgressBar {
  private lastDecile = -1;
  private done = 0;

  constructor(
    private readonly io: CommandIo,
    private readonly label: string,
    private readonly total: number,
  ) {}

  tick(n = 1): void {
    this.update(this.done + n);
  }

  update(done: number): void {
    this.done = Math.min(done, this.total);
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    if (this.io.isTty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.io.err(
        `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% (${this.done}/${this.total})`,
      );
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        this.io.err(`${this.label}: ${decile * 10}% (${this.done}/${this.total})\n`);
      }
    }
  }

  finish(): void {
    this.update(this.total);
    if (this.io.isTty) this.io.err('\n');
  }
}
