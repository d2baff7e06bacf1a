// Shared by the token e2e files (tokens-*.test.ts): the config-driven `tokens` fixture, the emulator's API read with
// the admin token, and a record of everything the Pulumi CLI printed, to prove no token secret ever shows.
import { expect } from "vitest";
import type { RunningEmulator } from "../../emulator";
import type { RequestLogEntry } from "../../emulator/requestLog";
import { withoutMarker } from "../../provider/client/createMarker";
import { CLOCK_READING_ROUTE } from "../../provider/resources/rotation";
import { TOKEN_SECRET_PATTERN } from "../../provider/tokenFormat";
import { prepareConsumer } from "../harness/consumer";
import { faceOptions, type Face, type PluginDiscovery } from "../harness/faces";
import { PulumiProject, type CommandResult, type PreviewStep, type ProjectOptions } from "../harness/pulumi";

/** One resource of the `tokens` fixture (see test/fixtures/tokens/index.ts). */
export interface TokenSpec {
  resource: string;
  kind: "api" | "personal" | "paas" | "activeGate";
  name?: string;
  scopes?: string[];
  enabled?: boolean;
  expirationDate?: string;
  rotateBefore?: string;
  supportAlert?: boolean;
  activeGateType?: "ENVIRONMENT" | "CLUSTER";
  seedToken?: boolean;
  adoptId?: string;
  adoptSecretKey?: string;
  /** The `import` resource option. */
  importId?: string;
  /** Properties added as an untyped JavaScript program could. */
  extraArgs?: Record<string, unknown>;
}

/** An API token as `GET /api/v2/apiTokens/{id}` returns it. */
export interface LiveApiToken {
  id: string;
  /** The name without the create marker, i.e. the name the program asked for. */
  name: string;
  /** The name exactly as Dynatrace stores it: with the create marker ` ⟨pulumi <stack tag>.<nonce>⟩`. */
  dynatraceName: string;
  enabled: boolean;
  personalAccessToken: boolean;
  scopes: string[];
  expirationDate?: string;
}

export type { RequestLogEntry };

export const API_TOKEN_TYPE = "pulumi-nodejs:dynamic/dynatrace:ApiToken";

/**
 * The `tokens` fixture on the real CLI against `emulator`, recording stdout and stderr of every pulumi command it
 * runs (failed ones included) so a test can scan all of it for secrets.
 */
export class TokensStack {
  /** stdout + stderr of every pulumi command run so far. */
  readonly printed: string[] = [];

  private constructor(
    readonly project: PulumiProject,
    readonly emulator: RunningEmulator,
  ) {}

  static async create(
    emulator: RunningEmulator,
    opts: { credentials?: boolean; face?: Face; discovery?: PluginDiscovery } & Pick<ProjectOptions, "install" | "typecheck"> = {},
  ): Promise<TokensStack> {
    const consumerDir = await prepareConsumer();
    const project = await PulumiProject.create(consumerDir, {
      fixture: "tokens",
      ...faceOptions(opts.face ?? "dynamic", consumerDir, opts.discovery),
      install: opts.install,
      typecheck: opts.typecheck,
      config:
        opts.credentials === false
          ? {}
          : { "dynatrace-tokens:envUrl": emulator.url, "dynatrace-tokens:apiToken": { secret: emulator.adminToken } },
    });
    const stack = new TokensStack(project, emulator);
    recordPrinted(project, stack.printed);
    return stack;
  }

  setSpecs(specs: TokenSpec[]): Promise<CommandResult> {
    return this.project.pulumi(["config", "set", "--plaintext", "tokens:resources", JSON.stringify(specs)]);
  }

  /** The stack's `ids` output: resource name → token id. */
  async ids(): Promise<Record<string, string>> {
    return ((await this.project.outputs()).ids ?? {}) as Record<string, string>;
  }

  /** The stack's `tokens` output with secrets shown: resource name → secret. */
  async secrets(): Promise<Record<string, string | undefined>> {
    return ((await this.project.outputs({ showSecrets: true })).tokens ?? {}) as Record<string, string | undefined>;
  }

  /**
   * Asserts that neither `pulumi stack export` nor anything printed so far holds a token secret: nothing matching the
   * token pattern, none of `knownSecrets`, and not the provider's own credential (the emulator's admin token).
   */
  async expectNoSecretsPrinted(knownSecrets: Iterable<string | undefined>): Promise<void> {
    expectNoSecretsIn([await this.project.exportText(), ...this.printed], [...knownSecrets, this.emulator.adminToken]);
  }

  cleanup(): void {
    this.project.cleanup();
  }
}

/**
 * Records stdout and stderr of every pulumi command `project` runs from now on (a failed one's too: the harness puts
 * them into its error) into `into`, and returns it. `--show-secrets` commands are the test asking for the secrets and
 * are left out; everything else must not show them.
 */
export function recordPrinted(project: PulumiProject, into: string[] = []): string[] {
  const run = project.pulumi.bind(project);
  project.pulumi = async (args, options) => {
    if (args.includes("--show-secrets")) return run(args, options);
    try {
      const result = await run(args, options);
      into.push(result.stdout, result.stderr);
      return result;
    } catch (error) {
      into.push((error as Error).message);
      throw error;
    }
  };
  return into;
}

/**
 * Asserts that none of `texts` holds a token secret: nothing matching the token pattern, none of `secrets`, and not
 * a secret's last part alone (its secret without the identifier, in case something printed that).
 */
export function expectNoSecretsIn(texts: Iterable<string>, secrets: Iterable<string | undefined>): void {
  const known = [...secrets].filter((s): s is string => !!s);
  for (const text of texts) {
    expect(text.match(new RegExp(TOKEN_SECRET_PATTERN.source, "g")) ?? []).toEqual([]);
    for (const secret of known) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.split(".").pop());
    }
  }
}

/** Methods of requests that may change something in Dynatrace. */
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether a request to the route `route` (a route key of the emulator's counters and log, `PUT /api/v2/apiTokens/{id}`)
 * creates, changes or deletes something: every POST, PUT, PATCH and DELETE but the provider's clock reading
 * (CLOCK_READING_ROUTE, a lookup of a token, which changes nothing; `authenticates` uses the same route).
 */
export function isWrite(route: string): boolean {
  return WRITE_METHODS.has(route.split(" ")[0]!) && route !== CLOCK_READING_ROUTE;
}

/** The routes that wrote to any of `emulators` since their request counters were last reset (see isWrite). */
export function writesSince(...emulators: RunningEmulator[]): string[] {
  return emulators.flatMap((e) => Object.keys(e.requests().byRoute)).filter(isWrite);
}

/** A request to the emulator's API (or admin surface) with the admin token. */
export async function adminRequest<T = unknown>(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { Authorization: `Api-Token ${emulator.adminToken}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function getApiToken(emulator: RunningEmulator, id: string): Promise<LiveApiToken | undefined> {
  const { status, body } = await adminRequest<LiveApiToken>(emulator, "GET", `/api/v2/apiTokens/${id}`);
  if (status === 404) return undefined;
  expect(status).toBe(200);
  return unmarked(body);
}

/** Every API token in the environment (the admin token included), with name and scopes. */
export async function listApiTokens(emulator: RunningEmulator): Promise<LiveApiToken[]> {
  const all: LiveApiToken[] = [];
  let query = "?pageSize=1000&fields=%2Bscopes";
  for (;;) {
    const { status, body } = await adminRequest<{ apiTokens: LiveApiToken[]; nextPageKey?: string }>(emulator, "GET", `/api/v2/apiTokens${query}`);
    expect(status).toBe(200);
    all.push(...body.apiTokens.map(unmarked));
    if (!body.nextPageKey) return all;
    query = `?nextPageKey=${encodeURIComponent(body.nextPageKey)}`;
  }
}

/**
 * Tokens created by the provider carry the create marker in their Dynatrace name (provider/client/createMarker.ts);
 * tests compare the requested name and look at the marker through `dynatraceName`.
 */
function unmarked<T extends { name: string }>(token: T): T & { dynatraceName: string } {
  return { ...token, name: withoutMarker(token.name), dynatraceName: token.name };
}

export async function listActiveGateTokens(emulator: RunningEmulator): Promise<Array<{ id: string; name: string; dynatraceName: string; seedToken?: boolean }>> {
  const { status, body } = await adminRequest<{ activeGateTokens: Array<{ id: string; name: string; seedToken?: boolean }> }>(
    emulator,
    "GET",
    "/api/v2/activeGateTokens",
  );
  expect(status).toBe(200);
  return body.activeGateTokens.map(unmarked);
}

/** The emulator's log of API requests since the last reset (oldest first). */
export async function requestLog(emulator: RunningEmulator): Promise<RequestLogEntry[]> {
  const { body } = await adminRequest<{ log: RequestLogEntry[] }>(emulator, "GET", "/_emulator/requests");
  return body.log;
}

/** The steps of `pulumi preview --json` for the resource named `resource`. */
export function stepsFor(steps: PreviewStep[], resource: string): PreviewStep[] {
  return steps.filter((s) => s.urn.endsWith(`::${resource}`));
}

/** The scopes the provider's own credential needs for API and ActiveGate tokens. */
export const CREDENTIAL_SCOPES = [
  "apiTokens.read",
  "apiTokens.write",
  "activeGateTokenManagement.create",
  "activeGateTokenManagement.read",
  "activeGateTokenManagement.write",
];

/** The status of a lookup of `secret` by itself at the emulator, which any valid API token may make: 200 when it authenticates. */
export async function selfLookupStatus(emulator: RunningEmulator, secret: string): Promise<number> {
  const res = await fetch(`${emulator.url}/api/v2/apiTokens/lookup`, {
    method: "POST",
    headers: { authorization: `Api-Token ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ token: secret }),
  });
  await res.text();
  return res.status;
}

/** Whether `secret` authenticates at the emulator (see selfLookupStatus). */
export async function authenticates(emulator: RunningEmulator, secret: string | undefined): Promise<boolean> {
  return secret !== undefined && secret !== "" && (await selfLookupStatus(emulator, secret)) === 200;
}

/** A new credential for the provider, created at the emulator with the admin token. */
export async function newCredential(emulator: RunningEmulator, name: string): Promise<string> {
  const { status, body } = await adminRequest<{ token: string }>(emulator, "POST", "/api/v2/apiTokens", { name, scopes: CREDENTIAL_SCOPES });
  expect(status).toBe(201);
  return body.token;
}

/** Revokes (deletes) a credential at the emulator, as an admin would by hand. */
export async function revokeCredential(emulator: RunningEmulator, credential: string): Promise<void> {
  expect((await adminRequest(emulator, "DELETE", `/api/v2/apiTokens/${credential.split(".").slice(0, 2).join(".")}`)).status).toBe(204);
}
