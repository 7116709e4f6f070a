import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { StoreData } from './records.js';
import type { Store } from './store.js';

// `--data FILE`: the whole state as one JSON document, written to a temporary file and renamed
// over the old one so a crash never leaves a half-written file. Writes are coalesced: a burst of
// requests costs one write shortly after it ends.

const DEBOUNCE_MS = 20;

export function loadStoreData(path: string): StoreData | undefined {
  if (!existsSync(path)) return undefined;
  const data = JSON.parse(readFileSync(path, 'utf8')) as StoreData;
  if (data.schemaVersion !== 1) throw new Error(`${path}: unsupported sandbox data version ${String(data.schemaVersion)}`);
  return data;
}

export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private sequence = 0;

  constructor(
    private readonly path: string,
    private readonly store: Store,
  ) {}

  scheduleSave(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, DEBOUNCE_MS);
  }

  /** Writes pending changes; resolves once everything scheduled so far is on disk. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      this.sequence += 1;
      const temporary = `${this.path}.${process.pid}.${this.sequence}.tmp`;
      try {
        await writeFile(temporary, JSON.stringify(this.store.toData()));
        await rename(temporary, this.path);
      } catch (error) {
        this.dirty = true;
        process.stderr.write(`sandbox: could not save ${this.path}: ${(error as Error).message}\n`);
      }
    });
    return this.writing;
  }
}
