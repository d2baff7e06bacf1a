// The copy of the state a move keeps: `pulumi stack export` exactly as Pulumi printed it, secrets as the ciphertext of
// the stack's secrets provider (nothing decrypted), written before the move imports anything. `pulumi stack import
// --file <backup>` puts the stack back.
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError } from "../errors";

/** The folder, in the Pulumi project, that holds dt-tokens' files; it ignores itself for git. */
export const STATE_DIR = ".dt-tokens";

/** `<project>/.dt-tokens/backups/<stack>-<UTC time>-before-move-to-<face>.json` (no `:`, which Windows refuses). */
export function defaultBackupPath(projectDir: string, stack: string, to: string, now: Date): string {
  const time = now.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
  return path.join(projectDir, STATE_DIR, "backups", `${stack.replace(/[^\w.-]/g, "_")}-${time}-before-move-to-${to}.json`);
}

/** Writes `text` to `file`, readable by its owner only, refusing to overwrite anything. */
export function writeBackup(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const stateDir = path.dirname(path.dirname(file));
    // The state is no source: keep dt-tokens' folder out of git whatever the project's .gitignore says.
    if (path.basename(stateDir) === STATE_DIR && !fs.existsSync(path.join(stateDir, ".gitignore"))) {
      fs.writeFileSync(path.join(stateDir, ".gitignore"), "*\n");
    }
    fs.writeFileSync(file, text, { mode: 0o600, flag: "wx" });
  } catch (cause) {
    throw new CliError("INPUT", `cannot write the backup ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}; nothing was moved`, { cause });
  }
}
