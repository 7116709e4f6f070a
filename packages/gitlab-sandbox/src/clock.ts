// The sandbox has one clock: record timestamps, status expiry, due-date filters, `expired`, the demo
// seed's dates, the list cache's day, rate-limit windows, the HTTP Date header and the request log
// all read it. Tests inject theirs; `--now` (or a seed's `now`) sets it to a moment to rehearse.

export type Now = () => Date;

export interface TimeSetting {
  /** The moment the clock reads when the sandbox starts. */
  at: Date;
  /** Hold the clock at `at` (default) rather than let it run on from there. */
  frozen?: boolean;
}

export const realNow: Now = () => new Date();

/** `base` moved to `setting.at`: frozen there, or running on at `base`'s pace. */
export function shiftedNow(base: Now, setting: TimeSetting): Now {
  const at = setting.at.getTime();
  if (setting.frozen !== false) return () => new Date(at);
  const offsetMs = at - base().getTime();
  return () => new Date(base().getTime() + offsetMs);
}
