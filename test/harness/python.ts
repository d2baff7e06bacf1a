import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { makeOnce } from "./consumer";

const run = promisify(execFile);

/** The Python the tests create virtualenvs with (as a user's `python3 -m venv venv` would). */
const python = process.env.PULUMI_DT_TEST_PYTHON ?? "python3";

/** Where the virtualenvs are kept between runs, beside the Pulumi build cache. */
const venvCache = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-dynatrace-tokens", "python-venvs");

/**
 * A virtualenv holding `requirements` (the text of a requirements.txt), installed with pip from PyPI the way a user's
 * `pip install -r requirements.txt` does, and reused by every later run (and every test file) that asks for the same
 * requirements with the same Python: the first costs a pip install (~15 s for `pulumi`), the others nothing.
 * Returns the virtualenv's directory. It is made in place (a virtualenv can't be moved), under a lock, and marked
 * complete last, so a run killed halfway leaves nothing another run would use.
 */
export async function pythonVenv(requirements: string): Promise<string> {
  const { stdout: version } = await run(python, ["-c", "import sys; print(sys.version)"]);
  const digest = createHash("sha256").update(version).update("\0").update(requirements).digest("hex").slice(0, 16);
  const venv = path.join(venvCache, digest);
  await makeOnce(venv, {}, async (_, lock) => {
    await run(python, ["-m", "venv", venv]);
    const requirementsFile = path.join(lock, "requirements.txt");
    fs.writeFileSync(requirementsFile, requirements);
    await run(path.join(venv, "bin", "python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirementsFile], {
      maxBuffer: 64 * 1024 * 1024,
    });
  });
  return venv;
}

/** Where the wheels built from local Python projects are kept, by the hash of the project's files. */
const wheelCache = path.join(path.dirname(venvCache), "python-wheels");

/**
 * The wheel pip builds from the Python project in `projectDir` (e.g. the generated SDK in sdk/python), as a user's
 * `pip wheel` does, kept by the hash of the project's files so that a changed project gets a new wheel (and every
 * virtualenv made with it a new virtualenv). Built from a copy: setuptools writes build/ and *.egg-info beside the
 * sources. Returns the wheel's path.
 */
export async function pythonProjectWheel(projectDir: string): Promise<string> {
  const files = fs
    .readdirSync(projectDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(projectDir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !/(^|\/)(build|dist|[^/]*\.egg-info|__pycache__)\//.test(file))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(fs.readFileSync(path.join(projectDir, file))).update("\0");
  const dir = path.join(wheelCache, hash.digest("hex").slice(0, 16));
  await makeOnce(dir, {}, async (_, lock) => {
    const source = path.join(lock, "source");
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
      fs.copyFileSync(path.join(projectDir, file), path.join(source, file));
    }
    await run(python, ["-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps", "--wheel-dir", dir, source], {
      maxBuffer: 64 * 1024 * 1024,
    });
  });
  const wheel = fs.readdirSync(dir).find((name) => name.endsWith(".whl"));
  if (wheel === undefined) throw new Error(`pip wheel left no wheel in ${dir}; delete it and run again`);
  return path.join(dir, wheel);
}
