import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { call, DAY_MS } from "./helpers";

let emu: RunningEmulator;
const T0 = Date.parse("2030-06-01T00:00:00.000Z");

beforeAll(async () => {
  emu = await startEmulator({ now: new Date(T0) });
  // 250 tokens: creation one minute apart; every 5th is alice's PAT; every 10th was used on day i.
  for (let i = 0; i < 250; i++) {
    emu.seedToken({
      name: `tok-${String(i).padStart(3, "0")}`,
      owner: i % 5 === 0 ? "alice@example.com" : "bob@example.com",
      personalAccessToken: i % 5 === 0,
      scopes: i % 2 === 0 ? ["metrics.read"] : ["logs.read"],
      creationDate: T0 - DAY_MS + i * 60_000,
      lastUsedDate: i % 10 === 0 ? T0 - 30 * DAY_MS + i * 1000 : undefined,
      expirationDate: i % 3 === 0 ? T0 + (250 - i) * DAY_MS : undefined,
    });
  }
});
afterAll(async () => {
  await emu.close();
});

const list = (query: string, token = emu.adminToken) => call(emu.url, "GET", `/api/v2/apiTokens${query}`, { token });

describe("GET /v2/apiTokens pagination", () => {
  it("pages through everything with totalCount and a null nextPageKey on the last page", async () => {
    const first = await list("?pageSize=100");
    expect(first.status).toBe(200);
    const total = first.body.totalCount as number;
    expect(total).toBe(251); // 250 seeded + the admin token
    expect(first.body.pageSize).toBe(100);
    expect(first.body.apiTokens).toHaveLength(100);
    const ids = new Set<string>(first.body.apiTokens.map((t: { id: string }) => t.id));
    let key: string | null = first.body.nextPageKey;
    let pages = 1;
    while (key) {
      const page = await list(`?nextPageKey=${encodeURIComponent(key)}`);
      expect(page.status).toBe(200);
      expect(page.body.totalCount).toBe(total);
      for (const t of page.body.apiTokens) ids.add(t.id);
      key = page.body.nextPageKey;
      pages++;
    }
    expect(pages).toBe(3);
    expect(ids.size).toBe(total);
  });

  it("defaults to pageSize 200", async () => {
    const res = await list("");
    expect(res.body.pageSize).toBe(200);
    expect(res.body.apiTokens).toHaveLength(200);
    expect(res.body.nextPageKey).toEqual(expect.any(String));
  });

  it("keeps the original query (selector, fields) on later pages", async () => {
    const first = await list(`?pageSize=100&apiTokenSelector=${encodeURIComponent('owner("bob@example.com")')}&fields=${encodeURIComponent("+scopes")}`);
    expect(first.body.totalCount).toBe(200);
    const second = await list(`?nextPageKey=${encodeURIComponent(first.body.nextPageKey)}`);
    expect(second.body.apiTokens.every((t: { owner: string; scopes: unknown }) => t.owner === "bob@example.com" && Array.isArray(t.scopes))).toBe(true);
  });

  it.each(["pageSize=99", "pageSize=10001", "pageSize=abc"])("rejects %s with 400", async (q) => {
    const res = await list(`?${q}`);
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations[0]).toMatchObject({ path: "pageSize", parameterLocation: "QUERY" });
  });

  it("rejects nextPageKey combined with other parameters", async () => {
    const first = await list("?pageSize=100");
    const res = await list(`?nextPageKey=${encodeURIComponent(first.body.nextPageKey)}&pageSize=100`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("nextPageKey");
  });

  it("rejects a nextPageKey it never issued", async () => {
    const res = await list("?nextPageKey=not-a-key");
    expect(res.status).toBe(400);
  });
});

describe("GET /v2/apiTokens fields", () => {
  // tok-030 is used, expiring and a PAT, so every optional field has a value to show.
  const keysOf = async (fields: string) => {
    const all = await list("?pageSize=1000");
    const id = all.body.apiTokens.find((t: { name: string }) => t.name === "tok-030").id as string;
    const res = await list(`?pageSize=1000&fields=${encodeURIComponent(fields)}`);
    expect(res.status, res.text).toBe(200);
    return Object.keys(res.body.apiTokens.find((t: { id: string }) => t.id === id)).sort();
  };

  it("returns id, name, enabled, owner, creationDate by default", async () => {
    const res = await list("?pageSize=100");
    expect(Object.keys(res.body.apiTokens[0]).sort()).toEqual(["creationDate", "enabled", "id", "name", "owner"]);
  });

  it("adds and removes fields with + and -", async () => {
    expect(await keysOf("+scopes,+expirationDate,-creationDate,-owner")).toEqual(["enabled", "expirationDate", "id", "name", "scopes"]);
  });

  it("takes a bare list as the exact set, always with id", async () => {
    expect(await keysOf("name,lastUsedDate")).toEqual(["id", "lastUsedDate", "name"]);
  });

  it("treats an unencoded + (a space after decoding) as +", async () => {
    const res = await list("?pageSize=100&fields=+scopes");
    expect(res.body.apiTokens[0]).toHaveProperty("scopes");
    expect(res.body.apiTokens[0]).toHaveProperty("creationDate");
  });

  it("rejects an unknown field", async () => {
    const res = await list("?fields=%2Bsecret");
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations[0]).toMatchObject({ path: "fields", parameterLocation: "QUERY" });
  });
});

describe("GET /v2/apiTokens apiTokenSelector", () => {
  const select = (selector: string) => list(`?pageSize=1000&fields=${encodeURIComponent("+scopes,+personalAccessToken")}&apiTokenSelector=${encodeURIComponent(selector)}`);

  it("filters by owner", async () => {
    const res = await select('owner("alice@example.com")');
    expect(res.body.totalCount).toBe(50);
    expect(res.body.apiTokens.every((t: { owner: string }) => t.owner === "alice@example.com")).toBe(true);
  });

  it("filters by personalAccessToken", async () => {
    expect((await select("personalAccessToken(true)")).body.totalCount).toBe(50);
    expect((await select("personalAccessToken(false)")).body.totalCount).toBe(201);
  });

  it("ORs the values inside scope() and ANDs the criteria", async () => {
    // The admin token carries every scope, so it matches too.
    expect((await select('scope("metrics.read","logs.read")')).body.totalCount).toBe(251);
    expect((await select('scope("logs.read")')).body.totalCount).toBe(126);
    const both = await select('owner("bob@example.com"),scope("logs.read")');
    expect(both.body.totalCount).toBe(100); // odd i (logs.read) that are not multiples of 5 (alice)
    expect(both.body.apiTokens.every((t: { owner: string; scopes: string[] }) => t.owner === "bob@example.com" && t.scopes.includes("logs.read"))).toBe(true);
  });

  it("rejects a selector it can't parse", async () => {
    const res = await select("owner(alice)");
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations[0].path).toBe("apiTokenSelector");
  });
});

describe("GET /v2/apiTokens sort and from/to", () => {
  const namesSorted = async (sort: string) => {
    const res = await list(`?pageSize=1000&fields=${encodeURIComponent("+expirationDate,+lastUsedDate")}&sort=${encodeURIComponent(sort)}`);
    expect(res.status).toBe(200);
    return res.body.apiTokens as Array<{ name: string; creationDate: string; expirationDate?: string; lastUsedDate?: string }>;
  };

  it("sorts by -creationDate by default (newest first)", async () => {
    const res = await list("?pageSize=100");
    const dates = res.body.apiTokens.map((t: { creationDate: string }) => Date.parse(t.creationDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("sorts by name ascending and descending", async () => {
    const asc = (await namesSorted("+name")).map((t) => t.name);
    expect(asc.slice(0, 2)).toEqual(["emulator-admin", "tok-000"]);
    const desc = (await namesSorted("-name")).map((t) => t.name);
    expect(desc[0]).toBe("tok-249");
  });

  it("sorts by expirationDate with never-expiring tokens last", async () => {
    const tokens = await namesSorted("expirationDate");
    const withDate = tokens.filter((t) => t.expirationDate);
    expect(withDate).toHaveLength(84);
    expect(tokens.slice(0, 84)).toEqual(withDate);
    const ms = withDate.map((t) => Date.parse(t.expirationDate!));
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
  });

  it("rejects an unknown sort key", async () => {
    expect((await list("?sort=owner")).status).toBe(400);
  });

  it("filters by lastUsedDate with from/to in every date form", async () => {
    const from = T0 - 30 * DAY_MS + 100 * 1000;
    const to = T0 - 30 * DAY_MS + 200 * 1000;
    const res = await list(`?pageSize=1000&fields=${encodeURIComponent("+lastUsedDate")}&from=${from}&to=${encodeURIComponent(new Date(to).toISOString())}`);
    expect(res.status).toBe(200);
    expect(res.body.apiTokens.map((t: { name: string }) => t.name).sort()).toEqual(
      ["tok-100", "tok-110", "tok-120", "tok-130", "tok-140", "tok-150", "tok-160", "tok-170", "tok-180", "tok-190", "tok-200"],
    );
    const relative = await list(`?pageSize=1000&from=${encodeURIComponent("now-31d")}`);
    // The 25 seeded uses plus the admin token's own use of this very request window.
    expect(relative.body.totalCount).toBe(26);
    expect((await list("?from=yesterday")).status).toBe(400);
  });
});
