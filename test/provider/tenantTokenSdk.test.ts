// Issue 5: reading the tenant token from a program (credentials from stack config) and the agent helpers, which
// must keep the token secret whatever they are given.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { resetConfiguration } from "../../provider/config";
import {
  activeGateAuthorizationLine,
  getTenantToken,
  getTenantTokenOutput,
  oneAgentSetTenantTokenCommand,
  TenantTokenRotation,
  tenantTokenSecret,
} from "../../sdk";

let emulator: RunningEmulator;
const registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks({ newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: args.name, state: args.inputs };
      }, call: () => ({}) }, "project", "stack", true);
  emulator = await startEmulator();
  pulumi.runtime.setConfig("dynatrace-tokens:envUrl", emulator.url);
  pulumi.runtime.setConfig("dynatrace-tokens:apiToken", emulator.adminToken);
});

afterAll(async () => {
  resetConfiguration();
  await emulator.close();
});

/** An Output's value and whether it is marked secret. */
async function unwrap<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const value = await new Promise<T>((resolve) => output.apply(resolve));
  return { value, secret: await pulumi.isSecret(output) };
}

describe("getTenantToken", () => {
  it("reads the tenant token, as a secret, and the endpoints with the stack's credentials", async () => {
    const info = await getTenantToken();
    const token = await unwrap(info.tenantToken);
    expect(token).toEqual({ value: emulator.tenantTokens().active, secret: true });
    expect(info.tenantUUID).toBe("emulator");
    expect(info.communicationEndpoints).toEqual([`${emulator.url}/communication`]);
    expect(emulator.requests().byRoute["GET /api/v1/deployment/installer/agent/connectioninfo"]).toBeGreaterThanOrEqual(1);
  });

  it("has an Output form whose result is secret", async () => {
    const { value, secret } = await unwrap(getTenantTokenOutput({ networkZone: "default" }));
    expect(secret).toBe(true);
    expect(value.tenantToken).toBe(emulator.tenantTokens().active);
  });

  it("names the missing scope when the token lacks InstallerDownload", async () => {
    const { token } = emulator.seedToken({ scopes: ["metrics.read"] });
    pulumi.runtime.setConfig("dynatrace-tokens:apiToken", token);
    try {
      await expect(getTenantToken()).rejects.toThrow(/InstallerDownload/);
    } finally {
      pulumi.runtime.setConfig("dynatrace-tokens:apiToken", emulator.adminToken);
    }
  });
});

describe("agent helpers", () => {
  const plain = pulumi.output("abcdefghij1234567890");

  it("makes the ActiveGate authorization.properties line, as a secret", async () => {
    expect(await unwrap(activeGateAuthorizationLine(plain))).toEqual({ value: "tenantToken=abcdefghij1234567890", secret: true });
  });

  it("issue 13: makes the authToken line for an ActiveGate token, as a secret", async () => {
    const agToken = `dt0g02.ABCDEFGH.${"A".repeat(64)}`;
    expect(await unwrap(activeGateAuthorizationLine(agToken))).toEqual({ value: `authToken=${agToken}`, secret: true });
  });

  it("makes the oneagentctl command, as a secret", async () => {
    expect(await unwrap(oneAgentSetTenantTokenCommand("abcdefghij1234567890"))).toEqual({
      value: "oneagentctl --set-tenant-token=abcdefghij1234567890 --restart-service",
      secret: true,
    });
  });

  it("makes a Kubernetes Secret manifest, as a secret", async () => {
    expect(await unwrap(tenantTokenSecret(plain, { name: "dynatrace-tenant-token", namespace: "dynatrace" }))).toEqual({
      value: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "dynatrace-tenant-token", namespace: "dynatrace" },
        type: "Opaque",
        stringData: { tenantToken: "abcdefghij1234567890" },
      },
      secret: true,
    });
  });
});

describe("TenantTokenRotation (SDK)", () => {
  it("registers under the dynatrace module with a serialized stub provider", async () => {
    const rotation = new TenantTokenRotation("tenant-token", { phase: "rotating" });
    await unwrap(rotation.id);
    const reg = registered.find((r) => r.name === "tenant-token");
    expect(reg?.type).toBe("pulumi-nodejs:dynamic/dynatrace:TenantTokenRotation");
    expect(reg?.inputs).toMatchObject({ phase: "rotating" });
    // The stub finds the package by name from the project; no path of this machine is captured (#9).
    expect(String(reg?.inputs.__provider)).toContain("'pulumi-dynatrace-tokens'");
    expect(String(reg?.inputs.__provider)).not.toContain(process.cwd());
  });
});
