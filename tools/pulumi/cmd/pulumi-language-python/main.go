// Command pulumi-language-python is a small Python language host for the Pulumi engine.
//
// Pulumi's own Python language host is a Go module the module proxy reachable from this project's
// machines does not serve, and the `pulumi-language-python-exec` script it runs programs with
// ships with the CLI, not with the `pulumi` wheel. This host runs a program the same way with a
// script of its own (exec.py, embedded): in the virtualenv that Pulumi.yaml's
// `runtime.options.virtualenv` names (else the python on PATH), with the `pulumi` wheel the program
// installed. InstallDependencies (`pulumi install`) creates that virtualenv and installs
// requirements.txt with pip. Plugin discovery is left to the engine (it finds providers on PATH,
// beside the CLI and in Pulumi.yaml's `plugins`), and the optional RPCs answer Unimplemented.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/pulumi-dynatrace-tokens/tools/pulumi/internal/langhost"
	"github.com/pulumi-dynatrace-tokens/tools/pulumi/internal/programgen"
	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// execScript sets up the `pulumi` package's runtime from the flags Run passes and runs the program.
//
//go:embed exec.py
var execScript string

func main() {
	langhost.Serve("pulumi-language-python", func(engine langhost.Engine) pulumirpc.LanguageRuntimeServer {
		return &host{Base: langhost.Base{Engine: engine}, In: programgen.In{Generate: codegen.GenerateProgram}}
	})
}

type host struct {
	langhost.Base
	programgen.In
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := langhost.ProgramDir(req)
	python, err := resolvePython(req.GetInfo(), programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if err := python.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := []string{"-c", execScript,
		"--monitor", req.GetMonitorAddress(),
		"--engine", h.Engine.Address,
		"--project", req.GetProject(),
		"--stack", req.GetStack(),
		"--pwd", programDir,
		"--dry_run", strconv.FormatBool(req.GetDryRun()),
		"--parallel", strconv.Itoa(int(req.GetParallel())),
	}
	if req.GetOrganization() != "" {
		args = append(args, "--organization", req.GetOrganization())
	}
	if root := req.GetInfo().GetRootDirectory(); root != "" {
		args = append(args, "--root_directory", root)
	}
	args = append(args, langhost.EntryPoint(req))
	args = append(args, req.GetArgs()...)

	cmd, err := python.Command(ctx, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find python: %v", err)}, nil
	}
	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	// The toolchain sets Env only to activate a virtualenv; otherwise the program inherits ours.
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, configEnv...)
	cmd.Dir = programDir
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return h.Engine.RunProgram(cmd, "python"), nil
}

// InstallDependencies is `pulumi install`: it creates the virtualenv Pulumi.yaml names (if any),
// upgrades pip, setuptools and wheel in it and installs the program's requirements.txt.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	python, err := resolvePython(info, programDir)
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	if err := python.InstallDependencies(server.Context(), programDir, false /* no pyenv */, true, stdout, stderr); err != nil {
		return err
	}
	return closer.Close()
}

// resolvePython is the pip toolchain for the project: its `runtime.options.virtualenv` is a path
// relative to the directory holding Pulumi.yaml. Poetry and uv projects, and type checking before
// the run, need Pulumi's own host: this one says so instead of running the program another way.
func resolvePython(info *pulumirpc.ProgramInfo, programDir string) (toolchain.Toolchain, error) {
	options := langhost.RuntimeOptions(info)
	if name, ok := options["toolchain"].(string); ok && name != "pip" {
		return nil, fmt.Errorf("Pulumi.yaml's runtime.options.toolchain is %q, but this project's Python language "+
			"host supports only pip: remove the option, or run the program with a regular Pulumi install", name)
	}
	if checker, ok := options["typechecker"].(string); ok && checker != "" {
		return nil, fmt.Errorf("Pulumi.yaml's runtime.options.typechecker is %q, but this project's Python language "+
			"host doesn't run type checkers: remove the option, or run the program with a regular Pulumi install", checker)
	}
	root := info.GetRootDirectory()
	if root == "" {
		root = programDir
	}
	virtualenv, _ := options["virtualenv"].(string)
	return toolchain.ResolveToolchain(toolchain.PythonOptions{
		Root:       filepath.Clean(root),
		ProgramDir: programDir,
		Virtualenv: virtualenv,
		Toolchain:  toolchain.Pip,
	})
}
