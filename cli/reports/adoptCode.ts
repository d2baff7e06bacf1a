// `dt-tokens audit --adopt-code`: TypeScript declaring the tokens an onboarding plan brings in, ready to paste into a
// Pulumi program. `dynamic` declarations take each token over by id at the next `pulumi up` (`adopt`); `native`
// declarations are the program for tokens `pulumi import --file` has put into the stack. Either way a token declared
// as it is previews without a change. Every text from Dynatrace is printed as a string literal (literal()), so no
// token name can break out of it, in code or in a comment; there is nothing secret in what is printed (identifiers and
// metadata only).
import type { Onboarding } from "../commands/audit";
import { leftOutByReason, type LeftOutReason, type LeftOutToken, type OnboardedToken } from "../onboard/plan";
import { FACE_MODULE } from "../pulumi/tokenResources";

/** Lines longer than this put one scope per line. */
const LINE_WIDTH = 120;

export function adoptCode(onboarding: Onboarding, envUrl: string): string {
  const face = onboarding.adoptCode ?? "dynamic";
  const declared = onboarding.tokens.filter((t) => face === "native" || !t.expired);
  const expired = onboarding.tokens.filter((t) => face === "dynamic" && t.expired);
  const header = [
    `// ${declared.length} token${declared.length === 1 ? "" : "s"} of ${oneLine(envUrl)} that the stack doesn't manage yet, written by \`dt-tokens audit --adopt-code${face === "native" ? " native" : ""}\`.`,
    ...(face === "dynamic"
      ? [
          "// The next `pulumi up` takes each one over by id (`adopt`) and changes nothing in Dynatrace, as each is declared",
          "// as it is; remove the `adopt` lines after that `up`.",
        ]
      : [
          "// The program for the tokens `pulumi import --file` brought into the stack: declared as they are, they preview",
          "// without a change.",
        ]),
    "// Their secrets can't be read back (`token` stays empty): rotate them into Pulumi with `rotationTrigger` or",
    "// `keepPreviousFor` when their consumers are ready (docs/onboarding.md). `protect: true` is what `pulumi import`",
    "// sets: `pulumi destroy` refuses to delete them until you remove it.",
    ...leftOutComments(onboarding.leftOut, expired),
  ];
  const declarations = declared.map((t) => declaration(t, face, onboarding.environment));
  return [...header, "", `import * as dt from "${FACE_MODULE[face]}";`, "", ...declarations].join("\n") + "\n";
}

function declaration(token: OnboardedToken, face: "dynamic" | "native", environment: string | undefined): string {
  const inputs = token.inputs;
  const properties: Array<[string, string]> = [["name", literal(inputs.name)]];
  if (inputs.scopes) properties.push(["scopes", list(inputs.scopes)]);
  if (inputs.supportAlert) properties.push(["supportAlert", "true"]);
  if (inputs.activeGateType) properties.push(["activeGateType", literal(inputs.activeGateType)]);
  if (inputs.seedToken) properties.push(["seedToken", "true"]);
  if (inputs.enabled === false) properties.push(["enabled", "false"]);
  if (inputs.expirationDate) properties.push(["expirationDate", literal(inputs.expirationDate)]);
  if (environment !== undefined) properties.push(["environment", literal(environment)]);
  if (face === "dynamic") properties.push(["adopt", `{ id: ${literal(token.id)} }`]);
  const body = properties.map(([key, value]) => `  ${key}: ${value},`);
  const wrapped = body.flatMap((line) => (line.length <= LINE_WIDTH ? [line] : wrap(line)));
  return [`new dt.${token.resourceClass}(${literal(token.resource)}, {`, ...wrapped, "}, { protect: true });", ""].join("\n");
}

/**
 * A TypeScript string literal: JSON's escapes, plus U+2028 and U+2029, which JSON leaves as they are but which end a
 * `//` comment (and older parsers' string literals).
 */
function literal(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Text for a `//` comment: whatever would end the line (and the comment) becomes a space. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, " ");
}

function list(values: readonly string[]): string {
  return `[${values.map((v) => literal(v)).join(", ")}]`;
}

/** `  scopes: ["a", "b", …],` too long for a line → one scope per line. */
function wrap(line: string): string[] {
  const match = /^ {2}(\w+): \[(.*)\],$/.exec(line);
  if (!match) return [line];
  return [`  ${match[1]}: [`, ...match[2]!.split(", ").map((v) => `    ${v},`), "  ],"];
}

const LEFT_OUT: Readonly<Record<LeftOutReason, string>> = {
  credential: "the token dt-tokens ran with (a stack that manages its own credential could delete it)",
  marked: "made by another Pulumi stack (their names end in its create marker; --include-marked brings them in)",
  refused: "with a name or scopes the provider refuses: rename or fix them in Dynatrace first",
  filtered: "not selected by the filters",
};

function leftOutComments(leftOut: readonly LeftOutToken[], expired: readonly OnboardedToken[]): string[] {
  const lines: string[] = [];
  for (const [reason, tokens] of leftOutByReason(leftOut)) {
    lines.push(`// Left out: ${tokens.length} ${LEFT_OUT[reason]}${reason === "filtered" ? "." : ":"}`);
    if (reason === "filtered") continue;
    for (const t of tokens) lines.push(`//   ${oneLine(t.id)}${t.name !== undefined ? ` ${literal(t.name)}` : ""}${t.detail && reason === "refused" ? `: ${oneLine(t.detail)}` : ""}`);
  }
  if (expired.length > 0) {
    lines.push(
      `// Left out: ${expired.length} expired (a new resource can't declare a past expirationDate; delete them in Dynatrace, or leave them out with --exclude-expired):`,
    );
    for (const t of expired) lines.push(`//   ${oneLine(t.id)} ${literal(t.inputs.name)}, expired ${oneLine(t.inputs.expirationDate ?? "")}`);
  }
  return lines;
}
