"""One ingest token in each of two Dynatrace environments, each through a provider of its own.

Stack config (the API tokens the providers manage tokens with are secrets):
  pulumi config set stagingEnvUrl https://stg12345.live.dynatrace.com
  pulumi config set --secret stagingApiToken <token>
  pulumi config set prodEnvUrl https://prd12345.live.dynatrace.com
  pulumi config set --secret prodApiToken <token>
"""

import pulumi
import pulumi_dynatrace_tokens as dt

config = pulumi.Config()

staging = dt.Provider("staging", env_url=config.require("stagingEnvUrl"), api_token=config.require_secret("stagingApiToken"))
prod = dt.Provider("prod", env_url=config.require("prodEnvUrl"), api_token=config.require_secret("prodApiToken"))


def ingest_token(environment: str, provider: dt.Provider) -> dt.ApiToken:
    """The same ingest token in each environment: the provider decides where it lives."""
    return dt.ApiToken(
        f"otel-ingest-{environment}",
        scopes=["metrics.ingest", "logs.ingest"],
        expiration_date="now+90d",
        rotate_before="14d",
        opts=pulumi.ResourceOptions(provider=provider),
    )


staging_ingest = ingest_token("staging", staging)
prod_ingest = ingest_token("prod", prod)

pulumi.export("ingest_tokens", {"staging": staging_ingest.token, "prod": prod_ingest.token})  # secrets
