// What `dt-tokens audit` is asked to bring under code (--import-file, --adopt-code and their filters), checked as a
// whole: each flag that can't work says why in one sentence, before any request is sent.
import { commaList } from "../commaList";
import { CliError } from "../errors";
import type { Face } from "../pulumi/tokenResources";
import { namePattern } from "./namePattern";
import { ONBOARDING_KINDS, type OnboardingFilters, type OnboardingKind } from "./plan";

export interface OnboardingFlags {
  readonly importFile?: string | undefined;
  /** `true` for a bare `--adopt-code`. */
  readonly adoptCode?: true | string | undefined;
  readonly kind: readonly string[];
  readonly name: readonly string[];
  readonly excludeName: readonly string[];
  readonly owner: readonly string[];
  readonly excludeExpired: boolean;
  readonly excludeDisabled: boolean;
  readonly includeMarked: boolean;
  readonly paas: boolean;
  readonly environment?: string | undefined;
}

export interface OnboardingRequest {
  readonly filters: OnboardingFilters;
  /** A path, or `-` for stdout. */
  readonly importFile?: string;
  readonly adoptCode?: Face;
  /** The `dynatrace-tokens:environments` entry the adopt code names. */
  readonly environment?: string;
}

/** `undefined` when neither --import-file nor --adopt-code was given (and then no filter flag may be either). */
export function onboardingRequest(flags: OnboardingFlags, comparingWithStack: boolean): OnboardingRequest | undefined {
  const filterFlags = [
    ["--kind", flags.kind.length > 0],
    ["--name", flags.name.length > 0],
    ["--exclude-name", flags.excludeName.length > 0],
    ["--owner", flags.owner.length > 0],
    ["--exclude-expired", flags.excludeExpired],
    ["--exclude-disabled", flags.excludeDisabled],
    ["--include-marked", flags.includeMarked],
    ["--no-paas", !flags.paas],
    ["--environment", flags.environment !== undefined],
  ] as const;
  if (flags.importFile === undefined && flags.adoptCode === undefined) {
    const given = filterFlags.find(([, on]) => on);
    if (given) throw new CliError("USAGE", `${given[0]} chooses the tokens for --import-file or --adopt-code; give one of them (the audit report always lists every token)`);
    return undefined;
  }
  if (!comparingWithStack) {
    throw new CliError(
      "USAGE",
      `${flags.importFile !== undefined ? "--import-file" : "--adopt-code"} brings in the tokens a stack doesn't manage yet: name the stack with --stack (and --cwd) or --stack-export`,
    );
  }
  const adoptCode = flags.adoptCode === undefined ? undefined : face(flags.adoptCode);
  if (flags.importFile === "-" && adoptCode) {
    throw new CliError("USAGE", "--import-file - and --adopt-code both print to stdout: write the import file to a path (--import-file tokens.json) instead");
  }
  if (flags.environment !== undefined && flags.importFile !== undefined) {
    throw new CliError(
      "USAGE",
      "--environment only applies to --adopt-code: `pulumi import` reads every token through the stack's default provider (dynatrace-tokens:envUrl); import one environment per stack, or use --adopt-code --environment",
    );
  }
  if (flags.environment !== undefined && adoptCode === "native") {
    throw new CliError("USAGE", "--environment applies to --adopt-code dynamic: the native declarations follow `pulumi import`, which reads through the stack's default provider");
  }
  return {
    filters: {
      kinds: kinds(flags.kind),
      names: flags.name.map((p) => namePattern(p, "--name")),
      excludeNames: flags.excludeName.map((p) => namePattern(p, "--exclude-name")),
      owners: [...flags.owner],
      excludeExpired: flags.excludeExpired,
      excludeDisabled: flags.excludeDisabled,
      includeMarked: flags.includeMarked,
      paas: flags.paas,
    },
    ...(flags.importFile !== undefined ? { importFile: flags.importFile } : {}),
    ...(adoptCode ? { adoptCode } : {}),
    ...(flags.environment !== undefined ? { environment: flags.environment } : {}),
  };
}

function face(value: true | string): Face {
  if (value === true || value === "dynamic") return "dynamic";
  if (value === "native") return "native";
  throw new CliError("USAGE", `--adopt-code ${JSON.stringify(value)} is not a face: give dynamic (the default import, pulumi-dynatrace-tokens) or native (pulumi-dynatrace-tokens/native)`);
}

/** `--kind api,paas --kind activegate` → the kinds, each checked so that a typo can't select nothing silently. */
function kinds(values: readonly string[]): OnboardingKind[] {
  const { items: given, unknown } = commaList(values, Object.keys(ONBOARDING_KINDS), (k) => k.toLowerCase());
  if (unknown !== undefined || (values.length > 0 && given.length === 0)) {
    throw new CliError("USAGE", `--kind ${JSON.stringify(unknown ?? values.join(","))} is not a token kind: give api, personal, paas or activegate, comma-separated or repeated (e.g. --kind api,paas)`);
  }
  return [...new Set(given)] as OnboardingKind[];
}
