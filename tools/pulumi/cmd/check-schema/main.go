// check-schema validates a Pulumi package schema (schema.json) the way Pulumi itself does before it generates SDKs:
// schema.BindSpec checks it against Pulumi's metaschema and binds every type reference, and the language sections are
// decoded by the Go, Node.js and Python code generators' own types (unknown fields refused, so a misspelt option fails
// here rather than being ignored). It prints every diagnostic, one a line, and exits 1 when there is any.
//
// Usage, in tools/pulumi (whose go.mod pins the Pulumi release the CLI is built from): go run ./cmd/check-schema
// ../../schema.json (test/provider/packageSchema.test.ts builds and runs it).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/blang/semver"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noPackages loads no other package: this schema refers only to itself and to Pulumi's built-in types.
type noPackages struct{}

func (noPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("schema refers to package %q, which it must not", name)
}

func (noPackages) LoadPackageV2(_ context.Context, descriptor *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("schema refers to package %q, which it must not", descriptor.Name)
}

// strictly decodes raw into out, refusing fields out doesn't have.
func strictly(raw json.RawMessage, out any) error {
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	return decoder.Decode(out)
}

func check(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		return []string{err.Error()}
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return []string{fmt.Sprintf("%s is not a package schema: %v", path, err)}
	}
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, diag := range diags {
		problems = append(problems, diag.Error())
	}
	if diags.HasErrors() {
		return problems
	}
	languages := map[string]schema.Language{"go": gogen.Importer, "nodejs": nodejs.Importer, "python": python.Importer}
	if err := pkg.ImportLanguages(languages); err != nil {
		problems = append(problems, err.Error())
	}
	sections := map[string]any{"go": &gogen.GoPackageInfo{}, "nodejs": &nodejs.NodePackageInfo{}, "python": &python.PackageInfo{}}
	for name, info := range sections {
		raw, ok := spec.Language[name]
		if !ok {
			problems = append(problems, fmt.Sprintf("language.%s is missing", name))
			continue
		}
		if err := strictly(json.RawMessage(raw), info); err != nil {
			problems = append(problems, fmt.Sprintf("language.%s: %v", name, err))
		}
	}
	return problems
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: check-schema <schema.json>")
		os.Exit(2)
	}
	problems := check(os.Args[1])
	for _, problem := range problems {
		fmt.Println(problem)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}
