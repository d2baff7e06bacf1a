// Keeps the provider process's memory down when it answers many calls in a row (issue #11: a refresh of 10 000
// tokens peaked at 306–340 MB RSS, against 250 MB asked for).
//
// Almost all of it was garbage: @pulumi/pulumi's dynamic-provider host decodes every call's properties (protobuf) and
// encodes every answer, and V8 let the old generation grow to three times what was alive before collecting it (heap
// log of that refresh: 50–65 MB alive after each collection, up to 200 MB used before). A provider has no say over
// V8's heap flags — Pulumi starts the process, and a heap limit can only be set when a process starts — so the
// provider collects itself: once the used heap passes a threshold, it runs a full garbage collection.
import * as v8 from "node:v8";
import * as vm from "node:vm";

/** The lowest threshold (bytes): about 1.5 times what a refresh of 10 000 tokens keeps alive. */
export const MIN_COLLECT_BYTES = 96 * 1024 * 1024; // 96 MB
/** After a collection, the threshold becomes this multiple of what survived it (never below MIN_COLLECT_BYTES). */
export const GROWTH_AFTER_COLLECTION = 1.5;
/** How often the guard looks at the heap (ms); reading its statistics costs microseconds. */
const CHECK_INTERVAL_MS = 100; // 0.1 s

/**
 * One look at the heap: collects when `used()` is above the threshold, then sets the threshold from what survived,
 * so that a process that really holds more (a large stack's `up`) is not collected again and again.
 */
export function heapCheck(used: () => number, collect: () => void): () => void {
  let threshold = MIN_COLLECT_BYTES;
  return () => {
    if (used() <= threshold) return;
    collect();
    threshold = Math.max(MIN_COLLECT_BYTES, GROWTH_AFTER_COLLECTION * used());
  };
}

/**
 * V8's full garbage collection, as `global.gc` would be with `--expose-gc`: setting the flag at run time makes V8 add
 * `gc` to contexts created afterwards, such as a fresh `vm` context (the process's own global is left as it is).
 */
export function fullCollection(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

let guarding = false;

/** Starts the guard (once per process). Its timer does not keep the process alive. */
export function guardHeap(): void {
  if (guarding) return;
  guarding = true;
  const check = heapCheck(() => v8.getHeapStatistics().used_heap_size, fullCollection());
  setInterval(check, CHECK_INTERVAL_MS).unref();
}
