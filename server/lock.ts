/** Runs tasks one at a time, in order (imports write one transaction at a time). */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  get queued(): number {
    return this.waiting;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting += 1;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => { this.waiting -= 1; },
      () => { this.waiting -= 1; },
    );
    return result;
  }
}
