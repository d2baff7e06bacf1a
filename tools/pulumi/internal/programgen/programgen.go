// Package programgen answers the LanguageRuntime's GenerateProgram for our Python and Go hosts: the
// engine sends a program in Pulumi's intermediate language (PCL) — e.g. the resources `pulumi
// import` adopted — and prints the code a host writes from it. Binding resolves each package's
// schema through the engine's loader (which asks the provider plugin, GetSchema), and Pulumi's
// own generators for the language write the code, as Pulumi's hosts do.
//
// It is a package of its own so that the Node.js host, which doesn't generate programs, doesn't
// carry the code generators.
package programgen

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Generator writes a bound program in one language (codegen/python's or codegen/go's GenerateProgram).
type Generator func(program *pcl.Program) (map[string][]byte, hcl.Diagnostics, error)

// In answers GenerateProgram with a language's generator; a host embeds it.
type In struct {
	Generate Generator
}

// GenerateProgram writes a program in the host's language from the engine's intermediate language
// (PCL), e.g. the code `pulumi import` prints for the resources it adopted: it binds req's sources
// and writes them with the host's generator. Problems in the program come back as diagnostics,
// which the engine shows; only a failure to bind or generate at all is an error.
func (in In) GenerateProgram(
	ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("could not reach the engine's schema loader: %w", err)
	}
	defer loader.Close()

	parser := syntax.NewParser()
	names := make([]string, 0, len(req.GetSource()))
	for name := range req.GetSource() {
		names = append(names, name)
	}
	sort.Strings(names) // the same program, the same code
	for _, name := range names {
		if err := parser.ParseFile(strings.NewReader(req.GetSource()[name]), name); err != nil {
			return nil, err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{
			Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(parser.Diagnostics),
		}, nil
	}

	options := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !req.GetStrict() {
		options = append(options, pcl.NonStrictBindOptions()...)
	}
	program, diags, err := pcl.BindProgramWithContext(ctx, parser.Files, schema.NewCachedLoader(loader), options...)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() || program == nil {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}

	files, genDiags, err := in.Generate(program)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(append(diags, genDiags...)),
	}, nil
}
