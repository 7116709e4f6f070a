import { existsSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StoreData } from './records.js';
import type { Store } from './store.js';

// `--data FILE`: the whole state as one JSON document. Every write is on disk before its response
// is sent (a client that saw 201 after a SIGKILL still finds its issue, and its iid is never
// reused): the state goes to a temporary file, which is fsynced and renamed over the old one (and
// the folder fsynced), so a crash never leaves a half-written file. Writes that arrive while one is
// being saved share the next save (group commit), so a burst costs one save per round, not one each.

export function loadStoreData(path: string): StoreData | undefined {
  if (!existsSync(path)) return undefined;
  const data = JSON.parse(readFileSync(path, 'utf8')) as StoreData;
  if (data.schemaVersion !== 1) throw new Error(`${path}: unsupported sandbox data version ${String(data.schemaVersion)}`);
  return data;
}

export class Persistence {
  /** The save every caller of `save` joins until it starts; undefined once it has started. */
  private next: Promise<void> | undefined;
  private last: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(
    private readonly path: string,
    private readonly store: Store,
  ) {}

  /** Resolves once the state as it is now is on disk; rejects if it could not be saved. */
  save(): Promise<void> {
    if (!this.next) {
      const run = this.last.then(() => {
        this.next = undefined;
        return this.write();
      });
      this.next = run;
      this.last = run.catch(() => undefined);
    }
    return this.next;
  }

  /** Resolves once every save asked for so far has finished. */
  async idle(): Promise<void> {
    await this.last;
  }

  private async write(): Promise<void> {
    this.sequence += 1;
    const temporary = `${this.path}.${process.pid}.${this.sequence}.tmp`;
    const text = JSON.stringify(this.store.toData());
    try {
      const file = await open(temporary, 'w', 0o600);
      try {
        await file.writeFile(text);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, this.path);
      const folder = await open(dirname(this.path), 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    } catch (error) {
      process.stderr.write(`sandbox: could not save ${this.path}: ${(error as Error).message}\n`);
      throw error;
    }
  }
}
