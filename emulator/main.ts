#!/usr/bin/env node
// CLI entry: `npm run emulator -- --port <port> --admin-token <token> [--state <file>] [--env-id <id>] [--rate-limit N/windowMs]
// [--extra-scopes a,b] [--unknown-enums]`.

import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import type { RateLimitConfig } from "./rateLimit";
import { API_TOKEN_PATTERN } from "./tokenFormat";

const USAGE = `Usage: npm run emulator -- [--port <port>] [--admin-token <dt0c01 token>] [--state <file>] [--env-id <id>] [--rate-limit <N>/<windowMs>]
                    [--extra-scopes <scope,scope>] [--unknown-enums]

  --port         TCP port on 127.0.0.1; 0 (default) picks a free one
  --admin-token  admin token (dt0c01.<24>.<64>); generated and printed when absent
  --state        JSON file that keeps tokens, tenant token and clock across restarts
  --env-id       environment id for the Managed form /e/<id>/api (default "emulator")
  --rate-limit   per-environment limit, e.g. 100/60000 = 100 requests per minute
  --extra-scopes scopes to accept beyond the catalog, comma-separated (a Dynatrace that added scopes)
  --unknown-enums answer with enum values no release knows (activeGateType, tenant token rotation status)`;

class UsageError extends Error {
  readonly code = "EMULATOR_USAGE";
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port > 65535) throw new UsageError(`--port must be an integer 0-65535, got "${raw}"`);
  return port;
}

function parseRateLimit(raw: string | undefined): RateLimitConfig | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--rate-limit must look like 100/60000 (requests/windowMs), got "${raw}"`);
  return { limit: Number(m[1]), windowMs: Number(m[2]) };
}

function parseScopeList(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const scopes = raw.split(",").map((s) => s.trim());
  if (scopes.some((s) => !/^[A-Za-z][A-Za-z0-9_.:-]*$/.test(s))) throw new UsageError(`--extra-scopes must be scope names separated by commas, got "${raw}"`);
  return scopes;
}

function abbreviate(token: string): string {
  return `${token.split(".").slice(0, 2).join(".")}…`;
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        "admin-token": { type: "string" },
        state: { type: "string" },
        "env-id": { type: "string" },
        "rate-limit": { type: "string" },
        "extra-scopes": { type: "string" },
        "unknown-enums": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const adminToken = values["admin-token"];
  if (adminToken !== undefined && !API_TOKEN_PATTERN.test(adminToken)) {
    throw new UsageError("--admin-token must be a dt0c01 token: dt0c01.<24 characters A-Z0-9>.<64 characters A-Z0-9>");
  }
  const emulator = await startEmulator({
    port: parsePort(values.port),
    adminToken,
    statePath: values.state,
    envId: values["env-id"],
    rateLimit: parseRateLimit(values["rate-limit"]),
    apiChanges: {
      extraScopes: parseScopeList(values["extra-scopes"]),
      unknownEnums: values["unknown-enums"] ?? false,
    },
  });
  process.stdout.write(`Dynatrace emulator listening on ${emulator.url} (admin token ${abbreviate(emulator.adminToken)})\n`);
  if (values["admin-token"] === undefined) {
    process.stdout.write(`Admin token (no --admin-token given; keep it secret): ${emulator.adminToken}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await emulator.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const usage = err instanceof UsageError;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`emulator: ${message}\n${usage ? `\n${USAGE}\n` : ""}`);
    process.exitCode = usage ? 2 : 1;
  },
);
