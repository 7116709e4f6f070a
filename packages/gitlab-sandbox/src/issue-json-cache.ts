import type { IssueRecord } from './records.js';
import type { Store } from './store.js';

// The serialized JSON of issues, UTF-8 encoded, kept per issue and per presentation variant. A
// 100-issue page is about 180 KB of JSON, and building, stringifying and encoding it was most of
// what a list request cost, so list pages are concatenated from these buffers instead. An entry is valid while the issue's
// revision, the store's generation (users, milestones, labels, projects... everything else an
// issue shows) and the sandbox's day (milestones' `expired`) are the ones it was built with.

/** Per issue: stale variants (another Host, another reference base...) are dropped beyond this. */
const MAX_VARIANTS = 8;

interface Entry {
  revision: number;
  texts: Map<string, Buffer>;
}

export class IssueJsonCache {
  private readonly entries = new Map<number, Entry>();
  private generation = -1;
  private today = '';

  constructor(private readonly store: Store) {}

  /** The cached JSON of `issue` in `variant`, or what `render` returns (then cached). */
  json(issue: IssueRecord, variant: string, today: string, render: () => string): Buffer {
    const generation = this.store.generation;
    if (generation !== this.generation || today !== this.today) {
      this.entries.clear();
      this.generation = generation;
      this.today = today;
    }
    const revision = this.store.issueRevision(issue.id);
    let entry = this.entries.get(issue.id);
    if (!entry || entry.revision !== revision) {
      entry = { revision, texts: new Map() };
      this.entries.set(issue.id, entry);
    }
    let text = entry.texts.get(variant);
    if (text === undefined) {
      text = Buffer.from(render(), 'utf8');
      if (entry.texts.size >= MAX_VARIANTS) entry.texts.clear();
      entry.texts.set(variant, text);
    }
    return text;
  }
}

const caches = new WeakMap<Store, IssueJsonCache>();

export function issueJsonCache(store: Store): IssueJsonCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new IssueJsonCache(store);
    caches.set(store, cache);
  }
  return cache;
}
