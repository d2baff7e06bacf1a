// Tokens that rotate before they expire and keep the previous token valid for a while.
//
// Consumers that pick up a new token later lose nothing: with KeepPreviousFor, a rotation issues the new token in
// place and keeps the previous one valid for that long; the first `pulumi up` after that deletes it. Run `pulumi up`
// regularly (e.g. a nightly CI job): it rotates before expiry and removes previous tokens once their time is up.
package main

import (
	"github.com/pulumi-dynatrace-tokens/pulumi-dynatrace-tokens/sdk/go/dynatracetokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// An ActiveGate reads its token from authorization.properties when it starts. After a rotation, every
		// ActiveGate keeps working with the previous token until it is restarted with the new line: the fleet has a
		// week for that.
		activeGate, err := dynatracetokens.NewActiveGateToken(ctx, "activegate", &dynatracetokens.ActiveGateTokenArgs{
			ActiveGateType:  pulumi.String("ENVIRONMENT"),
			ExpirationDate:  pulumi.String("now+6M"),
			RotateBefore:    pulumi.String("30d"),
			KeepPreviousFor: pulumi.String("7d"),
		})
		if err != nil {
			return err
		}
		// `authToken=dt0g02.…`, the line your configuration management writes into authorization.properties (a secret).
		authorization := dynatracetokens.ActiveGateAuthorizationLineOutput(ctx, dynatracetokens.ActiveGateAuthorizationLineOutputArgs{
			Token: activeGate.Token.Elem(),
		})
		ctx.Export("activeGateAuthorization", authorization.Line())
		// Roll the new line out before this date: then the previous token is deleted (absent when none is kept).
		ctx.Export("activeGatePreviousTokenRemoval", activeGate.PreviousTokenRemovalDate)

		// An ingest token synced to a Kubernetes Secret, which pods read when they start: pods started before a
		// rotation keep sending with the previous token, which stays valid for a day — restart them (or let them
		// roll) within that day.
		ingest, err := dynatracetokens.NewApiToken(ctx, "otel-ingest", &dynatracetokens.ApiTokenArgs{
			Scopes:          pulumi.StringArray{pulumi.String("metrics.ingest"), pulumi.String("logs.ingest"), pulumi.String("openTelemetryTrace.ingest")},
			ExpirationDate:  pulumi.String("now+90d"),
			RotateBefore:    pulumi.String("14d"),
			KeepPreviousFor: pulumi.String("24h"),
		})
		if err != nil {
			return err
		}

		// The Secret, as a manifest (a Pulumi secret): with pulumi-kubernetes, a corev1.Secret with these fields; or
		// write it out for the pipeline that syncs your cluster's secrets.
		ctx.Export("ingestSecret", pulumi.ToSecret(ingest.Token.Elem().ApplyT(func(token string) map[string]any {
			return map[string]any{
				"apiVersion": "v1",
				"kind":       "Secret",
				"metadata":   map[string]any{"name": "dynatrace-ingest", "namespace": "monitoring"},
				"type":       "Opaque",
				"stringData": map[string]any{"DT_API_TOKEN": token},
			}
		})))
		// Which token is in use, and which one is kept until when (identifiers only; PreviousToken is the kept secret).
		ctx.Export("ingestTokenId", ingest.TokenId)
		ctx.Export("ingestPreviousTokenId", ingest.PreviousTokenId)
		ctx.Export("ingestPreviousTokenRemoval", ingest.PreviousTokenRemovalDate)
		return nil
	})
}
