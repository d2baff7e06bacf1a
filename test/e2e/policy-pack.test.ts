// Issue 6: the policy pack on the real CLI. `pulumi preview --policy-pack` runs the package's shipped
// pack (and the examples/policy-pack one, as a user copies it) through our language host's RunPlugin;
// a program that breaks a rule fails the preview before any API call, a clean one passes.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { prepareConsumer } from "../harness/consumer";
import { examplesDir, packageVersion } from "../harness/paths";
import { PulumiProject, type CommandResult } from "../harness/pulumi";

interface TokenSettings {
  scopes: string[];
  expirationDate?: string;
  personal?: boolean;
}

describe("the policy pack on the real CLI", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let shippedPack: string;
  let examplePack: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    const consumerDir = await prepareConsumer();
    project = await PulumiProject.create(consumerDir, {
      fixture: "policy-tokens",
      config: {
        "dynatrace-tokens:envUrl": emulator.url,
        "dynatrace-tokens:apiToken": { secret: emulator.adminToken },
        "policy:scopes": '["metrics.ingest"]',
      },
    });
    // The pack in the installed package, exactly where a user's node_modules has it.
    shippedPack = path.join(project.dir, "node_modules", "pulumi-dynatrace-tokens", "policy-pack");
    // The example pack copied beside the program, with its dependencies installed (linked).
    examplePack = path.join(path.dirname(project.dir), "policy-pack");
    fs.cpSync(path.join(examplesDir, "policy-pack"), examplePack, { recursive: true });
    fs.symlinkSync(path.join(consumerDir, "node_modules"), path.join(examplePack, "node_modules"), "dir");
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  async function configure(token: TokenSettings): Promise<void> {
    await project.setConfig("policy:scopes", JSON.stringify(token.scopes));
    if (token.expirationDate === undefined) {
      await project.pulumi(["config", "rm", "policy:expirationDate"]);
    } else {
      await project.setConfig("policy:expirationDate", token.expirationDate);
    }
    await project.setConfig("policy:personal", String(token.personal ?? false));
  }

  function preview(pack: string, extra: string[] = []): Promise<CommandResult> {
    return project.pulumi(["preview", "--policy-pack", pack, ...extra], { allowFailure: true });
  }

  function tokensCreated(): number {
    return emulator.requests().byRoute["POST /api/v2/apiTokens"] ?? 0;
  }

  function expectBlocked(result: CommandResult, policy: string, message: string): void {
    const output = result.stdout + result.stderr;
    expect(result.code, output).not.toBe(0);
    expect(output).toContain(`[mandatory]  ${policy}`);
    expect(output).toContain(message);
    expect(tokensCreated()).toBe(0);
  }

  it("passes a clean program", async () => {
    await configure({ scopes: ["metrics.ingest", "logs.ingest"], expirationDate: "now+90d" });
    const result = await preview(shippedPack);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // @pulumi/policy names the pack with the version in policy-pack/package.json: the package's (issue 21).
    expect(result.stdout).toContain(`dynatrace-tokens@v${packageVersion()}`);
    expect(result.stdout).not.toContain("[mandatory]");
  });

  it("blocks a forbidden scope", async () => {
    await configure({ scopes: ["metrics.read", "apiTokens.write"], expirationDate: "now+90d" });
    expectBlocked(
      await preview(shippedPack),
      "dynatrace-token-forbidden-scopes",
      'ApiToken "policy-token" has the forbidden scope "apiTokens.write"',
    );
  });

  it("blocks a lifetime over the maximum", async () => {
    await configure({ scopes: ["metrics.ingest"], expirationDate: "now+2y" });
    expectBlocked(
      await preview(shippedPack),
      "dynatrace-token-maximum-lifetime",
      // 730 or 731 days, depending on leap years ahead.
      '(expirationDate "now+2y"), more than the maximum of 365 days.',
    );
  });

  it("blocks a token that never expires", async () => {
    await configure({ scopes: ["metrics.ingest"] });
    expectBlocked(await preview(shippedPack), "dynatrace-token-expiration-required", 'ApiToken "policy-token" never expires');
  });

  it("blocks a personal access token", async () => {
    await configure({ scopes: ["metrics.read"], expirationDate: "now+30d", personal: true });
    expectBlocked(
      await preview(shippedPack),
      "dynatrace-no-personal-access-tokens",
      'PersonalAccessToken "policy-token" is a personal access token, which stack "test" forbids',
    );
  });

  it("takes a limit from --policy-pack-config", async () => {
    await configure({ scopes: ["metrics.ingest"], expirationDate: "now+90d" });
    const configFile = path.join(path.dirname(project.dir), "policy-config.json");
    fs.writeFileSync(configFile, JSON.stringify({ "dynatrace-token-maximum-lifetime": { maximumDays: 30 } }));
    expectBlocked(
      await preview(shippedPack, ["--policy-pack-config", configFile]),
      "dynatrace-token-maximum-lifetime",
      "more than the maximum of 30 days",
    );

    fs.writeFileSync(configFile, JSON.stringify({ "dynatrace-token-maximum-lifetime": { enforcementLevel: "advisory", maximumDays: 30 } }));
    const advisory = await preview(shippedPack, ["--policy-pack-config", configFile]);
    expect(advisory.code, advisory.stdout + advisory.stderr).toBe(0);
    expect(advisory.stdout).toContain("[advisory]  dynatrace-token-maximum-lifetime");
  });

  it("runs the example pack with its own defaults, and its policy-config.json", async () => {
    // 180 days passes the shipped pack but not the example's 90; a PAT is allowed outside prod there.
    await configure({ scopes: ["metrics.read"], expirationDate: "now+180d", personal: true });
    expectBlocked(await preview(examplePack), "dynatrace-token-maximum-lifetime", "more than the maximum of 90 days");
    expect((await preview(examplePack)).stdout).not.toContain("dynatrace-no-personal-access-tokens");

    await configure({ scopes: ["metrics.read"], expirationDate: "now+20d" });
    const clean = await preview(examplePack, ["--policy-pack-config", path.join(examplePack, "policy-config.json")]);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toContain("dynatrace-tokens-strict@v1.0.0");
  });

  it("lets up create the token of a clean program with the pack on", async () => {
    await configure({ scopes: ["metrics.ingest"], expirationDate: "now+90d" });
    await project.pulumi(["up", "--yes", "--skip-preview", "--policy-pack", shippedPack]);
    expect(tokensCreated()).toBe(1);
    await project.destroy();
  });
});
