// Rack::Attack throttles as GitLab configures them: fixed windows aligned to multiples of the
// period, counted per user (or per IP for anonymous callers). With a limit set, every API response
// carries the RateLimit-* headers and, once a window is spent, the answer is 429 with a plain-text
// body. Without one the sandbox is a self-managed GitLab with its throttles off: no headers, so a
// client that paces itself by them runs at full speed, as it would there.

export interface RateLimitSettings {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitVerdict {
  limited: boolean;
  headers: Record<string, string>;
}

export class FixedWindowRateLimiter {
  private readonly counts = new Map<string, { windowStart: number; count: number }>();

  constructor(private settings: RateLimitSettings | undefined) {}

  configure(settings: RateLimitSettings | undefined): void {
    this.settings = settings;
    this.counts.clear();
  }

  check(key: string, nowMs: number): RateLimitVerdict {
    const settings = this.settings;
    if (!settings) return { limited: false, headers: {} };
    const periodMs = settings.windowSeconds * 1000;
    const windowStart = Math.floor(nowMs / periodMs) * periodMs;
    let entry = this.counts.get(key);
    if (!entry || entry.windowStart !== windowStart) {
      entry = { windowStart, count: 0 };
      this.counts.set(key, entry);
    }
    entry.count += 1;
    const limited = entry.count > settings.limit;
    const resetSeconds = Math.ceil((windowStart + periodMs) / 1000);
    const observed = entry.count;
    const headers: Record<string, string> = {
      // Rack::Attack's throttle: per IP for anonymous traffic, per user otherwise.
      'RateLimit-Name': key.startsWith('ip:') ? 'throttle_unauthenticated_api' : 'throttle_authenticated_api',
      // Gitlab::RackAttack::RequestThrottleData normalises the limit to a per-minute figure.
      'RateLimit-Limit': String(Math.round((settings.limit * 60) / settings.windowSeconds)),
      'RateLimit-Observed': String(observed),
      'RateLimit-Remaining': String(Math.max(0, settings.limit - observed)),
      'RateLimit-Reset': String(resetSeconds),
    };
    if (limited) {
      headers['RateLimit-ResetTime'] = new Date(resetSeconds * 1000).toUTCString();
      headers['Retry-After'] = String(Math.max(1, resetSeconds - Math.floor(nowMs / 1000)));
    }
    return { limited, headers };
  }
}
