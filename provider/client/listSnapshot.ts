// Serves the `read`s of one refresh from a single paginated list instead of one GET per token.
//
// A refresh calls `read` once per token, concurrently. The first call starts one list of the whole environment; every
// other call is answered from that same list, so N reads cost ceil(total / pageSize) requests instead of N. A read is
// answered as soon as a page holding its token arrives, so reads don't pile up (with their properties, in memory)
// until the last page; a token missing from the whole list is gone. The snapshot lives inside the client, and clients
// live for one provider process, which Pulumi starts per command: no snapshot outlives the `pulumi refresh` (or
// `up --refresh`) that fetched it.
//
// The snapshot must never hide a change this process made itself: every id the client writes (create, update, delete)
// is remembered, and reads of those ids go to the API directly, also when the write raced the list.

/** Something the list returns, keyed by its id. */
export interface Identified {
  readonly id: string;
}

interface Waiter<T> {
  resolve: (item: T | undefined) => void;
  reject: (error: unknown) => void;
}

export class ListSnapshot<T extends Identified> {
  readonly #fetchPages: (onPage: (items: readonly T[]) => void) => Promise<void>;
  readonly #byId = new Map<string, T>();
  readonly #waiting = new Map<string, Array<Waiter<T>>>();
  #loading: Promise<void> | undefined;
  #complete = false;
  readonly #written = new Set<string>();

  /** `fetchPages` lists the environment, handing over each page as it arrives. */
  constructor(fetchPages: (onPage: (items: readonly T[]) => void) => Promise<void>) {
    this.#fetchPages = fetchPages;
  }

  /**
   * The token as the shared list shows it, `undefined` if the list does not hold it (gone), or whatever `direct` says
   * for a token this process has written to.
   */
  async find(id: string, direct: () => Promise<T | undefined>): Promise<T | undefined> {
    if (this.#written.has(id)) return direct();
    let item = this.#byId.get(id);
    if (item === undefined && !this.#complete) {
      item = await new Promise<T | undefined>((resolve, reject) => {
        const waiters = this.#waiting.get(id) ?? [];
        waiters.push({ resolve, reject });
        this.#waiting.set(id, waiters);
        this.#loading ??= this.#load();
      });
    }
    // Written while the list was on its way: the list may predate the write.
    if (this.#written.has(id)) return direct();
    return item;
  }

  /** Called before every request that changes `id`: from then on its reads bypass the snapshot. */
  markWritten(id: string): void {
    this.#written.add(id);
  }

  /** Whether a list has been fetched or is being fetched (tests). */
  get loaded(): boolean {
    return this.#loading !== undefined || this.#complete;
  }

  async #load(): Promise<void> {
    try {
      await this.#fetchPages((items) => {
        for (const item of items) {
          this.#byId.set(item.id, item);
          const waiters = this.#waiting.get(item.id);
          if (waiters) {
            this.#waiting.delete(item.id);
            for (const w of waiters) w.resolve(item);
          }
        }
      });
      this.#complete = true;
      this.#settle((w) => w.resolve(undefined));
    } catch (error) {
      // A failed list fails the reads waiting for it, once; the next read lists again rather than repeating the failure.
      this.#byId.clear();
      this.#settle((w) => w.reject(error));
    } finally {
      this.#loading = undefined;
    }
  }

  #settle(how: (waiter: Waiter<T>) => void): void {
    const all = [...this.#waiting.values()].flat();
    this.#waiting.clear();
    for (const w of all) how(w);
  }
}
