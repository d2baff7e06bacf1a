// Command pulumi-language-go is a small Go language host for the Pulumi engine.
//
// Pulumi's own Go language host is a Go module the module proxy reachable from this project's
// machines does not serve. This host runs a Go program the way Pulumi's does: it compiles the
// program with `go build` (or runs the binary Pulumi.yaml's `runtime.options.binary` names) and
// starts it with the engine's settings in the PULUMI_* environment variables that
// github.com/pulumi/pulumi/sdk/v3/go/pulumi's Run reads. Builds use the user's Go build cache, so a
// second run only links; `-mod=mod` lets `go build` resolve go.mod's requirements (from the module
// proxy, the only place Go modules come from here) and record them in go.sum. Plugin discovery is
// left to the engine, and the optional RPCs answer Unimplemented.
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pulumi-dynatrace-tokens/tools/pulumi/internal/langhost"
	"github.com/pulumi-dynatrace-tokens/tools/pulumi/internal/programgen"
	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	langhost.Serve("pulumi-language-go", func(engine langhost.Engine) pulumirpc.LanguageRuntimeServer {
		return &host{Base: langhost.Base{Engine: engine}, In: programgen.In{Generate: codegen.GenerateProgram}}
	})
}

type host struct {
	langhost.Base
	programgen.In
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := langhost.ProgramDir(req)

	program, cleanup, err := h.programBinary(ctx, req, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	defer cleanup()

	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd := exec.CommandContext(ctx, program, req.GetArgs()...)
	cmd.Dir = programDir
	cmd.Env = append(os.Environ(), configEnv...)
	cmd.Env = append(cmd.Env,
		"PULUMI_MONITOR="+req.GetMonitorAddress(),
		"PULUMI_ENGINE="+h.Engine.Address,
		"PULUMI_PROJECT="+req.GetProject(),
		"PULUMI_STACK="+req.GetStack(),
		"PULUMI_DRY_RUN="+strconv.FormatBool(req.GetDryRun()),
		"PULUMI_PARALLEL="+strconv.Itoa(int(req.GetParallel())),
		"PULUMI_ORGANIZATION="+req.GetOrganization(),
		"PULUMI_ROOT_DIRECTORY="+req.GetInfo().GetRootDirectory(),
	)
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return h.Engine.RunProgram(cmd, program), nil
}

// programBinary is the executable to run: the one `runtime.options.binary` names (relative to the
// program directory), else the program built into a temporary directory that cleanup removes.
func (h *host) programBinary(
	ctx context.Context, req *pulumirpc.RunRequest, programDir string,
) (string, func(), error) {
	noCleanup := func() {}
	if binary, ok := langhost.RuntimeOptions(req.GetInfo())["binary"].(string); ok && binary != "" {
		if !filepath.IsAbs(binary) {
			binary = filepath.Join(programDir, binary)
		}
		if _, err := os.Stat(binary); err != nil {
			return "", noCleanup, fmt.Errorf("Pulumi.yaml's runtime.options.binary is %s, which can't be run: %w", binary, err)
		}
		return binary, noCleanup, nil
	}

	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", noCleanup, fmt.Errorf("go is not on PATH: install Go to build the program, or build it yourself " +
			"and name the binary in Pulumi.yaml's runtime.options.binary")
	}
	outDir, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return "", noCleanup, fmt.Errorf("could not make a directory to build the program in: %w", err)
	}
	cleanup := func() { _ = os.RemoveAll(outDir) }
	binary := filepath.Join(outDir, "program")

	build := exec.CommandContext(ctx, goTool, "build", "-o", binary, langhost.EntryPoint(req))
	build.Dir = programDir
	build.Env = append(os.Environ(), "GOFLAGS="+withModMod(os.Getenv("GOFLAGS")))
	var output bytes.Buffer
	build.Stdout = &output
	build.Stderr = &output
	if err := h.Engine.RunChild(build); err != nil {
		cleanup()
		return "", noCleanup, fmt.Errorf("`go build` of the program in %s failed (%v):\n%s",
			programDir, err, strings.TrimSpace(output.String()))
	}
	return binary, cleanup, nil
}

// withModMod adds -mod=mod to GOFLAGS unless they already choose a -mod mode, so that a program
// whose go.sum lacks an entry still builds (Go adds it) instead of failing on a read-only go.mod.
func withModMod(goflags string) string {
	for _, flag := range strings.Fields(goflags) {
		if strings.HasPrefix(flag, "-mod=") {
			return goflags
		}
	}
	return strings.TrimSpace(goflags + " -mod=mod")
}
