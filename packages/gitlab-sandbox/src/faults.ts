// Injected failures for reliability tests. A fault "before" fails the request without applying
// it; a fault "after" applies it fully and then fails the response, which is what turns a naive
// retry of a create into a duplicate.

export type FaultKind = 500 | 502 | 503 | 'drop';
export type FaultTiming = 'before' | 'after';

export interface FaultScriptEntry {
  method?: string;
  /** Matched against the request path without its query string. */
  path?: RegExp | string;
  when: FaultTiming;
  kind: FaultKind;
  /** How many matching requests to fail; default 1. */
  times?: number;
  /** How many matching requests to let through first (the third mutation of a run: `skip: 2`); default 0. */
  skip?: number;
}

export interface FaultDecision {
  timing: FaultTiming;
  kind: FaultKind;
}

const RANDOM_KINDS: readonly FaultKind[] = [500, 502, 503, 'drop'];

/** mulberry32: small, fast and deterministic, so a seeded run fails the same requests every time. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private rate = 0;
  private script: Array<FaultScriptEntry & { remaining: number; seen: number }> = [];
  private readonly random: () => number;

  constructor(options: { rate?: number; seed?: number }) {
    this.random = options.seed === undefined ? Math.random : seededRandom(options.seed);
    this.setRate(options.rate ?? 0);
  }

  setRate(rate: number): void {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate must be between 0 and 1, got ${rate}`);
    this.rate = rate;
  }

  setScript(script: readonly FaultScriptEntry[]): void {
    this.script = script.map((entry) => ({ ...entry, remaining: entry.times ?? 1, seen: 0 }));
  }

  decide(method: string, path: string): FaultDecision | undefined {
    // Every live entry counts the requests it matches, so `skip` counts them whether or not another entry failed one.
    let scripted: (typeof this.script)[number] | undefined;
    for (const entry of this.script) {
      if (entry.remaining <= 0 || !matches(entry, method, path)) continue;
      entry.seen += 1;
      if (!scripted && entry.seen > (entry.skip ?? 0)) scripted = entry;
    }
    if (scripted) {
      scripted.remaining -= 1;
      return { timing: scripted.when, kind: scripted.kind };
    }
    if (this.rate === 0 || this.random() >= this.rate) return undefined;
    const timing: FaultTiming = this.random() < 0.5 ? 'before' : 'after';
    const kind = RANDOM_KINDS[Math.floor(this.random() * RANDOM_KINDS.length)] ?? 500;
    return { timing, kind };
  }
}

function matches(entry: FaultScriptEntry, method: string, path: string): boolean {
  if (entry.method && entry.method.toUpperCase() !== method) return false;
  if (entry.path === undefined) return true;
  return typeof entry.path === 'string' ? path === entry.path || path.endsWith(entry.path) : entry.path.test(path);
}

/** Bodies GitLab's front end (Workhorse / the load balancer) sends for these statuses. */
export function faultBody(kind: Exclude<FaultKind, 'drop'>): { contentType: string; body: string } {
  if (kind === 500) return { contentType: 'application/json', body: JSON.stringify({ message: '500 Internal Server Error' }) };
  if (kind === 502) return { contentType: 'text/plain; charset=utf-8', body: '502 Bad Gateway' };
  return { contentType: 'text/plain; charset=utf-8', body: '503 Service Unavailable' };
}
