import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ApiTokensClient } from "../../provider/client/apiTokens";
import { DynatraceApiError } from "../../provider/client/errors";
import { DynatraceHttpClient, retryDelayMs } from "../../provider/client/http";

const token = "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM";
type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

let server: Server | undefined;
let client: DynatraceHttpClient | undefined;

async function serve(handler: Handler): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  server = createServer((req, res) => {
    seen.push(req);
    req.resume();
    req.on("end", () => handler(req, res, seen.length));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function connectTo(url: string): DynatraceHttpClient {
  client = new DynatraceHttpClient({ envUrl: url, apiToken: token, retry: { minDelayMs: 10, maxDelayMs: 5000, maxRetries: 4 } });
  return client;
}

afterEach(async () => {
  await client?.close();
  client = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const meta = { id: "dt0c01.ST2EY72KQINMH574WMNVI7YN", name: "x", scopes: ["metrics.read"] };

describe("DynatraceHttpClient", () => {
  it("sends the Api-Token header and reads the server's clock from Date", async () => {
    const { url, seen } = await serve((_req, res) => json(res, 200, meta, { date: "Tue, 01 Dec 2026 08:00:00 GMT" }));
    const tokens = new ApiTokensClient(connectTo(url));
    await tokens.get(meta.id);
    expect(seen[0]?.headers.authorization).toBe(`Api-Token ${token}`);
    expect(seen[0]?.url).toBe(`/api/v2/apiTokens/${meta.id}`);
    expect(Math.abs(client!.serverNow().getTime() - Date.parse("2026-12-01T08:00:00Z"))).toBeLessThan(5000);
  });

  it("retries 503 and 429 on a GET until it succeeds", async () => {
    const { url, seen } = await serve((_req, res, attempt) =>
      attempt === 1 ? json(res, 503, { error: { code: 503, message: "busy" } }) : attempt === 2 ? json(res, 429, {}) : json(res, 200, meta),
    );
    expect((await new ApiTokensClient(connectTo(url)).get(meta.id)).name).toBe("x");
    expect(seen).toHaveLength(3);
  });

  it("waits as long as Retry-After asks", async () => {
    const { url, seen } = await serve((_req, res, attempt) => (attempt === 1 ? json(res, 429, {}, { "retry-after": "1" }) : json(res, 200, meta)));
    const started = Date.now();
    await new ApiTokensClient(connectTo(url)).get(meta.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
  });

  it("waits until X-RateLimit-Reset (microseconds) on the server's clock", async () => {
    const serverNow = Date.parse("2030-01-01T00:00:00Z");
    const { url } = await serve((_req, res, attempt) =>
      attempt === 1
        ? json(res, 429, {}, { date: new Date(serverNow).toUTCString(), "x-ratelimit-reset": String((serverNow + 800) * 1000) })
        : json(res, 200, meta),
    );
    const started = Date.now();
    await new ApiTokensClient(connectTo(url)).get(meta.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("computes backoff delays with jitter and caps", () => {
    const policy = { maxRetries: 5, minDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(undefined, 1, policy, () => 0)).toBe(50);
    expect(retryDelayMs(undefined, 3, policy, () => 1)).toBe(400);
    expect(retryDelayMs(undefined, 10, policy, () => 1)).toBe(1000);
    expect(retryDelayMs({ "retry-after": "120" }, 1, policy, () => 0)).toBe(1000);
  });

  it("gives up after the last retry with a plain 429 sentence", async () => {
    const { url, seen } = await serve((_req, res) => json(res, 429, {}));
    const error = await new ApiTokensClient(connectTo(url)).get(meta.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynatraceApiError);
    expect((error as DynatraceApiError).code).toBe("RATE_LIMITED");
    expect(seen).toHaveLength(5);
  });

  it("does not repeat a create answered with 502: the outcome is unknown", async () => {
    const { url, seen } = await serve((_req, res) => json(res, 502, {}));
    const error = await new ApiTokensClient(connectTo(url)).create({ name: "x", scopes: ["metrics.read"] }).catch((e: unknown) => e);
    expect((error as DynatraceApiError).code).toBe("UNKNOWN_OUTCOME");
    expect(seen).toHaveLength(1);
  });

  it("does not repeat a create whose connection dropped", async () => {
    const { url, seen } = await serve((req) => req.socket.destroy());
    const error = await new ApiTokensClient(connectTo(url)).create({ name: "x", scopes: ["metrics.read"] }).catch((e: unknown) => e);
    expect((error as DynatraceApiError).code).toBe("UNKNOWN_OUTCOME");
    expect(seen).toHaveLength(1);
  });

  it("retries a GET whose connection dropped", async () => {
    const { url, seen } = await serve((req, res, attempt) => (attempt === 1 ? req.socket.destroy() : json(res, 200, meta)));
    await new ApiTokensClient(connectTo(url)).get(meta.id);
    expect(seen).toHaveLength(2);
  });

  it("names the missing scope on 403", async () => {
    const { url } = await serve((_req, res) =>
      json(res, 403, { error: { code: 403, message: "Token is missing required scope. Use one of: apiTokens.write (Write API tokens)" } }),
    );
    const error = (await new ApiTokensClient(connectTo(url)).update(meta.id, { name: "y" }).catch((e: unknown) => e)) as DynatraceApiError;
    expect(error.code).toBe("MISSING_SCOPE");
    expect(error.missingScopes).toEqual(["apiTokens.write"]);
    expect(error.message).toMatch(/the configured API token needs the scope "apiTokens.write"/);
    expect(error.tokenId).toBe(meta.id);
  });

  it("explains a 401 without echoing the token", async () => {
    const { url } = await serve((_req, res) => json(res, 401, { error: { code: 401, message: `bad token ${token}` } }));
    const error = (await new ApiTokensClient(connectTo(url)).get(meta.id).catch((e: unknown) => e)) as DynatraceApiError;
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.message).toMatch(/unknown, disabled or expired.*pulumi config set --secret dynatrace-tokens:apiToken/);
    expect(error.message).not.toContain(token);
  });

  it("treats deleting an already deleted token as success", async () => {
    const { url } = await serve((_req, res) => json(res, 404, { error: { code: 404, message: "not found" } }));
    await expect(new ApiTokensClient(connectTo(url)).delete(meta.id)).resolves.toBeUndefined();
  });

  it("follows nextPageKey over every page", async () => {
    const { url, seen } = await serve((req, res) => {
      const page = new URL(req.url ?? "", "http://x").searchParams.get("nextPageKey");
      const n = page === null ? 0 : Number(page);
      json(res, 200, { apiTokens: [{ id: `dt0c01.PAGE${n}AAAAAAAAAAAAAAAAAAAA` }], nextPageKey: n < 2 ? String(n + 1) : null, totalCount: 3 });
    });
    const all = await new ApiTokensClient(connectTo(url)).list();
    expect(all.map((t) => t.id)).toHaveLength(3);
    expect(new URL(seen[1]?.url ?? "", "http://x").search).toBe("?nextPageKey=1");
  });

  it("rejects answers that do not have the documented shape", async () => {
    const { url } = await serve((_req, res) => json(res, 200, { name: 42 }));
    const error = (await new ApiTokensClient(connectTo(url)).get(meta.id).catch((e: unknown) => e)) as DynatraceApiError;
    expect(error.code).toBe("INVALID_RESPONSE");
  });
});
