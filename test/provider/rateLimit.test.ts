// Issue #11 (good citizen under rate limits) and issue #9 item 5 (X-RateLimit-Reset by magnitude): the pacing shared
// by every request to one environment, against the emulator's fixed-window limit and small test servers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { DynatraceHttpClient, retryDelayMs } from "../../provider/client/http";
import { ServerClockEstimate, parseRateLimitReset, serverHintedWaitMs } from "../../provider/client/rateLimit";
import { CONFIG_KEYS, configure, resetConfiguration } from "../../provider/config";
import { closeConnections, connect } from "../../provider/connection";

const NOW = Date.parse("2030-01-01T00:00:00Z");
const policy = { maxRetries: 5, minDelayMs: 100, maxDelayMs: 60_000 };

describe("X-RateLimit-Reset by its magnitude (issue #9 item 5)", () => {
  it("reads microseconds, milliseconds, seconds and seconds-from-now", () => {
    expect(parseRateLimitReset(String((NOW + 1500) * 1000), NOW)).toBe(NOW + 1500); // µs, as Dynatrace documents
    expect(parseRateLimitReset(String(NOW + 1500), NOW)).toBe(NOW + 1500); // ms
    expect(parseRateLimitReset(String(NOW / 1000 + 2), NOW)).toBe(NOW + 2000); // s, as Dynatrace's core library reads it
    expect(parseRateLimitReset("30", NOW)).toBe(NOW + 30_000); // seconds from now
    expect(parseRateLimitReset("1893456000.5", NOW)).toBe(1893456000500);
    for (const bad of [undefined, "", "soon", "-5", "1e15"]) expect(parseRateLimitReset(bad, NOW)).toBeUndefined();
  });

  it("waits until the reset in every unit, falls back to Retry-After, then to backoff", () => {
    const date = new Date(NOW).toUTCString();
    const none = () => 0;
    for (const reset of [String((NOW + 2000) * 1000), String(NOW + 2000), String(NOW / 1000 + 2)]) {
      expect(retryDelayMs({ date, "x-ratelimit-reset": reset, "retry-after": "9" }, 1, policy, none)).toBe(2000);
    }
    // A reset already past (clock skew) says nothing: Retry-After decides.
    expect(retryDelayMs({ date, "x-ratelimit-reset": String((NOW - 5000) * 1000), "retry-after": "3" }, 1, policy, none)).toBe(3000);
    expect(retryDelayMs({ date, "retry-after": new Date(NOW + 4000).toUTCString() }, 1, policy, none)).toBe(4000);
    expect(retryDelayMs({ date, "x-ratelimit-reset": "garbage" }, 2, policy, () => 1)).toBe(200);
    expect(serverHintedWaitMs({}, NOW)).toBeUndefined();
    // Bounded: a reset an hour away waits at most maxDelayMs.
    expect(retryDelayMs({ date, "x-ratelimit-reset": String(NOW + 3_600_000) }, 1, policy, none)).toBe(60_000);
  });

  it("trusts the local clock within what the whole-second Date headers allow, and follows a clock that was set", () => {
    const clock = new ServerClockEstimate();
    // In step with us: "10 s" answered at local 10.250 s (sent at 10.200 s) allows an offset of -250..+800 ms.
    clock.observe(10_000, 10_250, 10_200);
    expect(clock.now(20_000)).toBe(20_000);
    // 3 days ahead: the bounds exclude our clock, so the nearest bound (never ahead of the server) is used.
    const ahead = 3 * 86_400_000;
    clock.observe(ahead + 11_000, 11_300, 11_250);
    expect(clock.now(11_300)).toBe(ahead + 11_000);
    // A later answer in another sub-second phase narrows it: server at ahead + 12.010 s says "12 s" at local 11.710 s.
    clock.observe(ahead + 12_000, 11_710, 11_700);
    expect(clock.now(11_710)).toBe(ahead + 12_000);
    // Set back by an hour: the estimate follows.
    clock.observe(ahead + 12_000 - 3_600_000, 12_000, 11_990);
    expect(clock.now(12_000)).toBe(ahead + 12_000 - 3_600_000);
  });
});

describe("pacing shared by an environment (issue #11)", () => {
  let emulator: RunningEmulator | undefined;
  let server: Server | undefined;
  let client: DynatraceHttpClient | undefined;

  afterEach(async () => {
    await client?.close();
    client = undefined;
    await closeConnections();
    resetConfiguration();
    await emulator?.close();
    emulator = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function statuses(emu: RunningEmulator): Promise<Record<string, number>> {
    const res = await fetch(`${emu.url}/_emulator/requests`, { headers: { authorization: `Api-Token ${emu.adminToken}` } });
    return ((await res.json()) as { byStatus: Record<string, number> }).byStatus;
  }

  it("runs 45 concurrent requests from two credentials into a 15-per-window limit without a single 429", async () => {
    emulator = await startEmulator({ rateLimit: { limit: 15, windowMs: 400 } });
    const second = emulator.seedToken({ name: "reader", scopes: ["apiTokens.read"] });
    const url = emulator.url;
    const admin = emulator.adminToken;
    const config: Record<string, unknown> = {
      [CONFIG_KEYS.environments]: { a: { envUrl: url, apiToken: admin }, b: { envUrl: url, apiToken: second.token } },
    };
    configure({ get: (k) => config[k] as never });
    const [a, b] = [connect("a"), connect("b")];
    expect(a.http).not.toBe(b.http);
    emulator.resetRequests();
    const results = await Promise.all(
      Array.from({ length: 45 }, (_, i) => (i % 2 === 0 ? a : b).apiTokens.find(second.id)),
    );
    expect(results.every((t) => t?.id === second.id)).toBe(true);
    expect(await statuses(emulator)).toEqual({ "200": 45 });
  });

  it("holds every request after a 429 for as long as the server asks, then converges", async () => {
    emulator = await startEmulator();
    emulator.setFaults([{ route: "GET /api/v2/apiTokens/{id}", rateLimitRate: 1, retryAfterSeconds: 1, count: 1 }]);
    client = new DynatraceHttpClient({ envUrl: emulator.url, apiToken: emulator.adminToken, retry: { minDelayMs: 10, maxDelayMs: 5000 } });
    const seeded = emulator.seedToken({ name: "x", scopes: ["metrics.read"] });
    const path = `/v2/apiTokens/${seeded.id}`;
    const all = await Promise.all(Array.from({ length: 10 }, () => client!.request({ method: "GET", path, operation: "read" })));
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
    // One 429 (the probe), and no request sent into the pause after it.
    expect(await statuses(emulator)).toEqual({ "200": 10, "429": 1 });
  });

  it("gets out of the way when answers carry no rate-limit headers: requests run concurrently", async () => {
    // The server answers only once 5 requests are waiting at the same time (after the first, which teaches the
    // limiter there is no limit): a limiter that sent them one by one would never get an answer.
    const waiting: Array<() => void> = [];
    let seen = 0;
    server = createServer((req, res) => {
      req.resume();
      const answer = () => res.writeHead(200, { "content-type": "application/json" }).end("{}");
      if (++seen === 1) return answer();
      waiting.push(answer);
      if (waiting.length === 5) for (const go of waiting.splice(0)) go();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    client = new DynatraceHttpClient({
      envUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiToken: "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM",
    });
    await client.request({ method: "GET", path: "/x", operation: "probe" });
    const all = await Promise.all(Array.from({ length: 5 }, () => client!.request({ method: "GET", path: "/x", operation: "x" })));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });
});
