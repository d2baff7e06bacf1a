// The READMEs of the generated Python and Go SDKs (sdk/python/README.md, sdk/go/README.md): how a user of that
// language installs the plugin and the SDK. Pulumi's Python generator writes the schema's `language.python.readme`
// (it is also the wheel's long description); its Go generator writes none, so npm run generate (languageSdks.ts) puts this one
// beside the Go module's go.mod. The install facts are said once here for both; the repository README says the same
// in its "Other languages" section.
import type { PackageFacts } from "./packageSchema";

/** The Go module the SDK is (its go.mod is sdk/go/go.mod) and the package a program imports. */
export const GO_MODULE = "github.com/pulumi-dynatrace-tokens/pulumi-dynatrace-tokens/sdk/go";
export const GO_PACKAGE = `${GO_MODULE}/dynatracetokens`;

/** The plugin: what it is, how Pulumi finds it, what it needs, and that nothing is downloaded. */
function pluginSection(facts: PackageFacts): string {
  return `## 1. The provider plugin

The resources are served by the provider plugin \`pulumi-resource-dynatrace-tokens\`, a Node.js program in the npm
package \`pulumi-dynatrace-tokens\` (the same package TypeScript programs import). Pulumi finds it in one of two ways:

- **On \`PATH\`**: \`npm install -g pulumi-dynatrace-tokens@${facts.version}\` puts \`pulumi-resource-dynatrace-tokens\`
  on \`PATH\` for every project (Pulumi then notes \`using pulumi-resource-dynatrace-tokens from $PATH\`).
- **Named in \`Pulumi.yaml\`**, for one project: install the package into a folder and name the folder that holds the
  executable, e.g. after \`npm install --prefix tools pulumi-dynatrace-tokens@${facts.version}\`:

  \`\`\`yaml
  plugins:
    providers:
      - name: dynatrace-tokens
        path: ./tools/node_modules/.bin
  \`\`\`

The plugin needs **Node.js 20.18 or newer** on the machine that runs \`pulumi\`, whatever language the program is
written in. There is no build of it without Node.js: on a machine without Node.js (a Python-only or Go-only CI image,
say), install Node.js 20.18+ next to Pulumi — e.g. a CI image that has both, or a setup step such as
\`actions/setup-node\` — and then the npm package as above. Keep the plugin and the SDK at the same version.

**Nothing is downloaded at run time.** Pulumi starts the plugin from \`PATH\` or \`Pulumi.yaml\`; the SDK names no plugin
download server, and the plugin talks to nothing but the Dynatrace environments you configure. Without the plugin
Pulumi has nothing to download either: install it with npm as above.

Configure the provider as in every language: \`pulumi config set dynatrace-tokens:envUrl https://abc12345.live.dynatrace.com\`
and \`pulumi config set --secret dynatrace-tokens:apiToken <token>\` (or \`DYNATRACE_ENV_URL\` / \`DYNATRACE_API_TOKEN\`, or
an explicit \`Provider\` resource).`;
}

/** sdk/python/README.md and the wheel's long description. */
export function pythonSdkReadme(facts: PackageFacts): string {
  const wheel = `pulumi_dynatrace_tokens-${facts.version}-py3-none-any.whl`;
  return `# pulumi-dynatrace-tokens for Python

${facts.description}

This is the package's Python SDK (\`import pulumi_dynatrace_tokens\`), generated from its Pulumi package schema by
Pulumi's own code generator: \`npm run generate\` in the repository rewrites it; don't edit it by hand.

\`\`\`python
import pulumi
import pulumi_dynatrace_tokens as dt

ingest = dt.ApiToken("otel-ingest", scopes=["metrics.ingest", "logs.ingest"], expiration_date="now+90d",
                     rotate_before="14d", keep_previous_for="24h")
pulumi.export("ingest", ingest.token)  # a Pulumi secret
\`\`\`

A program needs two things: the provider plugin and this SDK.

${pluginSection(facts)}

## 2. The SDK

It is not on PyPI: install it from the repository (${facts.repository}), into the program's virtualenv. pip builds the
wheel and installs its dependencies (\`pulumi\` 3.231 or newer, \`semver\`, \`parver\`) from PyPI:

\`\`\`sh
pip install "git+${facts.repository}.git@v${facts.version}#subdirectory=sdk/python"
\`\`\`

or, to keep a wheel (a CI cache, a machine without access to the repository), build it from a clone and install
the file:

\`\`\`sh
python -m pip wheel --no-deps --wheel-dir dist ./sdk/python   # → dist/${wheel}
pip install dist/${wheel}
\`\`\`

In a \`requirements.txt\`, name either the \`git+…\` line or the wheel's path.
`;
}

/** sdk/go/README.md. */
export function goSdkReadme(facts: PackageFacts): string {
  return `# pulumi-dynatrace-tokens for Go

${facts.description}

This is the package's Go SDK (\`import "${GO_PACKAGE}"\`), generated from its Pulumi
package schema by Pulumi's own code generator: \`npm run generate\` in the repository rewrites it; don't edit it by
hand.

\`\`\`go
ingest, err := dynatracetokens.NewApiToken(ctx, "otel-ingest", &dynatracetokens.ApiTokenArgs{
	Scopes:          pulumi.StringArray{pulumi.String("metrics.ingest"), pulumi.String("logs.ingest")},
	ExpirationDate:  pulumi.String("now+90d"),
	RotateBefore:    pulumi.String("14d"),
	KeepPreviousFor: pulumi.String("24h"),
})
if err != nil {
	return err
}
ctx.Export("ingest", ingest.Token) // a Pulumi secret
\`\`\`

A program needs two things: the provider plugin and this SDK.

${pluginSection(facts)}

## 2. The SDK

This folder is a Go module of its own, \`${GO_MODULE}\` (its \`go.mod\` is here, in \`sdk/go\` of the repository);
the package is its \`dynatracetokens\` folder. Go finds a module in a subfolder of a repository by its path, so

\`\`\`sh
go get ${GO_PACKAGE}@v${facts.version}
\`\`\`

resolves to this module. A release tags it \`sdk/go/v${facts.version}\` (a module in a subfolder is versioned by tags
with that prefix); between releases, \`@<commit>\` gets a pseudo-version. It needs \`github.com/pulumi/pulumi/sdk/v3\`,
which \`go get\` adds too.
`;
}
