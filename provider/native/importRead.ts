// `pulumi import dynatrace-tokens:index:ApiToken <name> <id>`: the engine calls Read with nothing but the id, and
// takes the answer's outputs as the state and its inputs as what the program should say (it runs Check on them and
// reports failures as warnings). Dynatrace returns a token's secret only when it creates it, so an imported token
// has no `token` output; a warning says so, and how to keep the secret under Pulumi instead.
import { InputError } from "../sentenceErrors";
import { argumentsOf, type ResourceKind } from "../resourceKinds";
import { importActiveGateToken } from "../resources/activeGateToken";
import { importApiToken } from "../resources/apiToken";
import { identifierOf, isTokenSecret } from "../tokenFormat";
import type { ResourceUrn } from "./urn";

export interface Imported {
  readonly outputs: Record<string, unknown>;
  /** The resource's arguments, as a program of its class writes them. */
  readonly inputs: Record<string, unknown>;
  /** What the person importing should know: the missing secret, and what the program must say to match. */
  readonly warning: string;
}

/** The token `id` for a resource of `kind` named by `urn`, or undefined when Dynatrace has no such token. */
export async function importById(kind: ResourceKind, urn: ResourceUrn, id: string): Promise<Imported | undefined> {
  if (kind.className === "TenantTokenRotation") {
    throw new InputError(
      `${kind.token} "${urn.name}": a tenant token rotation has nothing to import — declare the resource with ` +
        'phase: "rotating" to start one (a rotation someone else started is reported at preview, to be finished or cancelled by them).',
    );
  }
  if (isTokenSecret(id)) {
    throw new InputError(
      `${kind.token} "${urn.name}": the import ID is a token's secret; import it by its identifier, ${identifierOf(id)}, ` +
        "or adopt it by its secret (`adopt: { token }`) to keep the secret under Pulumi.",
    );
  }
  const found = kind.provider === "ActiveGateToken" ? await importActiveGateToken(id) : await importApiToken(id);
  if (!found) return undefined;
  const mapped = argumentsOf(kind.className, id, found.inputs);
  if ("refused" in mapped) throw new InputError(`${kind.token} "${urn.name}": ${mapped.refused}`);
  return { outputs: found.outputs, inputs: mapped.args, warning: importWarning(kind, urn.name, id, found.inputs.expirationDate) };
}

function importWarning(kind: ResourceKind, name: string, id: string, expirationDate: unknown): string {
  const keep =
    kind.className === "ActiveGateToken"
      ? "An ActiveGate token's secret can't be looked up: to have one Pulumi holds, replace the token (change rotationTrigger, or use keepPreviousFor for an overlap)."
      : "To keep the secret under Pulumi, take the token over by its secret instead (`adopt: { token }`, then remove `adopt` after the first up), or replace it (change rotationTrigger) to get one whose secret Pulumi holds.";
  const expiry =
    typeof expirationDate === "string"
      ? ` Its expiration is recorded as expirationDate "${expirationDate}": a program that says otherwise (e.g. "now+90d") replaces the token.`
      : "";
  return (
    `${kind.className} "${name}" (${id}) was imported without its secret: Dynatrace returns a token's secret only when it ` +
    `creates the token, so the \`token\` output stays empty. ${keep}${expiry}`
  );
}
