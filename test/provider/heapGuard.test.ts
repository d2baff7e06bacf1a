import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { GROWTH_AFTER_COLLECTION, MIN_COLLECT_BYTES, fullCollection, heapCheck } from "../../provider/heapGuard";

const MB = 1024 * 1024;

describe("heap guard (issue 11: memory of a large refresh)", () => {
  it("collects once the used heap passes the threshold, not before", () => {
    let used = MIN_COLLECT_BYTES - MB;
    let collections = 0;
    const check = heapCheck(
      () => used,
      () => {
        collections++;
        used = 40 * MB;
      },
    );
    check();
    expect(collections).toBe(0);
    used = MIN_COLLECT_BYTES + MB;
    check();
    expect(collections).toBe(1);
    check();
    expect(collections).toBe(1);
  });

  it("raises the threshold above what survives a collection, so a heap that is really that large is not collected again and again", () => {
    const alive = 200 * MB;
    let used = alive + MB;
    let collections = 0;
    const check = heapCheck(
      () => used,
      () => {
        collections++;
        used = alive;
      },
    );
    check();
    expect(collections).toBe(1);
    used = alive * GROWTH_AFTER_COLLECTION - MB;
    check();
    expect(collections).toBe(1);
    used = alive * GROWTH_AFTER_COLLECTION + MB;
    check();
    expect(collections).toBe(2);
  });

  it("runs V8's full collection: an object nothing refers to is gone afterwards", async () => {
    const collect = fullCollection();
    let target: object | undefined = { big: new Array(1000).fill("x") };
    const ref = new WeakRef(target);
    target = undefined;
    // A WeakRef keeps its target for the rest of the turn that created or read it.
    await nextTurn();
    collect();
    expect(ref.deref()).toBeUndefined();
  });
});
