// Kept apart from progress.ts so that run-program can stop spinners without loading ora on every start.

/** What teamops is doing while it reads and plans (a spinner), until `stop()` or the next output. */
export interface Activity {
  update(text: string): void;
  stop(): void;
}

/** Spinners still turning; a finished or failed command stops them all (their timer would keep the process up). */
export const running = new Set<Activity>();

export function stopActivities(): void {
  for (const activity of [...running]) activity.stop();
}
