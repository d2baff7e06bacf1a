// Issue 19.4: the install story for Python and Go says the same in the README, the SDKs' READMEs (generated from
// scripts/generate/sdkReadmes.ts) and the examples, at this release's version: a version bump that leaves one of them
// naming the old release fails here.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { GO_PACKAGE } from "../../scripts/generate/sdkReadmes";
import { examplesDir, packageManifest, repoRoot } from "../harness/paths";

const { version, repository } = packageManifest();
const repositoryUrl = repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
const pipFromGit = `git+${repositoryUrl}.git@v${version}#subdirectory=sdk/python`;
const goGet = `go get ${GO_PACKAGE}@v${version}`;
const wheel = `pulumi_dynatrace_tokens-${version}-py3-none-any.whl`;

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), "utf8");

/** Every file of the language examples. */
function exampleFiles(): string[] {
  return ["python", "go", "yaml"].flatMap((language) =>
    fs
      .readdirSync(path.join(examplesDir, language), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith(".sum"))
      .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name))),
  );
}

describe("the install story for Python and Go", () => {
  it("README and the SDKs' READMEs give the same pip and go get commands, for this release", () => {
    for (const file of ["README.md", "sdk/python/README.md"]) {
      expect(read(file), file).toContain(pipFromGit);
      expect(read(file), file).toContain(wheel);
    }
    for (const file of ["README.md", "sdk/go/README.md"]) expect(read(file), file).toContain(goGet);
    for (const file of ["README.md", "sdk/python/README.md", "sdk/go/README.md"]) {
      expect(read(file), file).toContain("npm install -g pulumi-dynatrace-tokens");
      expect(read(file), file).toMatch(/Node\.js 20\.18/);
      expect(read(file), file).toMatch(/plugins:\s+providers:/);
    }
  });

  it("no README or example names another release of the SDKs", () => {
    const files = ["README.md", "sdk/python/README.md", "sdk/go/README.md", ...exampleFiles()];
    const stale = files.flatMap((file) =>
      [...read(file).matchAll(/(?:pulumi-dynatrace-tokens(?:\.git)?@|dynatracetokens@|sdk\/go v|sdk\/go\/)v?(\d+\.\d+\.\d+)/g)]
        .filter(([, named]) => named !== version)
        .map(([match]) => `${file}: ${match}`),
    );
    expect(stale).toEqual([]);
  });
});
