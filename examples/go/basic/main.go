// An ingest token for an OpenTelemetry collector, a read-only token for dashboards, and a PaaS token.
package main

import (
	"github.com/pulumi-dynatrace-tokens/pulumi-dynatrace-tokens/sdk/go/dynatracetokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		ingest, err := dynatracetokens.NewApiToken(ctx, "otel-ingest", &dynatracetokens.ApiTokenArgs{
			Scopes:         pulumi.StringArray{pulumi.String("metrics.ingest"), pulumi.String("logs.ingest"), pulumi.String("openTelemetryTrace.ingest")},
			ExpirationDate: pulumi.String("now+90d"),
		})
		if err != nil {
			return err
		}

		readOnly, err := dynatracetokens.NewApiToken(ctx, "grafana-read", &dynatracetokens.ApiTokenArgs{
			Scopes: pulumi.StringArray{pulumi.String("metrics.read"), pulumi.String("entities.read"), pulumi.String("problems.read")},
		})
		if err != nil {
			return err
		}

		paas, err := dynatracetokens.NewPaasToken(ctx, "oneagent-installer", &dynatracetokens.PaasTokenArgs{
			ExpirationDate: pulumi.String("now+1y"),
		})
		if err != nil {
			return err
		}

		ctx.Export("ingestTokenId", ingest.ID())
		ctx.Export("ingestToken", ingest.Token) // a secret: pulumi stack output --show-secrets ingestToken
		ctx.Export("readOnlyToken", readOnly.Token)
		ctx.Export("paasToken", paas.Token)
		return nil
	})
}
