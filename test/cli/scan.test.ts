// `dt-tokens scan` over real temp dirs, stdin and stack exports, run as the built CLI.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { processContext } from "../../cli/context";
import { run } from "../../cli/commands/scan";
import { findTokens } from "../../cli/scan/findTokens";
import { runCli } from "./helpers/cli";
import { base32, fakeToken } from "./helpers/tokens";

describe("findTokens", () => {
  it("finds every documented prefix with its public part length and names its kind", () => {
    const cases: [string, number, string][] = [
      ["dt0c01", 24, "API token or personal access token"],
      ["dt0g02", 8, "ActiveGate token"],
      ["dt0s01", 24, "account API token"],
      ["dt0s02", 8, "OAuth client"],
      ["dt0s03", 8, "OAuth client"],
      ["dt0s08", 8, "OAuth client"],
      ["dt0s06", 12, "OAuth refresh token"],
      ["dt0s04", 8, "chat or identity linking token"],
      ["dt0s09", 8, "chat or identity linking token"],
      ["dt0s16", 24, "platform token"],
      ["dt0a01", 16, "agent connection token"],
    ];
    for (const [prefix, length, kind] of cases) {
      const { token, identifier } = fakeToken(prefix, length);
      expect(findTokens(`export TOKEN="${token}"`), prefix).toEqual([{ line: 1, column: 15, identifier, kind }]);
    }
  });

  it("ignores identifiers alone, short secrets and longer runs of characters", () => {
    const { identifier, secret } = fakeToken();
    expect(findTokens(`id: ${identifier}`)).toEqual([]);
    expect(findTokens(`${identifier}.${secret.slice(0, 40)}`)).toEqual([]);
    expect(findTokens(`${identifier}.${secret}${base32(3)}`)).toEqual([]);
  });

  it("reports the line and column of each token", () => {
    const a = fakeToken();
    const b = fakeToken("dt0g02");
    expect(findTokens(`first\n\n  ${a.token} and ${b.token}\r\nlast`)).toEqual([
      { line: 3, column: 3, identifier: a.identifier, kind: "API token or personal access token" },
      { line: 3, column: 3 + a.token.length + 5, identifier: b.identifier, kind: "ActiveGate token" },
    ]);
  });
});

describe("dt-tokens scan", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-scan-"));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(relative: string, content: string | Buffer): void {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }

  it("exits 0 and says so when a tree holds no token", async () => {
    write("src/index.ts", `const id = "${fakeToken().identifier}"; // an identifier may be logged\n`);
    const result = await runCli(["scan", "."], { cwd: dir });
    expect(result).toMatchObject({ code: 0, stdout: "No Dynatrace tokens found in 1 file.\n" });
  });

  it("exits 1 and prints file:line and the identifier — never the secret — for each token in a tree", async () => {
    const api = fakeToken();
    const gate = fakeToken("dt0g02");
    write("config/.env", `# ci\nDT_TOKEN=${api.token}\n`);
    write("deep/er/notes.md", `one\ntwo\nthree ${gate.token}\n`);
    const result = await runCli(["scan", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      `config/.env:2: ${api.identifier} (API token or personal access token)`,
      `deep/er/notes.md:3: ${gate.identifier} (ActiveGate token)`,
      "2 Dynatrace tokens found in 2 files. Remove them, and revoke each one: it has been exposed.",
      "",
    ]);
    expect(result.stdout + result.stderr).not.toContain(api.secret);
    expect(result.stdout + result.stderr).not.toContain(gate.secret);
  });

  it("skips node_modules, .git and binary files", async () => {
    write("node_modules/pkg/index.js", fakeToken().token);
    write(".git/objects/ab", fakeToken().token);
    write("image.bin", Buffer.concat([Buffer.from([0x89, 0x50, 0x00, 0x01]), Buffer.from(fakeToken().token)]));
    write("ok.txt", "nothing here\n");
    const result = await runCli(["scan", ".", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ findings: [], filesScanned: 1, skipped: [{ name: "image.bin", reason: "binary" }] });
  });

  it("scans only the files it is given, as a pre-commit hook passes them", async () => {
    const staged = fakeToken();
    write("staged.yaml", `token: ${staged.token}\n`);
    write("other.yaml", `token: ${fakeToken().token}\n`);
    const result = await runCli(["scan", "staged.yaml", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings).toEqual([
      { file: "staged.yaml", line: 1, column: 8, identifier: staged.identifier, kind: "API token or personal access token" },
    ]);
  });

  it("reads stdin for -", async () => {
    const piped = fakeToken("dt0s16");
    const result = await runCli(["scan", "-"], { cwd: dir, input: `log line\nAuthorization: Bearer ${piped.token}\n` });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`<stdin>:2: ${piped.identifier} (platform token)`);
    expect(result.stdout).not.toContain(piped.secret);
  });

  it("names the resource that holds a token in a stack export", async () => {
    const leaked = fakeToken();
    const urn = "urn:pulumi:dev::app::pulumi-nodejs:dynamic/dynatrace:ApiToken::ci";
    const exported = {
      version: 3,
      deployment: {
        manifest: { time: "2026-01-01T00:00:00Z" },
        resources: [
          { urn: "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev", type: "pulumi:pulumi:Stack", custom: false },
          {
            urn,
            type: "pulumi-nodejs:dynamic/dynatrace:ApiToken",
            id: leaked.identifier,
            // An encrypted secret, as `pulumi stack export` writes it, is not a find …
            outputs: { token: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: base32(120) } },
            // … but a plaintext one (here a wrongly unsecreted input) is.
            inputs: { debugCopy: leaked.token },
          },
        ],
      },
    };
    write("export.json", JSON.stringify(exported, null, 4));
    const result = await runCli(["scan", "export.json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^export\\.json:\\d+: ${leaked.identifier.replace(".", "\\.")} \\(API token or personal access token\\) in ${urn}$`, "m"));
  });

  it("attributes each line of a pretty-printed export to its resource, and a one-line export to the token's own resource", async () => {
    const leaked = fakeToken();
    const stackUrn = "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev";
    const tokenUrn = "urn:pulumi:dev::app::pulumi-nodejs:dynamic/dynatrace:ApiToken::ci";
    const exported = {
      version: 3,
      deployment: {
        resources: [
          { urn: stackUrn, type: "pulumi:pulumi:Stack", outputs: { ciToken: leaked.token } },
          { urn: tokenUrn, type: "pulumi-nodejs:dynamic/dynatrace:ApiToken", id: leaked.identifier, outputs: { token: leaked.token } },
        ],
      },
    };
    write("pretty.json", JSON.stringify(exported, null, 4));
    write("oneline.json", JSON.stringify(exported));
    const pretty = await run({ paths: ["pretty.json"] }, { ...processContext(), cwd: dir });
    expect(pretty.findings.map((f) => f.resource)).toEqual([stackUrn, tokenUrn]);
    const oneLine = await run({ paths: ["oneline.json"] }, { ...processContext(), cwd: dir });
    expect(oneLine.findings.map((f) => f.resource)).toEqual([tokenUrn, tokenUrn]);
  });

  it("fails with exit 3 on a path that doesn't exist, so a broken hook isn't silently green", async () => {
    const result = await runCli(["scan", "missing.txt"], { cwd: dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("cannot read missing.txt: ENOENT");
  });

  it("runs in-process with an injected context", async () => {
    const { token, identifier } = fakeToken("dt0a01", 16);
    write("a.txt", token);
    const result = await run({ paths: ["a.txt"] }, { ...processContext(), cwd: dir });
    expect(result).toMatchObject({ outcome: "findings", filesScanned: 1, findings: [{ file: "a.txt", identifier, kind: "agent connection token" }] });
  });
});

describe("dt-tokens itself", () => {
  it("prints its version and help, exiting 0", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { version: string };
    expect(await runCli(["--version"])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/scan \[options\] \[paths\.\.\.\]/);
    expect(help.stdout).toContain("Exit codes:");
  });

  it("exits 3 on an unknown option", async () => {
    const result = await runCli(["scan", "--bogus"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });
});
