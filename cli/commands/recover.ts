// `dt-tokens recover`: after a killed `pulumi up`, find — and with --delete remove — the tokens a stack's creates made
// whose answers never reached its state. Exact by construction: every token the provider creates carries the create
// marker `⟨pulumi <stack tag>.<nonce>⟩` (provider/client/createMarker.ts), so an orphan of this stack is a token with
// this stack's tag whose id the stack's state does not hold. Tokens of other stacks (other tags), tokens made by hand
// or by older versions (no marker) and every token the state knows are never touched.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { ActiveGateTokensClient } from "../../provider/client/activeGateTokens";
import { ApiTokensClient } from "../../provider/client/apiTokens";
import { markerOf, stackTag, withoutMarker } from "../../provider/client/createMarker";
import { DynatraceHttpClient } from "../../provider/client/http";
import { tryParseUrn } from "../../provider/native/urn";
import type { CommandContext } from "../context";
import { cliEnvironment } from "../environment";
import { listEnvironmentTokens, MAX_ACTIVE_GATE_PAGE } from "../environmentTokens";
import { CliError } from "../errors";
import { pulumiJson, readJsonFile } from "../pulumi/run";
import { stackExportSchema, type StackExport } from "../pulumi/schemas";
import { stateTokens } from "../pulumi/tokenResources";

const optionsSchema = z.object({
  envUrl: z.string().optional(),
  apiTokenEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "--api-token-env must name an environment variable").default("DYNATRACE_API_TOKEN"),
  stack: z.string().optional(),
  cwd: z.string().optional(),
  stackExport: z.string().optional(),
  minAge: z.number().int().positive().default(60),
  delete: z.boolean().default(false),
  format: z.enum(["markdown", "json"]).default("markdown"),
});
export type RecoverOptions = z.input<typeof optionsSchema>;

export interface OrphanToken {
  readonly kind: "API token" | "ActiveGate token";
  readonly id: string;
  /** The requested name (without the marker). */
  readonly name: string;
  readonly creationDate: string | undefined;
  readonly deleted: boolean;
}

export interface RecoverResult {
  readonly command: "recover";
  /** `findings` when orphans are left (listed, not deleted); `clean` when there were none or all were deleted. */
  readonly outcome: "clean" | "findings";
  readonly envUrl: string;
  readonly project: string;
  readonly stack: string;
  readonly stackTag: string;
  readonly minAgeSeconds: number;
  readonly orphans: readonly OrphanToken[];
  /** Marked tokens of this stack not in its state but younger than --min-age: perhaps a create still in flight. */
  readonly tooYoung: number;
  /** Token kinds that could not be listed (e.g. the token lacks the ActiveGate scope), with the reason. */
  readonly skipped: readonly string[];
}

export async function run(options: RecoverOptions, context: CommandContext): Promise<RecoverResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliError("USAGE", parsed.error.issues[0]?.message ?? "invalid options");
  const o = parsed.data;
  const { envUrl, apiToken } = cliEnvironment(
    o.envUrl,
    o.apiTokenEnv,
    "the token the stack uses (apiTokens.read/write, activeGateTokenManagement.read/write)",
    context,
  );
  if (o.stackExport && (o.stack || o.cwd)) throw new CliError("USAGE", "give either --stack-export or --stack/--cwd, not both");

  const exported = o.stackExport
    ? await readJsonFile(o.stackExport, stackExportSchema, context)
    : await pulumiJson(["stack", "export"], { stack: o.stack, cwd: o.cwd }, stackExportSchema, context);
  // A stack whose state was lost and started afresh (docs/recovery.md, step 0) has no resource to name it: ask Pulumi.
  const { project, stack } =
    o.stackExport || (exported.deployment.resources ?? []).length > 0 ? stackOf(exported) : await selectedStack(o.stack, o.cwd, context);
  const tag = stackTag(project, stack);
  const known = knownIds(exported);

  const http = new DynatraceHttpClient({ envUrl, apiToken });
  try {
    const { apiTokens, activeGateTokens, skipped } = await listEnvironmentTokens(http, context.progress, {
      apiTokens: { fields: "id,name,creationDate" },
      activeGatePageSize: MAX_ACTIVE_GATE_PAGE,
    });
    const candidates: Array<{ kind: OrphanToken["kind"]; id: string; name?: string | undefined; creationDate?: string | undefined }> = [
      ...apiTokens.map((t) => ({ ...t, kind: "API token" as const })),
      ...activeGateTokens.map((t) => ({ ...t, kind: "ActiveGate token" as const })),
    ];
    const now = http.serverNow().getTime();
    let tooYoung = 0;
    const orphans: OrphanToken[] = [];
    for (const token of candidates) {
      if (markerOf(token.name)?.stackTag !== tag || known.has(token.id)) continue;
      const created = token.creationDate ? Date.parse(token.creationDate) : Number.NaN;
      // A token this young may be a create of a run still going (the stack lock was broken, or a CI retry overlaps).
      if (!Number.isNaN(created) && now - created < o.minAge * 1000) {
        tooYoung++;
        continue;
      }
      if (o.delete) {
        await (token.kind === "API token" ? new ApiTokensClient(http) : new ActiveGateTokensClient(http)).delete(token.id);
      }
      orphans.push({ kind: token.kind, id: token.id, name: withoutMarker(token.name ?? ""), creationDate: token.creationDate, deleted: o.delete });
    }
    return {
      command: "recover",
      outcome: orphans.length > 0 && !o.delete ? "findings" : "clean",
      envUrl: http.envUrl,
      project,
      stack,
      stackTag: tag,
      minAgeSeconds: o.minAge,
      orphans,
      tooYoung,
      skipped,
    };
  } finally {
    await http.close();
  }
}

/** Project and stack from the export's URNs (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOf(exported: StackExport): { project: string; stack: string } {
  const urn = (exported.deployment.resources ?? []).map((r) => r.urn).find((u): u is string => typeof u === "string");
  const parsed = urn === undefined ? undefined : tryParseUrn(urn);
  if (!parsed || parsed.stack === "" || parsed.project === "") {
    throw new CliError("INPUT", "the stack export holds no resource, so it does not say which stack it is; run `pulumi up` once (it records the stack) and try again");
  }
  return { stack: parsed.stack, project: parsed.project };
}

/** The selected stack and its project, from `pulumi stack ls` and the project's Pulumi.yaml. */
async function selectedStack(stackOption: string | undefined, cwd: string | undefined, context: CommandContext): Promise<{ project: string; stack: string }> {
  const stacks = await pulumiJson(["stack", "ls", "--json"], { cwd }, z.array(z.looseObject({ name: z.string(), current: z.boolean().optional() })), context);
  const name = stackOption ?? stacks.find((s) => s.current)?.name;
  const dir = path.resolve(context.cwd, cwd ?? ".");
  const manifest = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  const project = manifest ? /^name:\s*["']?([^"'\s#]+)/m.exec(fs.readFileSync(manifest, "utf8"))?.[1] : undefined;
  if (!name || !project) throw new CliError("INPUT", "could not tell which stack this is: give --stack and run dt-tokens in the project directory (or --cwd)");
  // `organization/<project>/<stack>` on some backends: the tag is made from the stack's own name.
  return { project, stack: name.split("/").pop()! };
}

/**
 * Every token id in the state, pending operations included (a pending delete or update has its id): each resource's
 * id, the token in use after a rotation in place (`tokenId`) and a previous token kept for an overlap — never orphans.
 */
function knownIds(exported: StackExport): Set<string> {
  const ids = new Set<string>();
  const add = (resource: { id?: string | null | undefined; outputs?: Record<string, unknown> | null | undefined }) => {
    if (resource.id) ids.add(resource.id);
    for (const token of stateTokens(resource)) ids.add(token.id);
  };
  for (const resource of exported.deployment.resources ?? []) add(resource);
  const pending = (exported.deployment as { pending_operations?: Array<{ resource?: { id?: string; outputs?: Record<string, unknown> } }> }).pending_operations ?? [];
  for (const op of pending) if (op.resource) add(op.resource);
  return ids;
}
