// Turning the paths given to `scan` into texts to search: files, directories walked recursively, and stdin.
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { CliError } from "../errors";

/** Directories never worth scanning: installed packages and git's object store. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", ".git"]);

/** Larger files are skipped (reported as skipped): they're build output or data, and reading them costs memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024; // 20 MiB

export interface ScanSource {
  /** The path as the user would recognise it, or `<stdin>`. */
  readonly name: string;
  readonly text: string;
}

export interface SkippedFile {
  readonly name: string;
  readonly reason: "binary" | "too large" | "unreadable";
}

/** A NUL byte in the first 8 KiB is how git decides a file is binary; do the same. */
function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0);
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Yields every text file under `inputs` (a `-` reads `stdin`). Directories are walked recursively without following
 * symbolic links; binary, oversized and unreadable files are passed to `skip`. A path that doesn't exist is an error:
 * a pre-commit hook that silently scans nothing would be worse than none.
 */
export async function* scanSources(
  inputs: readonly string[],
  cwd: string,
  stdin: NodeJS.ReadableStream,
  skip: (file: SkippedFile) => void,
): AsyncGenerator<ScanSource> {
  for (const input of inputs) {
    if (input === "-") {
      yield { name: "<stdin>", text: await readStream(stdin) };
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (cause) {
      throw new CliError("INPUT", `cannot read ${input}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
    }
    if (stat.isDirectory()) yield* walk(absolute, input, skip);
    else {
      const source = await readFileSource(absolute, input, stat.size, skip);
      if (source) yield source;
    }
  }
}

async function* walk(dir: string, shown: string, skip: (file: SkippedFile) => void): AsyncGenerator<ScanSource> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    skip({ name: shown, reason: "unreadable" });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    const name = path.join(shown, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* walk(absolute, name, skip);
    } else if (entry.isFile()) {
      const source = await readFileSource(absolute, name, undefined, skip);
      if (source) yield source;
    }
  }
}

async function readFileSource(
  absolute: string,
  name: string,
  knownSize: number | undefined,
  skip: (file: SkippedFile) => void,
): Promise<ScanSource | undefined> {
  try {
    const size = knownSize ?? (await fs.stat(absolute)).size;
    if (size > MAX_FILE_BYTES) {
      skip({ name, reason: "too large" });
      return undefined;
    }
    const buffer = await fs.readFile(absolute);
    if (isBinary(buffer)) {
      skip({ name, reason: "binary" });
      return undefined;
    }
    return { name, text: buffer.toString("utf8") };
  } catch {
    skip({ name, reason: "unreadable" });
    return undefined;
  }
}
