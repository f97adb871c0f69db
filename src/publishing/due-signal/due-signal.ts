import { Injectable } from '@nestjs/common';

/**
 * Publishing's doorbell. Whatever makes post targets fall due — scheduling, moving or queueing a
 * post, resuming after a pause, the retry button — rings it once its transaction has committed,
 * and this process's dispatcher wakes at that time instead of at its next tick. A dispatcher in
 * another process sees the change at its own next tick.
 */
@Injectable()
export class DueSignal {
  private listener: ((at: Date) => void) | null = null;

  /** The dispatcher listens; there is one per process. */
  listen(listener: (at: Date) => void): void {
    this.listener = listener;
  }

  /** Targets fall due at these times (call after the commit that set them). */
  fallsDue(...times: Date[]): void {
    if (!this.listener || times.length === 0) return;
    this.listener(new Date(Math.min(...times.map((at) => at.getTime()))));
  }
}
