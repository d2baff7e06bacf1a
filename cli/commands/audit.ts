// `dt-tokens audit`: every API and ActiveGate token of an environment (all pages), classified against a stack and a
// policy, optionally as a CI gate (--fail-on).
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { DynatraceHttpClient } from "../../provider/client/http";
import { identifierOf } from "../../provider/tokenFormat";
import {
  AUDIT_FLAGS,
  auditOrder,
  classifyActiveGateToken,
  classifyToken,
  flagsHit,
  summarize,
  type AuditedToken,
  type AuditFlag,
  type AuditSummary,
  type ManagedToken,
} from "../audit/classify";
import { commaList } from "../commaList";
import type { CommandContext } from "../context";
import { cliEnvironment } from "../environment";
import { listEnvironmentTokens } from "../environmentTokens";
import { CliError } from "../errors";
import { importFileOf, importFileText } from "../onboard/importFile";
import { planOnboarding, type OnboardingPlan } from "../onboard/plan";
import { onboardingRequest } from "../onboard/request";
import type { Face } from "../pulumi/tokenResources";
import { pulumiJson, readJsonFile } from "../pulumi/run";
import { stackExportSchema, type StackExport } from "../pulumi/schemas";
import { resourceName, stateTokens, tokenResourceKind } from "../pulumi/tokenResources";

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
  failOn: z.string().optional(),
  importFile: z.string().min(1, "--import-file needs a path, or - for stdout").optional(),
  adoptCode: z.union([z.literal(true), z.string()]).optional(),
  kind: z.array(z.string()).default([]),
  name: z.array(z.string()).default([]),
  excludeName: z.array(z.string()).default([]),
  owner: z.array(z.string()).default([]),
  excludeExpired: z.boolean().default(false),
  excludeDisabled: z.boolean().default(false),
  includeMarked: z.boolean().default(false),
  paas: z.boolean().default(true),
  environment: z.string().min(1, "--environment needs the name of a dynatrace-tokens:environments entry").optional(),
});
export type AuditOptions = z.input<typeof optionsSchema>;

export interface AuditResult {
  readonly command: "audit";
  /** `findings` when a token has a `--fail-on` flag. */
  readonly outcome: "clean" | "findings";
  readonly envUrl: string;
  /** The environment's time (from the API's Date header) that ages and expiries were measured against. */
  readonly auditedAt: string;
  readonly unusedDays: number;
  readonly expiringDays: number;
  /** Whether managed/unmanaged was decided (a stack or a stack export was given). */
  readonly comparedWithStack: boolean;
  readonly summary: AuditSummary;
  /** API tokens (personal access tokens among them), then ActiveGate tokens. */
  readonly tokens: readonly AuditedToken[];
  /** Token kinds that could not be listed (the token lacks the ActiveGate scope), with the reason. */
  readonly skipped: readonly string[];
  readonly failOn?: readonly AuditFlag[];
  /** The `--fail-on` flags that some token has. */
  readonly failedOn?: readonly AuditFlag[];
  /** With --import-file or --adopt-code: the unmanaged tokens brought under code, and those left out. */
  readonly onboarding?: Onboarding;
}

export interface Onboarding extends OnboardingPlan {
  /** Where the import file was written (absolute), or `-` when it is printed instead of the report. */
  readonly importFile?: string;
  /** The face --adopt-code prints declarations for, instead of the report. */
  readonly adoptCode?: Face;
  readonly environment?: string;
}

export async function run(options: AuditOptions, context: CommandContext): Promise<AuditResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliError("USAGE", parsed.error.issues[0]?.message ?? "invalid options");
  const o = parsed.data;
  const failOn = o.failOn === undefined ? undefined : parseFailOn(o.failOn);
  const comparing = Boolean(o.stackExport || o.stack || o.cwd);
  if (failOn?.includes("unmanaged") && !comparing) {
    throw new CliError("USAGE", "--fail-on unmanaged needs a stack to compare with: give --stack (with --cwd) or --stack-export");
  }
  const onboarding = onboardingRequest(o, comparing);
  const { envUrl, apiToken } = cliEnvironment(o.envUrl, o.apiTokenEnv, "a token with the apiTokens.read scope", context);
  if (o.stackExport && (o.stack || o.cwd)) throw new CliError("USAGE", "give either --stack-export or --stack/--cwd, not both");

  const exported = o.stackExport
    ? await readJsonFile(o.stackExport, stackExportSchema, context)
    : comparing
      ? await pulumiJson(["stack", "export"], { stack: o.stack, cwd: o.cwd }, stackExportSchema, context)
      : undefined;
  const managed = exported ? managedTokens(exported) : undefined;

  const http = new DynatraceHttpClient({ envUrl, apiToken });
  try {
    const { apiTokens, activeGateTokens, skipped } = await listEnvironmentTokens(http, context.progress, {
      apiTokens: { pageSize: o.pageSize },
      activeGatePageSize: o.pageSize,
    });
    const now = http.serverNow();
    const policy = { unusedDays: o.unusedDays, expiringDays: o.expiringDays, now, ...(managed ? { managed } : {}) };
    const tokens = [
      ...apiTokens.map((t) => classifyToken(t, policy)),
      ...activeGateTokens.map((t) => classifyActiveGateToken(t, policy)),
    ].sort(auditOrder);
    const failedOn = failOn ? flagsHit(tokens, failOn) : undefined;
    let onboarded: Onboarding | undefined;
    if (onboarding && exported) {
      // The token dt-tokens reads with is (most likely) the stack's own credential: never offered, so no stack deletes it.
      const plan = planOnboarding(tokens, onboarding.filters, { taken: stackResourceNames(exported), credentialId: identifierOf(apiToken) });
      const importFile = onboarding.importFile === undefined || onboarding.importFile === "-" ? onboarding.importFile : path.resolve(context.cwd, onboarding.importFile);
      if (importFile !== undefined && importFile !== "-") writeImportFile(importFile, importFileText(importFileOf(plan)));
      onboarded = {
        ...plan,
        ...(importFile !== undefined ? { importFile } : {}),
        ...(onboarding.adoptCode ? { adoptCode: onboarding.adoptCode } : {}),
        ...(onboarding.environment !== undefined ? { environment: onboarding.environment } : {}),
      };
    }
    return {
      command: "audit",
      outcome: failedOn && failedOn.length > 0 ? "findings" : "clean",
      envUrl: http.envUrl,
      auditedAt: now.toISOString(),
      unusedDays: o.unusedDays,
      expiringDays: o.expiringDays,
      comparedWithStack: managed !== undefined,
      summary: summarize(tokens),
      tokens,
      skipped,
      ...(failOn ? { failOn, failedOn } : {}),
      ...(onboarded ? { onboarding: onboarded } : {}),
    };
  } finally {
    await http.close();
  }
}

function writeImportFile(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new CliError("INPUT", `cannot write the import file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}

/** The resource names a stack export already uses: new resources must not take them. */
function stackResourceNames(exported: StackExport): Set<string> {
  return new Set((exported.deployment.resources ?? []).map((r) => resourceName(r.urn ?? "")).filter((n) => n !== ""));
}

/** `--fail-on unmanaged,expired` → the flags, each checked, so a typo can't turn the gate off. */
function parseFailOn(value: string): AuditFlag[] {
  const { items: flags, unknown } = commaList([value], AUDIT_FLAGS);
  if (unknown !== undefined || flags.length === 0) {
    throw new CliError(
      "USAGE",
      `--fail-on ${JSON.stringify(unknown ?? value)} is not an audit flag: give one or more of ${AUDIT_FLAGS.join(", ")}, separated by commas (e.g. --fail-on unmanaged,expired)`,
    );
  }
  return AUDIT_FLAGS.filter((f) => flags.includes(f));
}

/** Token id → the resource holding it, for every token in a stack export: tokens in use and previous tokens kept for an overlap. */
export function managedTokens(exported: StackExport): Map<string, ManagedToken> {
  const managed = new Map<string, ManagedToken>();
  for (const resource of exported.deployment.resources ?? []) {
    if (!tokenResourceKind(resource)) continue;
    const name = resourceName(resource.urn ?? "");
    // The token in use (its id, or `tokenId` after a rotation in place) and a previous token kept for an overlap.
    for (const token of stateTokens(resource)) {
      managed.set(token.id, token.role === "previous" ? { resource: name, previousUntil: token.removalDate ?? "" } : { resource: name });
    }
  }
  return managed;
}
