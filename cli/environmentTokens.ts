// Every token of one environment, as `dt-tokens audit` and `dt-tokens recover` read them: all pages of API tokens,
// then of ActiveGate tokens, with progress on a terminal. A credential without `activeGateTokenManagement.read` still
// lists API tokens; the kinds it could not list are named in `skipped`, for the report to say so.
import { ActiveGateTokensClient, type ActiveGateTokenMetadata } from "../provider/client/activeGateTokens";
import { ApiTokensClient, type ApiTokenMetadata, type ListApiTokensOptions } from "../provider/client/apiTokens";
import { isDynatraceApiError } from "../provider/client/errors";
import type { DynatraceHttpClient } from "../provider/client/http";
import type { Progress } from "./progress";

/** The API's largest page of ActiveGate tokens (API tokens go up to 10 000). */
export const MAX_ACTIVE_GATE_PAGE = 3000;

export interface EnvironmentTokens {
  readonly apiTokens: ApiTokenMetadata[];
  readonly activeGateTokens: ActiveGateTokenMetadata[];
  /** Token kinds that could not be listed, with the reason. */
  readonly skipped: string[];
}

export async function listEnvironmentTokens(
  http: DynatraceHttpClient,
  progress: Progress,
  options: { apiTokens: ListApiTokensOptions; activeGatePageSize: number },
): Promise<EnvironmentTokens> {
  const apiTokens: ApiTokenMetadata[] = [];
  await new ApiTokensClient(http).listPages(options.apiTokens, (page) => {
    apiTokens.push(...page);
    progress.update(`listing API tokens: ${apiTokens.length} read`);
  });
  const activeGateTokens: ActiveGateTokenMetadata[] = [];
  const skipped: string[] = [];
  try {
    await new ActiveGateTokensClient(http).listPages(Math.min(options.activeGatePageSize, MAX_ACTIVE_GATE_PAGE), (page) => {
      activeGateTokens.push(...page);
      progress.update(`listing ActiveGate tokens: ${activeGateTokens.length} read`);
    });
  } catch (error) {
    if (!isDynatraceApiError(error, "MISSING_SCOPE")) throw error;
    skipped.push(`ActiveGate tokens: ${error.message}`);
  }
  return { apiTokens, activeGateTokens, skipped };
}
