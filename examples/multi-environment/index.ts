import * as dt from "pulumi-dynatrace-tokens";

// Stack config:
//   pulumi config set --path 'dynatrace-tokens:environments.staging.envUrl' https://stg12345.live.dynatrace.com
//   pulumi config set --secret --path 'dynatrace-tokens:environments.staging.apiToken' <token>
//   pulumi config set --path 'dynatrace-tokens:environments.prod.envUrl' https://prd12345.live.dynatrace.com
//   pulumi config set --secret --path 'dynatrace-tokens:environments.prod.apiToken' <token>
const environments = ["staging", "prod"] as const;

export const ingestTokens = Object.fromEntries(
  environments.map((environment) => {
    const token = new dt.ApiToken(`otel-ingest-${environment}`, {
      environment,
      scopes: ["metrics.ingest", "logs.ingest"],
      expirationDate: "now+90d",
      rotateBefore: "14d",
    });
    return [environment, token.token];
  }),
);
