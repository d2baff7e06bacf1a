import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { call } from "./helpers";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ envId: "abc12345" });
});
afterAll(async () => {
  await emu.close();
});

const api = (method: string, path: string, token = emu.adminToken) => call(emu.url, method, `/api${path}`, { token });
const validTokens = async () => (await call(emu.url, "GET", "/_emulator/tenant-tokens", { token: emu.adminToken })).body.valid as string[];

describe("tenant token", () => {
  it("reads connection info with a PaaS (InstallerDownload) token", async () => {
    const paas = emu.seedToken({ scopes: ["InstallerDownload", "SupportAlert"] });
    const res = await api("GET", "/v1/deployment/installer/agent/connectioninfo", paas.token);
    expect(res.status).toBe(200);
    expect(res.body.tenantUUID).toBe("abc12345");
    expect(res.body.tenantToken).toMatch(/^[A-Za-z0-9]{16,20}$/);
    expect(res.body.communicationEndpoints).toEqual([`${emu.url}/communication`]);
    expect(res.body.formattedCommunicationEndpoints).toBe(`${emu.url}/communication`);
    const other = emu.seedToken({ scopes: ["metrics.read"] });
    const denied = await api("GET", "/v1/deployment/installer/agent/connectioninfo", other.token);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe("Token is missing required scope. Use one of: InstallerDownload (PaaS integration - Installer download)");
  });

  it("rotates: start keeps both valid, finish invalidates the old one", async () => {
    const original = (await api("GET", "/v1/deployment/installer/agent/connectioninfo")).body.tenantToken as string;
    expect((await api("GET", "/v2/tenantTokenRotation/status")).body).toEqual({ status: "INACTIVE" });

    const started = await api("POST", "/v2/tenantTokenRotation/start");
    expect(started.status).toBe(200);
    expect(started.body.old).toEqual({ value: original });
    const fresh = started.body.active.value as string;
    expect(fresh).toMatch(/^[A-Za-z0-9]{16,20}$/);
    expect(fresh).not.toBe(original);
    expect((await api("GET", "/v2/tenantTokenRotation/status")).body).toEqual({ status: "ACTIVE" });
    expect((await validTokens()).sort()).toEqual([original, fresh].sort());

    const again = await api("POST", "/v2/tenantTokenRotation/start");
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe("Another rotation process is already in progress.");

    const finished = await api("POST", "/v2/tenantTokenRotation/finish");
    expect(finished.status).toBe(200);
    expect(finished.body).toEqual({ active: { value: fresh }, old: { value: null } });
    expect(await validTokens()).toEqual([fresh]);
    expect((await api("GET", "/v1/deployment/installer/agent/connectioninfo")).body.tenantToken).toBe(fresh);

    const finishAgain = await api("POST", "/v2/tenantTokenRotation/finish");
    expect(finishAgain.status).toBe(400);
    expect(finishAgain.body.error.message).toBe("No ongoing rotation process.");
  });

  it("cancel discards the new token and keeps the old one active", async () => {
    const before = (await validTokens())[0];
    const started = await api("POST", "/v2/tenantTokenRotation/start");
    const cancelled = await api("POST", "/v2/tenantTokenRotation/cancel");
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ active: { value: before }, old: { value: null } });
    expect(await validTokens()).toEqual([before]);
    expect(await validTokens()).not.toContain(started.body.active.value);
    const cancelAgain = await api("POST", "/v2/tenantTokenRotation/cancel");
    expect(cancelAgain.status).toBe(400);
    expect(cancelAgain.body.error.message).toBe("There is no ongoing rotation process.");
  });

  it("needs tenantTokenRotation.write to rotate", async () => {
    const paas = emu.seedToken({ scopes: ["InstallerDownload"] });
    const res = await api("POST", "/v2/tenantTokenRotation/start", paas.token);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe("Token is missing required scope. Use one of: tenantTokenRotation.write (Tenant token rotation)");
  });

  it("serves the Managed form /e/<envId>/api and 404s other environments", async () => {
    const managed = await call(emu.url, "GET", "/e/abc12345/api/v1/deployment/installer/agent/connectioninfo", { token: emu.adminToken });
    expect(managed.status).toBe(200);
    expect(managed.body.communicationEndpoints).toEqual([`${emu.url}/e/abc12345/communication`]);
    const other = await call(emu.url, "GET", "/e/someoneelse/api/v2/tenantTokenRotation/status", { token: emu.adminToken });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe(404);
  });
});
