// Preloaded by bench/scale.ts --profile (NODE_OPTIONS="--require …"; node refuses --cpu-prof there): CPU-profiles the
// provider process (the dynamic-provider host or a native plugin) and the program (Pulumi's cmd/run), writing one
// profile segment per second to $PDT_PROF_DIR, because the engine may kill the provider without letting it exit.
"use strict";
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.PDT_PROF_DIR;
const role = process.argv.some((a) => /dynamic-provider|pulumi-resource-/.test(a)) ? "provider" : process.argv.some((a) => a.includes("cmd/run")) ? "program" : undefined;
if (dir && role) {
  const session = new inspector.Session();
  session.connect();
  let segment = 0;
  const flush = (restart) => {
    session.post("Profiler.stop", (err, result) => {
      if (!err && result) fs.writeFileSync(path.join(dir, `${role}-${process.pid}-${segment++}.cpuprofile`), JSON.stringify(result.profile));
      if (restart) session.post("Profiler.start");
    });
  };
  session.post("Profiler.enable", () => {
    session.post("Profiler.setSamplingInterval", { interval: 500 }, () => session.post("Profiler.start"));
  });
  setInterval(() => flush(true), 1000).unref();
  process.on("exit", () => flush(false));
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      flush(false);
      process.exit(0);
    });
  }
}
