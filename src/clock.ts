/**
 * The one notion of "now" a teamops process has. Commands read `now()` once to find the team's
 * today; the GitLab transport uses `sleep()` for backoff and rate-limit waits, so a test clock can
 * let time pass without waiting for it.
 */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    if (ms <= 0) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

export const systemClock: Clock = { now: () => new Date(), sleep: realSleep };

// An instant with an explicit zone (2027-03-29T08:00:00Z, …+02:00), or a day (midnight UTC).
const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Parses an ISO 8601 instant such as `2027-03-29T08:00:00Z`; undefined when it is not one. */
export function parseInstant(text: string): Date | undefined {
  const trimmed = text.trim();
  if (!INSTANT.test(trimmed)) return undefined;
  const day = trimmed.slice(0, 10);
  // Date.parse rolls 2026-02-30 over to March; a day that does not exist is a typo.
  if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return undefined;
  const instant = new Date(trimmed.length === 10 ? `${day}T00:00:00Z` : trimmed);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
