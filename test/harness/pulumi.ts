import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, Stack, type ConfigMap } from "@pulumi/pulumi/automation";
import { examplesDir, fixturesDir, pulumiBinDir } from "./paths";
import { pythonProjectWheel, pythonVenv } from "./python";

/** What one `pulumi` invocation printed. */
export interface CommandResult {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

/** A step of `pulumi preview --json`, as far as the tests read it. */
export interface PreviewStep {
  op: "same" | "create" | "update" | "replace" | "create-replacement" | "delete-replaced" | "delete" | "read" | "refresh";
  urn: string;
  oldState?: { type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  newState?: { type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }>;
}

export interface PreviewJson {
  steps: PreviewStep[];
  diagnostics?: Array<{ urn?: string; message: string; severity: string }>;
  changeSummary?: Record<string, number>;
}

/** A resource in `pulumi stack export`. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  /** Where the program declared the resource (`project:///index.ts#<line>,<column>`), as @pulumi/pulumi recorded it. */
  sourcePosition?: string;
}

export type ProjectOptions = ProjectSource & {
  /**
   * Install these npm dependencies into the program's own node_modules (as a user's project has them) instead of
   * linking the consumer project's; `npmArgs` choose the layout (e.g. `--install-strategy=shallow`).
   */
  install?: { dependencies: Record<string, string>; npmArgs?: string[] };
  /** Stack config; `{ secret }` values are set with `pulumi config set --secret`. */
  config?: Record<string, string | { secret: string }>;
  /** Extra environment for every pulumi command (e.g. DYNATRACE_ENV_URL). */
  env?: Record<string, string>;
  /** Folders put on PATH before everything else but the Pulumi CLI's (e.g. node_modules/.bin, for a plugin there). */
  extraPath?: string[];
  /** Provider plugins the project names in Pulumi.yaml (`plugins: providers:`), each a name and a path. */
  plugins?: Array<{ name: string; path: string }>;
  /**
   * Let ts-node type-check the program, as `pulumi up` does for a user by default, so a type error a user would see
   * fails the test. Off by default: the fixtures are type-checked with the repository (`npm run typecheck`), and
   * type-checking costs seconds per command.
   */
  typecheck?: boolean;
};

/**
 * Where the program comes from: a test fixture, or one of the examples users copy. A folder without a Pulumi.yaml is a
 * TypeScript program; one with a Pulumi.yaml runs in the language its `runtime` names (nodejs, python, go or yaml).
 */
type ProjectSource =
  | {
      /** A folder under test/fixtures/ whose files (index.ts, __main__.py, main.go, Pulumi.yaml …) become the program. */
      fixture: string;
      example?: never;
    }
  | {
      /** A folder under examples/, run as it is (its own Pulumi.yaml and package.json). */
      example: string;
      fixture?: never;
    };

const passphrase = "e2e-test-passphrase";

let pulumiCommand: Promise<PulumiCommand> | undefined;
/** The CLI scripts/install-pulumi.sh installed, for the Automation API (`<root>/bin/pulumi`). */
function installedPulumi(): Promise<PulumiCommand> {
  pulumiCommand ??= PulumiCommand.get({ root: path.dirname(pulumiBinDir), skipVersionCheck: true });
  return pulumiCommand;
}

/**
 * A throwaway Pulumi project: the fixture program, this package installed from `npm pack` (linked
 * from the consumer project), a local file backend, its own PULUMI_HOME, and a `test` stack. It is
 * the one way the e2e tests talk to the real Pulumi CLI.
 */
export class PulumiProject {
  #dir: string;
  /** The scratch directory holding the program (until moved), the backend and PULUMI_HOME. */
  private readonly root: string;
  private readonly env: NodeJS.ProcessEnv;

  private constructor(dir: string, env: NodeJS.ProcessEnv) {
    this.#dir = dir;
    this.root = path.dirname(dir);
    this.env = env;
  }

  /** The program's directory (the Pulumi project, where Pulumi.yaml is). */
  get dir(): string {
    return this.#dir;
  }

  /**
   * `consumerDir` (from `prepareConsumer`) provides a Node.js program's node_modules; programs in other languages don't
   * need it.
   */
  static async create(consumerDir: string | undefined, options: ProjectOptions): Promise<PulumiProject> {
    const [name, sourceDir] =
      options.fixture !== undefined
        ? [options.fixture, path.join(fixturesDir, options.fixture)]
        : [options.example, path.join(examplesDir, options.example)];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pdt-e2e-${name.replaceAll("/", "-")}-`));
    const programDir = path.join(dir, "program");
    fs.cpSync(sourceDir, programDir, {
      recursive: true,
      // Not what a user's run left in the folder: node_modules, a Python example's virtualenv.
      filter: (source) => !source.includes(`${path.sep}node_modules`) && !source.endsWith(`${path.sep}venv`),
    });
    const projectFile = path.join(programDir, "Pulumi.yaml");
    const runtime = fs.existsSync(projectFile) ? projectRuntime(fs.readFileSync(projectFile, "utf8")) : "nodejs";
    if (runtime === "nodejs") {
      if (consumerDir === undefined) throw new Error(`${name} is a Node.js program: pass the consumer project`);
      prepareNodeProgram(programDir, name, consumerDir, options.install === undefined);
    } else if (runtime === "python") {
      await preparePythonProgram(programDir, sourceDir);
    }
    if (options.plugins !== undefined && options.plugins.length > 0) {
      // The plugins the project names (`plugins: providers:`), after whatever the program's Pulumi.yaml says.
      const entries = options.plugins.map((p) => `    - name: ${p.name}\n      path: ${p.path}\n`).join("");
      fs.appendFileSync(projectFile, `plugins:\n  providers:\n${entries}`);
    }
    fs.mkdirSync(path.join(dir, "backend"));
    fs.mkdirSync(path.join(dir, "home"));

    const env: NodeJS.ProcessEnv = { ...process.env };
    // The tests decide the credentials; a developer's own must never leak into them.
    delete env.DYNATRACE_ENV_URL;
    delete env.DYNATRACE_API_TOKEN;
    Object.assign(env, {
      PATH: [pulumiBinDir, ...(options.extraPath ?? []), process.env.PATH ?? ""].join(path.delimiter),
      PULUMI_BACKEND_URL: `file://${path.join(dir, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      PULUMI_HOME: path.join(dir, "home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      NO_COLOR: "1",
      ...options.env,
    });
    // ts-node type-checks by default; the e2e fixtures are typechecked with the repo instead (see `typecheck`).
    if (!options.typecheck) env.TS_NODE_TRANSPILE_ONLY = "true";
    else delete env.TS_NODE_TRANSPILE_ONLY;

    const project = new PulumiProject(programDir, env);
    if (options.install !== undefined) await project.npmInstall(options.install.dependencies, options.install.npmArgs);
    // The stack and its first config through the Automation API: `pulumi stack init`, then every key in one
    // `pulumi config set-all` (non-secret values as --plaintext) instead of a command per key.
    const workspace = await LocalWorkspace.create({
      workDir: programDir,
      pulumiCommand: await installedPulumi(),
      envVars: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    });
    const stack = await Stack.create("test", workspace);
    const config: ConfigMap = Object.fromEntries(
      Object.entries(options.config ?? {}).map(([key, value]) =>
        typeof value === "string" ? [key, { value }] : [key, { value: value.secret, secret: true }],
      ),
    );
    if (Object.keys(config).length > 0) await stack.setAllConfig(config);
    return project;
  }

  /** Runs `pulumi <args>` in the project; throws with the output unless `allowFailure`. */
  pulumi(args: string[], opts: { allowFailure?: boolean; env?: Record<string, string> } = {}): Promise<CommandResult> {
    const fullArgs = [...args, "--non-interactive"];
    return new Promise((resolve, reject) => {
      execFile(
        path.join(pulumiBinDir, "pulumi"),
        fullArgs,
        { cwd: this.dir, env: { ...this.env, ...opts.env }, maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          const result: CommandResult = { args: fullArgs, code, stdout, stderr };
          if (code !== 0 && !opts.allowFailure) {
            reject(new Error(`pulumi ${fullArgs.join(" ")} exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
          } else {
            resolve(result);
          }
        },
      );
    });
  }

  /**
   * Starts `pulumi <args>` in a process group of its own (`detached`), for tests that kill a run: the caller owns the
   * child and ends it with `process.kill(-child.pid, signal)`, which reaches the engine and every plugin it started.
   */
  spawnDetached(args: string[]): ChildProcess {
    return spawn(path.join(pulumiBinDir, "pulumi"), [...args, "--non-interactive"], {
      cwd: this.dir,
      env: this.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** The environment every pulumi command of this project runs with (backend, home, passphrase), for other tools. */
  commandEnv(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  setConfig(key: string, value: string | { secret: string }): Promise<CommandResult> {
    return typeof value === "string"
      ? // --plaintext: Pulumi refuses values that look random (token ids, JSON lists) without a choice.
        this.pulumi(["config", "set", "--plaintext", key, value])
      : this.pulumi(["config", "set", "--secret", key, value.secret]);
  }

  up(opts: { allowFailure?: boolean; refresh?: boolean } = {}): Promise<CommandResult> {
    const args = ["up", "--yes", "--skip-preview"];
    if (opts.refresh) args.push("--refresh");
    return this.pulumi(args, opts);
  }

  /** `pulumi preview --json`, parsed. With `diff`, also the human-readable `--diff` rendering. */
  async preview(opts: { refresh?: boolean; allowFailure?: boolean } = {}): Promise<PreviewJson & { result: CommandResult }> {
    const args = ["preview", "--json"];
    if (opts.refresh) args.push("--refresh");
    const result = await this.pulumi(args, opts);
    const parsed = result.stdout.trim() ? (JSON.parse(result.stdout) as PreviewJson) : { steps: [] };
    return { ...parsed, result };
  }

  /** `pulumi preview --diff`, the text a person reads. */
  previewDiff(opts: { allowFailure?: boolean } = {}): Promise<CommandResult> {
    return this.pulumi(["preview", "--diff"], opts);
  }

  refresh(opts: { allowFailure?: boolean } = {}): Promise<CommandResult> {
    return this.pulumi(["refresh", "--yes", "--skip-preview"], opts);
  }

  destroy(opts: { allowFailure?: boolean } = {}): Promise<CommandResult> {
    return this.pulumi(["destroy", "--yes", "--skip-preview"], opts);
  }

  /** The raw text of `pulumi stack export`, for scanning for secrets. */
  async exportText(): Promise<string> {
    return (await this.pulumi(["stack", "export"])).stdout;
  }

  /** The resources in `pulumi stack export`. */
  async resources(): Promise<StateResource[]> {
    const exported = JSON.parse(await this.exportText()) as { deployment: { resources?: StateResource[] } };
    return exported.deployment.resources ?? [];
  }

  /** The stack outputs, with secrets shown (`--show-secrets`), for handing tokens to assertions. */
  async outputs(opts: { showSecrets?: boolean } = {}): Promise<Record<string, unknown>> {
    const args = ["stack", "output", "--json"];
    if (opts.showSecrets) args.push("--show-secrets");
    return JSON.parse((await this.pulumi(args)).stdout) as Record<string, unknown>;
  }

  /**
   * Writes `dependencies` into the program's package.json and installs exactly them with npm (a fresh node_modules,
   * offline from npm's cache where it can), the way a user installs or upgrades packages.
   */
  async npmInstall(dependencies: Record<string, string>, npmArgs: string[] = []): Promise<void> {
    const file = path.join(this.dir, "package.json");
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...pkg, dependencies }, null, 2));
    fs.rmSync(path.join(this.dir, "node_modules"), { recursive: true, force: true });
    fs.rmSync(path.join(this.dir, "package-lock.json"), { force: true });
    await this.exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...npmArgs]);
  }

  /**
   * Installs `dependencies` with pnpm (`pnpm` is its binary; see `preparePnpm`) into a fresh node_modules, in pnpm's
   * layout: direct dependencies linked at the top, everything else only in `node_modules/.pnpm`.
   */
  async pnpmInstall(dependencies: Record<string, string>, pnpm: string, storeDir: string): Promise<void> {
    const file = path.join(this.dir, "package.json");
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...pkg, dependencies }, null, 2));
    // pnpm 11+ fails on dependencies' skipped build scripts (protobufjs's is only a version notice).
    fs.writeFileSync(path.join(this.dir, "pnpm-workspace.yaml"), "strictDepBuilds: false\n");
    fs.rmSync(path.join(this.dir, "node_modules"), { recursive: true, force: true });
    fs.rmSync(path.join(this.dir, "package-lock.json"), { force: true });
    await this.exec(pnpm, ["install", "--prefer-offline", "--store-dir", storeDir, "--reporter=silent"]);
  }

  /** Moves the program's directory to `to` (a path that doesn't exist yet); the backend and PULUMI_HOME stay. */
  moveTo(to: string): void {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(this.dir, to);
    this.#dir = to;
  }

  /** Runs another command (npm, the dt-tokens CLI) in the program's directory with the project's environment. */
  exec(file: string, args: string[], opts: { allowFailure?: boolean; env?: Record<string, string> } = {}): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      execFile(file, args, { cwd: this.dir, env: { ...this.env, ...opts.env }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        const result: CommandResult = { args, code, stdout, stderr };
        if (code !== 0 && !opts.allowFailure) {
          reject(new Error(`${file} ${args.join(" ")} exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
        } else {
          resolve(result);
        }
      });
    });
  }

  /** Replaces the program's index.ts (e.g. to change an input between runs). */
  writeProgram(source: string): void {
    fs.writeFileSync(path.join(this.dir, "index.ts"), source);
  }

  /** Removes the whole scratch directory (backend and home included). */
  cleanup(): void {
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The `runtime` of a Pulumi.yaml (`runtime: go` or `runtime: { name: python, options: … }`). */
function projectRuntime(projectYaml: string): string {
  const runtime = /^runtime:[ \t]*(\w+)?[ \t]*$(?:\n[ \t]+name:[ \t]*(\w+))?/m.exec(projectYaml);
  const name = runtime?.[1] ?? runtime?.[2];
  if (name === undefined) throw new Error(`no runtime in this Pulumi.yaml:\n${projectYaml}`);
  return name;
}

/** A TypeScript program: the consumer's node_modules (unless the test installs its own), a package.json and Pulumi.yaml. */
function prepareNodeProgram(programDir: string, name: string, consumerDir: string, linkNodeModules: boolean): void {
  if (linkNodeModules) {
    fs.symlinkSync(path.join(consumerDir, "node_modules"), path.join(programDir, "node_modules"), "dir");
  }
  if (!fs.existsSync(path.join(programDir, "package.json"))) {
    fs.writeFileSync(path.join(programDir, "package.json"), JSON.stringify({ name, private: true, main: "index.ts" }, null, 2));
  }
  if (!fs.existsSync(path.join(programDir, "Pulumi.yaml"))) {
    fs.writeFileSync(
      path.join(programDir, "Pulumi.yaml"),
      `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
    );
  }
}

/**
 * A Python program: the virtualenv its Pulumi.yaml names (`runtime.options.virtualenv`) is a link to a cached one
 * holding its requirements.txt (`pythonVenv`), as if the user had run `pulumi install`. A requirement that is a local
 * folder (the examples' `../../../sdk/python`, relative to the program's source folder) is installed as the wheel pip
 * builds from it (`pythonProjectWheel`), so that the virtualenv changes with the folder's content.
 */
async function preparePythonProgram(programDir: string, sourceDir: string): Promise<void> {
  const virtualenv = /^[ \t]+virtualenv:[ \t]*(\S+)/m.exec(fs.readFileSync(path.join(programDir, "Pulumi.yaml"), "utf8"))?.[1];
  if (virtualenv === undefined) return; // the program runs with the python on PATH
  const lines = fs.readFileSync(path.join(programDir, "requirements.txt"), "utf8").split("\n");
  const requirements = await Promise.all(
    lines.map((line) => (/^\.{0,2}\//.test(line.trim()) ? pythonProjectWheel(path.resolve(sourceDir, line.trim())) : line)),
  );
  fs.symlinkSync(await pythonVenv(requirements.join("\n")), path.resolve(programDir, virtualenv), "dir");
}

/** The messages of a preview's error diagnostics, in order. */
export function errorDiagnostics(preview: PreviewJson): string[] {
  return (preview.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message);
}

/** What a crash prints instead of a sentence: a Python traceback, a Go goroutine dump or panic. */
export const STACK_TRACE = /Traceback|goroutine \d+|panic:/;

/** A crash (STACK_TRACE), or a language host's report that the program failed instead of the program's sentence. */
export const STACK_TRACE_OR_HOST_EXIT = new RegExp(`${STACK_TRACE.source}|exited with non-zero exit code`);
