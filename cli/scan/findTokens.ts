// Finding token secrets in text. Only the identifier (`prefix.public`) of a find ever leaves this module.
import { TOKEN_SECRET_PATTERN } from "../../provider/tokenFormat";
import { tokenKind } from "./tokenKinds";

export interface TokenMatch {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** `prefix.public` — never the secret part. */
  readonly identifier: string;
  readonly kind: string;
}

/** Every token secret in `text`, in order; a token never spans lines. */
export function findTokens(text: string): TokenMatch[] {
  const matches: TokenMatch[] = [];
  const lines = text.split(/\r?\n|\r/);
  for (const [index, line] of lines.entries()) {
    if (!line.includes("dt0")) continue;
    for (const match of line.matchAll(new RegExp(TOKEN_SECRET_PATTERN.source, "g"))) {
      const identifier = match[1] as string;
      matches.push({ line: index + 1, column: (match.index ?? 0) + 1, identifier, kind: tokenKind(identifier) });
    }
  }
  return matches;
}
