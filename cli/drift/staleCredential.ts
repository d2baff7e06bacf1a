// Recognising the one Pulumi failure `drift` can work around: the stack's state holds a provider credential Dynatrace
// no longer accepts. Pulumi records the stack config with the provider at every `pulumi up`, and a refresh uses that
// copy, not the current config (docs/credentials.md); after the credential was rotated and the old one revoked, every
// refresh fails with a 401 until the next `pulumi up` — though the current config holds a working credential.
//
// The provider's 401 sentence (provider/client/errors.ts, `errorFromStatus`) is the only thing that crosses the process
// boundary: Pulumi prints it as a diagnostic, so this reads the message, and the e2e test pins the wording.
const REJECTED_STACK_CREDENTIAL = /rejected the API token from stack config (\S+) \(401\)/;

/** The stack config key whose (recorded) credential Dynatrace rejected, from a failed preview's diagnostics. */
export function rejectedStackCredential(diagnostics: readonly string[]): string | undefined {
  for (const message of diagnostics) {
    const match = REJECTED_STACK_CREDENTIAL.exec(message);
    if (match) return match[1];
  }
  return undefined;
}

/** `--stack prod --cwd infra`, as the user gave them, for commands to copy. */
export function selectionFlags(stack: string | undefined, cwd: string | undefined): string {
  return `${stack ? ` --stack ${stack}` : ""}${cwd ? ` --cwd ${cwd}` : ""}`;
}

/** `pulumi config set --secret <key> <token>`, with `--path` for a key inside a map (`…environments.prod.apiToken`). */
export function configSetCommand(configKey: string, stack: string | undefined, cwd: string | undefined): string {
  const path = configKey.includes(".") ? "--path " : "";
  return `pulumi config set --secret ${path}${configKey} <token>${selectionFlags(stack, cwd)}`;
}
