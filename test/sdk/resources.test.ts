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

  it("issue 12: refuses a property the class doesn't have, naming it, the resource and the valid ones", async () => {
    const dt = await import("../../sdk");
    // What an untyped JavaScript program can pass.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const untyped = (args: Record<string, unknown>) => args as any;
    expect(() => new dt.ApiToken("typo", untyped({ scope: ["metrics.read"] }))).toThrow(
      'ApiToken "typo": ApiToken has no property "scope" (did you mean "scopes"?). Remove it; the properties of ApiToken are ' +
        "name, scopes, enabled, expirationDate, rotateBefore, rotationTrigger, keepPreviousFor, environment, adopt.",
    );
    expect(() => new dt.PaasToken("paas-scopes", untyped({ scopes: ["metrics.read"] }))).toThrow(/PaasToken has no property "scopes"/);
    expect(() => new dt.TenantTokenRotation("rotation", untyped({ phase: "rotating", generaton: 1 }))).toThrow(
      /TenantTokenRotation has no property "generaton" \(did you mean "generation"\?\)/,
    );
    expect(() => new dt.ApiToken("adopt-typo", untyped({ scopes: ["metrics.read"], adopt: { ID: "dt0c01.X" } }))).toThrow(
      'ApiToken "adopt-typo": adopt has no property "ID" (did you mean "id"?). Remove it; the properties of adopt are id, token.',
    );
    // Undefined says nothing: spreading a shared object with unset keys stays allowed.
    expect(() => new dt.ActiveGateToken("ag-spread", untyped({ scopes: undefined }))).not.toThrow();
    expect(registered.some((r) => ["typo", "paas-scopes", "rotation", "adopt-typo"].includes(r.name))).toBe(false);
  });

  it("issue 12: refuses the import option, with the adopt code to write instead and no secret", async () => {
    const dt = await import("../../sdk");
    const error = (() => {
      try {
        new dt.ActiveGateToken("edge", {}, { import: "dt0g02.ABCD1234" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect(error?.message).toBe(
      'ActiveGateToken "edge": the `import` resource option does not work here — Pulumi cannot import dynamic resources, which ' +
        "is what this package's resources are. To take over the existing token, remove `import` and add `adopt` to the arguments " +
        'instead: `new dt.ActiveGateToken("edge", { …, adopt: { id: "dt0g02.ABCD1234" } })` (remove `adopt` again after the first `pulumi up`).',
    );
    const secret = `dt0c01.${"A".repeat(24)}.${"B".repeat(64)}`;
    const bySecret = (() => {
      try {
        new dt.ApiToken("by-secret", { scopes: ["metrics.read"] }, { import: secret });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(bySecret).toContain(`\`new dt.ApiToken("by-secret", { …, adopt: { id: "dt0c01.${"A".repeat(24)}" } })\``);
    expect(bySecret).not.toContain("B".repeat(64));
    expect(() => new dt.TenantTokenRotation("rotation", { phase: "rotating" }, { import: "x" })).toThrow(/nothing to import either: remove `import`/);
    expect(registered.some((r) => ["edge", "by-secret", "rotation"].includes(r.name))).toBe(false);
  });

  it("issue 12: passes ActiveGateToken's adopt on, keeping a secret put in adopt.token by mistake a secret", async () => {
    const dt = await import("../../sdk");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const bySecret = new dt.ActiveGateToken("ag-adopt-secret", { adopt: { token: "dt0g02.ABCDEFGH.SECRET" } as any });
    const byId = new dt.ActiveGateToken("ag-adopt-id", { adopt: { id: "dt0g02.ABCDEFGH" } });
    await Promise.all([outputValue(bySecret.id), outputValue(byId.id)]);
    // How the mocks see a Pulumi secret: wrapped, with Pulumi's secret signature.
    expect(registered.find((r) => r.name === "ag-adopt-secret")?.inputs.adopt).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: { token: "dt0g02.ABCDEFGH.SECRET" },
    });
    expect(registered.find((r) => r.name === "ag-adopt-id")?.inputs.adopt).toEqual({ id: "dt0g02.ABCDEFGH" });
  });
});
