import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const registered: Registered[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `dt0c01.${args.name.toUpperCase()}`, state: { ...args.inputs, token: "dt0c01.X.Y" } };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    true,
  );
});

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("SDK resources", () => {
  it("registers ApiToken with typed scopes, the resource name as default name, and a serialized stub provider", async () => {
    const dt = await import("../../sdk");
    const token = new dt.ApiToken("otel-ingest", { scopes: ["metrics.ingest", "logs.ingest"], expirationDate: "now+90d" });
    await outputValue(token.id);
    const reg = registered.find((r) => r.name === "otel-ingest");
    expect(reg?.type).toBe("pulumi-nodejs:dynamic/dynatrace:ApiToken");
    expect(reg?.inputs).toMatchObject({ name: "otel-ingest", scopes: ["metrics.ingest", "logs.ingest"], personalAccessToken: false, expirationDate: "now+90d" });
    const serialized = String(reg?.inputs.__provider);
    // The stub finds the package by name from the project; no path of this machine is captured (#9).
    expect(serialized).toContain("'pulumi-dynatrace-tokens'");
    expect(serialized).not.toContain(process.cwd());
    expect(serialized).not.toMatch(/dt0c01\.[A-Z0-9]+\.[A-Z0-9]{64}/);
  });

  it("presets PersonalAccessToken and PaasToken", async () => {
    const dt = await import("../../sdk");
    const pat = new dt.PersonalAccessToken("mine", { scopes: ["metrics.read"] });
    const paas = new dt.PaasToken("paas", { supportAlert: true });
    await Promise.all([outputValue(pat.id), outputValue(paas.id)]);
    expect(registered.find((r) => r.name === "mine")).toMatchObject({
      type: "pulumi-nodejs:dynamic/dynatrace:PersonalAccessToken",
      inputs: { personalAccessToken: true },
    });
    expect(registered.find((r) => r.name === "paas")?.inputs.scopes).toEqual(["InstallerDownload", "SupportAlert"]);
  });

  it('issue 10: grants SupportAlert only for supportAlert: true, and passes other values on for check to refuse', async () => {
    const dt = await import("../../sdk");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const untyped = (value: unknown) => ({ supportAlert: value }) as any;
    const tokens = [new dt.PaasToken("alert-string", untyped("false")), new dt.PaasToken("alert-one", untyped(1))];
    await Promise.all(tokens.map((t) => outputValue(t.id)));
    expect(registered.find((r) => r.name === "alert-string")?.inputs).toMatchObject({ scopes: ["InstallerDownload"], supportAlert: "false" });
    expect(registered.find((r) => r.name === "alert-one")?.inputs).toMatchObject({ scopes: ["InstallerDownload"], supportAlert: 1 });
  });

  it("registers ActiveGateToken with its type token and exports the scope catalog", async () => {
    const dt = await import("../../sdk");
    const ag = new dt.ActiveGateToken("ag", { activeGateType: "ENVIRONMENT", expirationDate: "now+6M", rotateBefore: "30d" });
    await outputValue(ag.id);
    expect(registered.find((r) => r.name === "ag")?.type).toBe("pulumi-nodejs:dynamic/dynatrace:ActiveGateToken");
    expect(dt.SCOPE_NAMES).toContain("metrics.read");
  });
});
