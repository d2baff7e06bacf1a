// `--name` and `--exclude-name`: a glob matched against the whole token name (`ci-*`, `*ingest?`, `[ab]*`), or a
// regular expression between slashes, with flags (`/^(ci|cd) /i`), matched anywhere in it.
import { CliError } from "../errors";

const REGEX_FORM = /^\/(.*)\/([dgimsuvy]*)$/s;

export function namePattern(text: string, flag: string): RegExp {
  const regex = REGEX_FORM.exec(text);
  try {
    if (regex) return new RegExp(regex[1]!, regex[2]!.replace(/[gy]/g, ""));
    return new RegExp(`^${globSource(text)}$`, "u");
  } catch (error) {
    throw new CliError(
      "USAGE",
      `${flag} ${JSON.stringify(text)} is not a valid ${regex ? "regular expression" : "glob"} (${(error as Error).message}) — ` +
        'give a glob such as "ci-*" or a regular expression between slashes such as "/^ci-/i"',
    );
  }
}

/** `*` any run of characters, `?` one character, `[…]` one of a set; everything else stands for itself. */
function globSource(glob: string): string {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") source += ".*";
    else if (c === "?") source += ".";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) throw new SyntaxError("a [ without its ]");
      const set = glob.slice(i + 1, close);
      source += `[${set.startsWith("!") ? `^${set.slice(1)}` : set}]`;
      i = close;
    } else source += c.replace(/[\\^$.|+(){}\]]/g, "\\$&");
  }
  return source;
}
