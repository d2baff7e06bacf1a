// Serves the `read`s of one refresh from a single paginated list instead of one GET per token.
//
// A refresh calls `read` once per token, concurrently. The first call starts one list of the whole environment; every
// other call waits for that same list, so N reads cost ceil(total / pageSize) requests instead of N. A token missing
// from the list is gone. The snapshot lives inside the client, and clients live for one provider process, which
// Pulumi starts per command: no snapshot outlives the `pulumi refresh` (or `up --refresh`) that fetched it.
//
// The snapshot must never hide a change this process made itself: every id the client writes (create, update, delete)
// is remembered, and reads of those ids go to the API directly, also when the write raced the list.

/** Something the list returns, keyed by its id. */
export interface Identified {
  readonly id: string;
}

export class ListSnapshot<T extends Identified> {
  readonly #fetchAll: () => Promise<T[]>;
  #snapshot: Promise<Map<string, T>> | undefined;
  readonly #written = new Set<string>();

  constructor(fetchAll: () => Promise<T[]>) {
    this.#fetchAll = fetchAll;
  }

  /**
   * The token as the shared list shows it, `undefined` if the list does not hold it (gone), or whatever `direct` says
   * for a token this process has written to.
   */
  async find(id: string, direct: () => Promise<T | undefined>): Promise<T | undefined> {
    if (this.#written.has(id)) return direct();
    const snapshot = (this.#snapshot ??= this.#load());
    const byId = await snapshot;
    // Written while the list was on its way: the list may predate the write.
    if (this.#written.has(id)) return direct();
    return byId.get(id);
  }

  /** Called before every request that changes `id`: from then on its reads bypass the snapshot. */
  markWritten(id: string): void {
    this.#written.add(id);
  }

  /** Whether a list has been fetched or is being fetched (tests). */
  get loaded(): boolean {
    return this.#snapshot !== undefined;
  }

  #load(): Promise<Map<string, T>> {
    const loading = this.#fetchAll().then((all) => new Map(all.map((item) => [item.id, item])));
    // A failed list fails the reads waiting for it, once; the next read tries again rather than repeating the failure.
    loading.catch(() => {
      if (this.#snapshot === loading) this.#snapshot = undefined;
    });
    return loading;
  }
}
