// One ingest token in each of two Dynatrace environments, each through a provider of its own.
//
// Stack config (the API tokens the providers manage tokens with are secrets):
//
//	pulumi config set stagingEnvUrl https://stg12345.live.dynatrace.com
//	pulumi config set --secret stagingApiToken <token>
//	pulumi config set prodEnvUrl https://prd12345.live.dynatrace.com
//	pulumi config set --secret prodApiToken <token>
package main

import (
	"github.com/pulumi-dynatrace-tokens/pulumi-dynatrace-tokens/sdk/go/dynatracetokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// ingestToken declares the same ingest token in each environment: the provider decides where it lives.
func ingestToken(ctx *pulumi.Context, environment string, provider *dynatracetokens.Provider) (*dynatracetokens.ApiToken, error) {
	return dynatracetokens.NewApiToken(ctx, "otel-ingest-"+environment, &dynatracetokens.ApiTokenArgs{
		Scopes:         pulumi.StringArray{pulumi.String("metrics.ingest"), pulumi.String("logs.ingest")},
		ExpirationDate: pulumi.String("now+90d"),
		RotateBefore:   pulumi.String("14d"),
	}, pulumi.Provider(provider))
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		staging, err := dynatracetokens.NewProvider(ctx, "staging", &dynatracetokens.ProviderArgs{
			EnvUrl:   pulumi.String(cfg.Require("stagingEnvUrl")),
			ApiToken: cfg.RequireSecret("stagingApiToken"),
		})
		if err != nil {
			return err
		}
		prod, err := dynatracetokens.NewProvider(ctx, "prod", &dynatracetokens.ProviderArgs{
			EnvUrl:   pulumi.String(cfg.Require("prodEnvUrl")),
			ApiToken: cfg.RequireSecret("prodApiToken"),
		})
		if err != nil {
			return err
		}

		stagingIngest, err := ingestToken(ctx, "staging", staging)
		if err != nil {
			return err
		}
		prodIngest, err := ingestToken(ctx, "prod", prod)
		if err != nil {
			return err
		}
		// Secrets, one per environment.
		ctx.Export("ingestTokens", pulumi.Map{"staging": stagingIngest.Token, "prod": prodIngest.Token})
		return nil
	})
}
