//go:build tools

// Package tools pins Pulumi's YAML language host, github.com/pulumi/pulumi-yaml's
// cmd/pulumi-language-yaml, which scripts/install-pulumi.sh builds from the Go module proxy.
//
// It is a module of its own rather than a part of tools/pulumi: pulumi-yaml v1.25.0 requires
// github.com/pulumi/pulumi/{pkg,sdk}/v3 v3.206.0 and does not compile against v3.259.0 (its
// pulumiyaml package calls plugin.NewContextWithRoot and schema.NewPluginLoader with the older
// signatures), so it can't share the CLI's module. Here it gets exactly the dependencies its own
// go.mod names, as in Pulumi's release of the host; the host talks to the newer engine over gRPC.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
