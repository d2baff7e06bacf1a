//go:build tools

// Package tools pins the Pulumi CLI release that scripts/install-pulumi.sh builds from the Go
// module proxy. Our Node.js, Python and Go language hosts are built from ./cmd/pulumi-language-*,
// the SDK generator (scripts/gen-sdk.sh) from ./cmd/gen-sdk, all against this same release.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
