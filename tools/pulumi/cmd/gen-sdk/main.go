// Command gen-sdk writes the Python and Go SDKs of a Pulumi package from its schema.json with
// Pulumi's own code generators (github.com/pulumi/pulumi/pkg/v3/codegen/python and codegen/go, at
// the version tools/pulumi pins for the CLI).
//
// `pulumi package gen-sdk` would do the same, but it asks each language's plugin to generate, and
// Pulumi's Python and Go language plugins are not served here; calling the generators directly
// needs nothing but this module. Usage (from tools/pulumi):
//
//	go run ./cmd/gen-sdk -schema ../../schema.json -python ../../sdk/python -go ../../sdk/go
//
// Each output directory is replaced as a whole, so a resource removed from the schema leaves no
// file behind; a directory that doesn't look like a generated SDK is refused rather than emptied.
// The output depends only on the schema and this module's go.mod, so running it twice writes the
// same bytes. The Go SDK is a module of its own when the schema sets `meta.supportPack` (its go.mod
// is generated); its go.sum is written by `go mod tidy` unless -go-tidy=false.
//
// Pulumi's Python generator writes a README (the schema's `language.python.readme`); its Go generator
// writes none, and `npm run generate` writes the Go SDK's README.md after this command.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool is the generator's name as the generated files' "do not edit" headers show it.
const tool = "tools/pulumi/cmd/gen-sdk"

func main() {
	schemaPath := flag.String("schema", "", "the package's schema.json")
	pythonDir := flag.String("python", "", "write the Python SDK into this directory (replacing it)")
	goDir := flag.String("go", "", "write the Go SDK into this directory (replacing it)")
	goTidy := flag.Bool("go-tidy", true, "run `go mod tidy` in the Go SDK (writes go.sum) when it is a module")
	flag.Parse()
	if *schemaPath == "" || (*pythonDir == "" && *goDir == "") || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: gen-sdk -schema schema.json [-python DIR] [-go DIR [-go-tidy=false]]")
		os.Exit(2)
	}
	if err := run(*schemaPath, *pythonDir, *goDir, *goTidy); err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdk: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, pythonDir, goDir string, goTidy bool) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	// Bound once as written, so that a schema the binder refuses is reported as it is on disk.
	if _, err := bindSchema(raw, schemaPath, nil); err != nil {
		return err
	}
	if pythonDir != "" {
		pkg, err := bindSchema(raw, schemaPath, &pythonNames)
		if err != nil {
			return err
		}
		files, err := python.GeneratePackage(tool, pkg, nil, builtinOnlyLoader{})
		if err != nil {
			return fmt.Errorf("generating the Python SDK: %w", err)
		}
		// pyproject.toml names README.md beside it as the package's readme; the generator puts the
		// README only inside the package folder, so `pip wheel` would fail without this copy.
		info, _ := pkg.Language["python"].(python.PackageInfo)
		packageName := info.PackageName
		if packageName == "" {
			packageName = python.PyPack(pkg.Namespace, pkg.Name)
		}
		if readme, ok := files[packageName+"/README.md"]; ok {
			files["README.md"] = readme
		}
		if err := replaceDir(pythonDir, files); err != nil {
			return err
		}
	}
	if goDir != "" {
		pkg, err := bindSchema(raw, schemaPath, &goNames)
		if err != nil {
			return err
		}
		files, err := gogen.GeneratePackage(tool, pkg, nil)
		if err != nil {
			return fmt.Errorf("generating the Go SDK: %w", err)
		}
		if err := replaceDir(goDir, files); err != nil {
			return err
		}
		if _, isModule := files["go.mod"]; isModule && goTidy {
			tidy := exec.Command("go", "mod", "tidy")
			tidy.Dir = goDir
			tidy.Stdout, tidy.Stderr = os.Stderr, os.Stderr
			if err := tidy.Run(); err != nil {
				return fmt.Errorf("`go mod tidy` in %s: %w", goDir, err)
			}
		}
	}
	return nil
}

// bindSchema validates the schema raw read from path, with its descriptions in the spelling of
// names (nil: as written); every problem the binder finds is an error.
func bindSchema(raw []byte, path string, names *languageNames) (*schema.Package, error) {
	if names != nil {
		renamed, err := withLanguageNames(raw, *names)
		if err != nil {
			return nil, fmt.Errorf("%s is not a package schema: %w", path, err)
		}
		raw = renamed
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s is not a package schema: %w", path, err)
	}
	pkg, diags, err := schema.BindSpec(spec, builtinOnlyLoader{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("binding %s: %w", path, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s is not a valid package schema:\n%s", path, diags.Error())
	}
	return pkg, nil
}

// replaceDir makes dir hold exactly files (paths relative to dir). It refuses to empty a directory
// that isn't a generated SDK, recognised by the pulumi-plugin.json every generated package holds.
func replaceDir(dir string, files map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	case len(entries) > 0:
		plugins, _ := filepath.Glob(filepath.Join(dir, "*", "pulumi-plugin.json"))
		if len(plugins) == 0 {
			return fmt.Errorf("refusing to replace %s: it is not empty and holds no generated SDK (no */pulumi-plugin.json)", dir)
		}
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// builtinOnlyLoader resolves the one package every schema may refer to without a plugin: Pulumi's
// own (`pulumi.json#/Archive`, `/Asset`, `/Any`, …). A reference to another provider's package
// would need that provider's plugin, which this generator doesn't start.
type builtinOnlyLoader struct{}

var _ schema.ReferenceLoader = builtinOnlyLoader{}

func (l builtinOnlyLoader) LoadPackage(name string, version *semver.Version) (*schema.Package, error) {
	return l.LoadPackageV2(context.Background(), &schema.PackageDescriptor{Name: name, Version: version})
}

func (builtinOnlyLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	if d.Name != "pulumi" {
		return nil, fmt.Errorf("the schema refers to package %q: gen-sdk resolves no package but `pulumi`", d.Name)
	}
	return schema.DefaultPulumiPackage, nil
}

func (l builtinOnlyLoader) LoadPackageReference(name string, version *semver.Version) (schema.PackageReference, error) {
	return l.LoadPackageReferenceV2(context.Background(), &schema.PackageDescriptor{Name: name, Version: version})
}

func (l builtinOnlyLoader) LoadPackageReferenceV2(
	ctx context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	pkg, err := l.LoadPackageV2(ctx, d)
	if err != nil {
		return nil, err
	}
	return pkg.Reference(), nil
}
