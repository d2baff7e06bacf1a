// Preloaded by bench/scale.ts --memory when PDT_HEAP_DIR is set (NODE_OPTIONS="--require …"), in the dynamic-provider
// process only: logs process.memoryUsage() every 250 ms to $PDT_HEAP_DIR/provider-<pid>.memory.log, and writes one heap
// snapshot once RSS passes PDT_HEAP_AT_MB (if set), to see what a refresh keeps alive.
"use strict";
const v8 = require("node:v8");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.PDT_HEAP_DIR;
const at = process.env.PDT_HEAP_AT_MB ? Number(process.env.PDT_HEAP_AT_MB) * 1024 * 1024 : Infinity;
if (dir && process.argv.some((a) => a.includes("dynamic-provider"))) {
  const log = path.join(dir, `provider-${process.pid}.memory.log`);
  const start = Date.now();
  let snapped = false;
  const mb = (n) => (n / 1048576).toFixed(0);
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    fs.appendFileSync(log, `${((Date.now() - start) / 1000).toFixed(1)}s rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`);
    if (!snapped && m.rss >= at) {
      snapped = true;
      v8.writeHeapSnapshot(path.join(dir, `provider-${process.pid}.heapsnapshot`));
    }
  }, 250);
  timer.unref();
}
