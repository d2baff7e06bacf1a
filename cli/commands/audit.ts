// `dt-tokens audit`: every API token of an environment (all pages), classified against a stack and a policy.
import { z } from "zod";
import { ApiTokensClient } from "../../provider/client/apiTokens";
import { DynatraceHttpClient } from "../../provider/client/http";
import { auditOrder, classifyToken, summarize, type AuditedToken, type AuditSummary } from "../audit/classify";
import type { CommandContext } from "../context";
import { cliEnvironment } from "../environment";
import { CliError } from "../errors";
import { pulumiJson, readJsonFile } from "../pulumi/run";
import { stackExportSchema, type StackExport } from "../pulumi/schemas";
import { resourceName, stateTokens, tokenResourceKind } from "../pulumi/tokenResources";
import type { ManagedToken } from "../audit/classify";

const optionsSchema = z.object({
  envUrl: z.string().optional(),
  apiTokenEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "--api-token-env must name an environment variable").default("DYNATRACE_API_TOKEN"),
  stack: z.string().optional(),
  cwd: z.string().optional(),
  stackExport: z.string().optional(),
  unusedDays: z.number().int().positive().default(90),
  expiringDays: z.number().int().positive().default(30),
  pageSize: z.number().int().min(100).max(10_000).default(1000),
  format: z.enum(["markdown", "json", "csv"]).default("markdown"),
});
export type AuditOptions = z.input<typeof optionsSchema>;

export interface AuditResult {
  readonly command: "audit";
  readonly outcome: "clean";
  readonly envUrl: string;
  /** The environment's time (from the API's Date header) that ages and expiries were measured against. */
  readonly auditedAt: string;
  readonly unusedDays: number;
  readonly expiringDays: number;
  /** Whether managed/unmanaged was decided (a stack or a stack export was given). */
  readonly comparedWithStack: boolean;
  readonly summary: AuditSummary;
  readonly tokens: readonly AuditedToken[];
}

export async function run(options: AuditOptions, context: CommandContext): Promise<AuditResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliError("USAGE", parsed.error.issues[0]?.message ?? "invalid options");
  const o = parsed.data;
  const { envUrl, apiToken } = cliEnvironment(o.envUrl, o.apiTokenEnv, "a token with the apiTokens.read scope", context);
  if (o.stackExport && (o.stack || o.cwd)) throw new CliError("USAGE", "give either --stack-export or --stack/--cwd, not both");

  const exported = o.stackExport
    ? await readJsonFile(o.stackExport, stackExportSchema, context)
    : o.stack || o.cwd
      ? await pulumiJson(["stack", "export"], { stack: o.stack, cwd: o.cwd }, stackExportSchema, context)
      : undefined;
  const managed = exported ? managedTokens(exported) : undefined;

  const http = new DynatraceHttpClient({ envUrl, apiToken });
  try {
    const listed = await new ApiTokensClient(http).list({ pageSize: o.pageSize });
    const now = http.serverNow();
    const policy = { unusedDays: o.unusedDays, expiringDays: o.expiringDays, now, ...(managed ? { managed } : {}) };
    const tokens = listed.map((t) => classifyToken(t, policy)).sort(auditOrder);
    return {
      command: "audit",
      outcome: "clean",
      envUrl: http.envUrl,
      auditedAt: now.toISOString(),
      unusedDays: o.unusedDays,
      expiringDays: o.expiringDays,
      comparedWithStack: managed !== undefined,
      summary: summarize(tokens),
      tokens,
    };
  } finally {
    await http.close();
  }
}

/** The provider's URL rule (https, or http to loopback only), checked before the API token is read or sent. */
/** Token id → the resource holding it, for every token in a stack export: tokens in use and previous tokens kept for an overlap. */
export function managedTokens(exported: StackExport): Map<string, ManagedToken> {
  const managed = new Map<string, ManagedToken>();
  for (const resource of exported.deployment.resources ?? []) {
    if (!tokenResourceKind(resource)) continue;
    const name = resourceName(resource.urn ?? "");
    for (const token of stateTokens(resource)) {
      managed.set(token.id, token.role === "previous" ? { resource: name, previousUntil: token.removalDate ?? "" } : { resource: name });
    }
  }
  return managed;
}
