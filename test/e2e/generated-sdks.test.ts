// Issue 19: the language hosts and the SDKs gen-sdk writes work with a provider on the real CLI. Until the native
// plugin exists, the provider is the code generation fixture's double (test/fixtures/codegen/provider: it serves the
// fixture schema and keeps "tokens" in state only); the hosts, the generated Python and Go SDKs, Pulumi's YAML host
// and the engine are the real ones. Each language: a token whose secret stays secret (the SDKs' and YAML's
// additionalSecretOutputs from the schema, not the provider, mark it), a function call, a no-change preview, the
// provider's sentence for a bad input at preview, `pulumi import` printing the code in the program's language
// (GenerateProgram, schemas loaded through the engine), destroy.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureProvider, buildPythonSdk, generateFixtureSdks } from "../harness/codegen";
import { fixturesDir } from "../harness/paths";
import { errorDiagnostics, PulumiProject, STACK_TRACE_OR_HOST_EXIT } from "../harness/pulumi";
import { pythonVenv } from "../harness/python";

interface LanguageCase {
  language: "python" | "go" | "yaml";
  fixture: string;
  /** What `pulumi import` prints for the adopted token, in the program's language. */
  importedCode: RegExp;
}

const languages: LanguageCase[] = [
  { language: "python", fixture: "sdk-python", importedCode: /handmade = dynatrace_tokens\.ApiToken\("handmade",\n\s+name="imported",\n\s+scopes=\["metrics\.read"\]/ },
  { language: "go", fixture: "sdk-go", importedCode: /dynatracetokens\.NewApiToken\(ctx, "handmade", &dynatracetokens\.ApiTokenArgs\{/ },
  { language: "yaml", fixture: "sdk-yaml", importedCode: /handmade:\n\s+type: dynatrace-tokens:ApiToken\n\s+properties:\n\s+name: imported/ },
];

/** The fixture provider's check failure for an empty scope (the same for every language). */
const emptyScopeSentence = 'scopes[0] is empty: name a Dynatrace scope such as "metrics.ingest".';

describe("programs on generated SDKs and the fixture provider", () => {
  let work: string;
  let sdkRoot: string;
  let providerDir: string;
  let pythonSite: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-generated-sdks-"));
    sdkRoot = path.join(work, "sdk");
    providerDir = path.join(work, "provider");
    pythonSite = path.join(work, "site");
    await Promise.all([generateFixtureSdks(sdkRoot), buildFixtureProvider(providerDir)]);
    const venv = await pythonVenv(fs.readFileSync(path.join(fixturesDir, "sdk-python", "requirements.txt"), "utf8"));
    await buildPythonSdk(venv, path.join(sdkRoot, "python"), pythonSite);
  }, 600_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  describe.each(languages)("in $language", ({ language, fixture, importedCode }) => {
    const cleanups: Array<() => void> = [];
    afterEach(() => {
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    });

    async function project(scope: string): Promise<PulumiProject> {
      const created = await PulumiProject.create(undefined, {
        fixture,
        config: { scope },
        // The generated Python SDK, built into a wheel and installed for this run (a user pip-installs it).
        env: language === "python" ? { PYTHONPATH: pythonSite } : {},
      });
      cleanups.push(() => created.cleanup());
      fs.symlinkSync(providerDir, path.join(created.dir, "provider"), "dir");
      // The Go program's go.mod replaces the SDK module with ./sdk/go.
      if (language === "go") fs.symlinkSync(sdkRoot, path.join(created.dir, "sdk"), "dir");
      return created;
    }

    it(
      "creates a token with its secret kept secret, calls the function, previews no changes and destroys",
      async () => {
        const program = await project("metrics.ingest");
        await program.up();
        const id = "dt0c01.FIXTUREINGEST";
        expect(await program.outputs()).toEqual({ token: "[secret]", tokenId: id, tenant: "fixture-tenant-token" });
        expect((await program.outputs({ showSecrets: true })).token).toBe(`${id}.SECRETPART`);
        expect(await program.exportText()).not.toContain(`${id}.SECRETPART`);
        const token = (await program.resources()).find((r) => r.type === "dynatrace-tokens:index:ApiToken");
        expect(token?.inputs).toMatchObject({ scopes: ["metrics.ingest"], expirationDate: "now+90d" });

        await program.pulumi(["preview", "--expect-no-changes"]);
        await program.destroy();
        expect(await program.resources()).toEqual([]);
      },
      300_000,
    );

    it(
      "fails at preview with the provider's sentence for an empty scope",
      async () => {
        const program = await project(" ");
        const preview = await program.preview({ allowFailure: true });
        expect(preview.result.code).not.toBe(0);
        const errors = errorDiagnostics(preview);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain(emptyScopeSentence);
        expect(preview.result.stdout + preview.result.stderr).not.toMatch(STACK_TRACE_OR_HOST_EXIT);
      },
      300_000,
    );

    it(
      "imports a hand-made token and prints the code for it",
      async () => {
        const program = await project("metrics.ingest");
        const imported = await program.pulumi(["import", "dynatrace-tokens:index:ApiToken", "handmade", "dt0c01.HANDMADE", "--yes"]);
        expect(imported.stdout).toMatch(importedCode);
        const token = (await program.resources()).find((r) => r.urn.endsWith("::handmade"));
        expect(token?.id).toBe("dt0c01.HANDMADE");
      },
      300_000,
    );
  });
});
