// Issue 10's kill figures: `pulumi up` of N tokens killed with SIGKILL at a random moment of its creates, in T trials,
// each followed by the recovery docs/recovery.md gives; prints per trial and in total what was left wrong.
// Run (after `npm run build` and `bash scripts/install-pulumi.sh`):
//   npx ts-node --transpile-only bench/kill-recovery.ts [trials=10] [tokens=20] [--cut-state]
// --cut-state also empties the state file after each kill, as a kill during a checkpoint write does.
import { startEmulator } from "../emulator";
import { killTrial, type KillTrialResult } from "../test/harness/killTrial";

async function main(): Promise<void> {
  const trials = Number(process.argv[2] ?? 10);
  const tokens = Number(process.argv[3] ?? 20);
  const cutStateFile = process.argv.includes("--cut-state");
  const results: KillTrialResult[] = [];
  for (let i = 1; i <= trials; i++) {
    // An environment per trial: every trial's stack is `tokens/test`, i.e. the same stack to `dt-tokens recover`.
    const emulator = await startEmulator();
    try {
      // The creates of one up span about two seconds at the emulator latency killTrial sets; kill anywhere in them.
      const killAfterMs = Math.round(Math.random() * 2500);
      const r = await killTrial(emulator, { tokens, killAfterMs, cutStateFile });
      results.push(r);
      console.log(
        `trial ${String(i).padStart(2)}: kill +${String(r.killAfterMs).padStart(4)} ms, ${String(r.postsBeforeKill).padStart(2)} POSTs, ` +
          `${String(r.inStateAfterKill).padStart(2)} in state, ${r.pendingCreates} pending, ${r.orphansRemoved} orphans removed → ` +
          `orphans ${r.orphans}, duplicates ${r.duplicates}, lost secrets ${r.lostSecrets}, stray providers ${r.strayProviders}, ` +
          `stray processes ${r.strayProcesses} (language hosts ended: ${r.languageHostsEnded}), preview clean ${r.previewClean}`,
      );
      if (r.steps.some((s) => !s.endsWith("→ 0"))) console.log(`  steps: ${r.steps.join("; ")}`);
      if (r.diagnosis) console.log(`  diagnosis: ${r.diagnosis}`);
    } finally {
      await emulator.close();
    }
  }
  const sum = (f: (r: KillTrialResult) => number) => results.reduce((n, r) => n + f(r), 0);
  console.log(
    `\n${trials} trials × ${tokens} tokens: ${sum((r) => r.orphansRemoved)} orphans left by the kills, all removed by \`dt-tokens recover\`; ` +
      `after the recovery: orphans ${sum((r) => r.orphans)}, duplicates ${sum((r) => r.duplicates)}, lost secrets ${sum((r) => r.lostSecrets)}, ` +
      `stray providers ${sum((r) => r.strayProviders)}, stray processes ${sum((r) => r.strayProcesses)}, ` +
      `Pulumi language hosts that outlived the kill ${sum((r) => r.languageHostsEnded)}, clean previews ${results.filter((r) => r.previewClean).length}/${trials}`,
  );
}

void main();
