// Issue 19.1: scripts/gen-sdk.sh (tools/pulumi/cmd/gen-sdk) writes the Python and Go SDKs of a package schema with
// Pulumi's own generators. Proven on a small schema of our own (test/fixtures/codegen/schema.json: a resource with a
// secret output, a function, provider config with a secret and an object type): the output is the same on every
// run, the Python SDK builds into a wheel with pip that needs only pulumi, semver and parver at run time, and the Go
// SDK vets and builds in a program against github.com/pulumi/pulumi/sdk/v3 v3.259.0.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPythonSdk, generateFixtureSdks, goEnv } from "../harness/codegen";
import { fixturesDir } from "../harness/paths";
import { pythonVenv } from "../harness/python";

const run = promisify(execFile);
/** The Pulumi release tools/pulumi builds the CLI (and the generators) from. */
const pulumiVersion = "3.259.0";
/** What a Python program on the generated SDK installs besides it (the sdk-python fixture's requirements.txt). */
const sdkRequirements = fs.readFileSync(path.join(fixturesDir, "sdk-python", "requirements.txt"), "utf8");

/** Every file under dir (relative paths, sorted) with its content. */
function tree(dir: string): Map<string, string> {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort()
      .map((file) => [file, fs.readFileSync(path.join(dir, file), "utf8")]),
  );
}

describe("gen-sdk on the fixture schema", () => {
  let work: string;
  let sdk: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-gen-sdk-"));
    sdk = path.join(work, "sdk");
    await generateFixtureSdks(sdk);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("writes the same files on a second run, into a directory it replaces", async () => {
    const again = path.join(work, "again");
    await generateFixtureSdks(again);
    fs.writeFileSync(path.join(again, "python", "pulumi_dynatrace_tokens", "stale.py"), "# from an older schema\n");
    await generateFixtureSdks(again);
    expect(tree(again)).toEqual(tree(sdk));
  });

  it("generates each resource, function and config of the schema in both languages", () => {
    const python = [...tree(path.join(sdk, "python")).keys()];
    expect(python).toEqual(
      expect.arrayContaining([
        "pyproject.toml",
        "README.md",
        "pulumi_dynatrace_tokens/api_token.py",
        "pulumi_dynatrace_tokens/get_tenant_token.py",
        "pulumi_dynatrace_tokens/provider.py",
        "pulumi_dynatrace_tokens/config/vars.py",
        "pulumi_dynatrace_tokens/pulumi-plugin.json",
      ]),
    );
    const go = [...tree(path.join(sdk, "go")).keys()];
    expect(go).toEqual(
      expect.arrayContaining([
        "go.mod",
        "go.sum",
        "dynatracetokens/apiToken.go",
        "dynatracetokens/getTenantToken.go",
        "dynatracetokens/provider.go",
        "dynatracetokens/config/config.go",
        "dynatracetokens/pulumi-plugin.json",
      ]),
    );
    expect(fs.readFileSync(path.join(sdk, "go", "go.mod"), "utf8")).toMatch(
      /^module github\.com\/pulumi-dynatrace-tokens\/pulumi-dynatrace-tokens\/sdk\/go$/m,
    );
  });

  it(
    "builds a Python wheel that needs only pulumi, semver and parver at run time",
    async () => {
      // A virtualenv with pulumi and parver only: what the wheel's metadata asks for besides semver, which pulumi brings.
      const venv = await pythonVenv(sdkRequirements);
      const venvPython = path.join(venv, "bin", "python");
      const site = path.join(work, "site");
      const wheel = await buildPythonSdk(venv, path.join(sdk, "python"), site);
      expect(path.basename(wheel)).toBe("pulumi_dynatrace_tokens-0.4.0-py3-none-any.whl");

      const metadata = fs.readFileSync(path.join(site, "pulumi_dynatrace_tokens-0.4.0.dist-info", "METADATA"), "utf8");
      const requires = [...metadata.matchAll(/^Requires-Dist: ([A-Za-z0-9_.-]+)(.*)$/gm)].map(([, name, rest]) => ({ name, rest }));
      // typing-extensions only for Pythons before 3.11 (TypedDict input types); `pulumi` itself depends on it there.
      expect(requires.filter((r) => !/python_version < "3\.11"/.test(r.rest!)).map((r) => r.name).sort()).toEqual([
        "parver",
        "pulumi",
        "semver",
      ]);

      // The classes import and take the schema's inputs as snake_case keywords, with the token marked secret.
      const probe = [
        "import inspect, pulumi_dynatrace_tokens as dt",
        "params = inspect.signature(dt.ApiToken._internal_init).parameters",
        "assert {'name', 'scopes', 'expiration_date'} <= set(params), params",
        "assert 'additional_secret_outputs=[\"token\"]' in inspect.getsource(dt.ApiToken)",
        "assert callable(dt.get_tenant_token) and callable(dt.get_tenant_token_output)",
        "print(dt.Provider.__name__, dt.config.__name__)",
      ].join("\n");
      const { stdout } = await run(venvPython, ["-c", probe], { env: { ...process.env, PYTHONPATH: site } });
      expect(stdout.trim()).toBe("Provider pulumi_dynatrace_tokens.config");
    },
    300_000,
  );

  it(
    "compiles the Go SDK in a program against github.com/pulumi/pulumi/sdk/v3 v3.259.0",
    async () => {
      const program = path.join(work, "go-program");
      fs.mkdirSync(program);
      const sdkModule = "github.com/pulumi-dynatrace-tokens/pulumi-dynatrace-tokens/sdk/go";
      fs.writeFileSync(
        path.join(program, "go.mod"),
        [
          "module codegen-probe",
          "",
          "go 1.25",
          "",
          `require github.com/pulumi/pulumi/sdk/v3 v${pulumiVersion}`,
          `require ${sdkModule} v0.4.0`,
          "",
          // The generated module lives in this test's scratch directory, not at its import path yet.
          `replace ${sdkModule} => ${path.join(sdk, "go")}`,
          "",
        ].join("\n"),
      );
      fs.copyFileSync(path.join(fixturesDir, "go-host", "go.sum"), path.join(program, "go.sum"));
      fs.writeFileSync(
        path.join(program, "main.go"),
        `package main

import (
	"github.com/pulumi-dynatrace-tokens/pulumi-dynatrace-tokens/sdk/go/dynatracetokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		provider, err := dynatracetokens.NewProvider(ctx, "prod", &dynatracetokens.ProviderArgs{
			EnvUrl:   pulumi.String("https://abc12345.live.dynatrace.com"),
			ApiToken: pulumi.String("dt0c01.ABC"),
		})
		if err != nil {
			return err
		}
		token, err := dynatracetokens.NewApiToken(ctx, "ingest", &dynatracetokens.ApiTokenArgs{
			Scopes:         pulumi.StringArray{pulumi.String("metrics.ingest")},
			ExpirationDate: pulumi.String("now+90d"),
		}, pulumi.Provider(provider))
		if err != nil {
			return err
		}
		tenant := dynatracetokens.GetTenantTokenOutput(ctx, dynatracetokens.GetTenantTokenOutputArgs{}, pulumi.Provider(provider))
		ctx.Export("token", token.Token)
		ctx.Export("tokenId", token.TokenId)
		ctx.Export("tenantToken", tenant.Value())
		return nil
	})
}
`,
      );
      const env = goEnv();
      await run("go", ["vet", "./...", `${sdkModule}/...`], { cwd: program, env, maxBuffer: 64 * 1024 * 1024 });
      await run("go", ["build", "-o", path.join(work, "go-program-binary"), "."], { cwd: program, env, maxBuffer: 64 * 1024 * 1024 });
      const { stdout } = await run("go", ["list", "-m", "github.com/pulumi/pulumi/sdk/v3"], { cwd: program, env });
      expect(stdout.trim()).toBe(`github.com/pulumi/pulumi/sdk/v3 v${pulumiVersion}`);
    },
    600_000,
  );
});
