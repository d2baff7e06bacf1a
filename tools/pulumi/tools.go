//go:build tools

// Package tools pins the Pulumi CLI release that scripts/install-pulumi.sh builds from the Go
// module proxy. The Node.js language host is built from ./cmd/pulumi-language-nodejs.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
