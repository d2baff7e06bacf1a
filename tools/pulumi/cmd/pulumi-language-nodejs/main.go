// Command pulumi-language-nodejs is a minimal Node.js language host for the Pulumi engine.
//
// Pulumi's own Node.js language host is a separate Go module that the module proxy reachable from
// this project's machines does not serve, so the CLI built by scripts/install-pulumi.sh would have
// no way to run a Node.js program. This host implements the part of the LanguageRuntime protocol
// that `pulumi up/preview/refresh/destroy` need: it starts the `@pulumi/pulumi` package's own
// `cmd/run` entry point in the program's directory, exactly as that package expects to be started,
// and reports whether the program failed. RunPlugin (runplugin.go) starts Node.js plugins — policy
// packs for `pulumi preview --policy-pack` — the same way. Plugin discovery is left to the engine (it finds
// providers on PATH and beside the CLI), and the optional RPCs answer Unimplemented, which the
// engine treats as "an older language host".
package main

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/pulumi-dynatrace-tokens/tools/pulumi/internal/langhost"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	langhost.Serve("pulumi-language-nodejs", func(engine langhost.Engine) pulumirpc.LanguageRuntimeServer {
		return &host{Base: langhost.Base{Engine: engine}}
	})
}

type host struct {
	langhost.Base
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := langhost.ProgramDir(req)
	options := runtimeOptions(req.GetInfo())

	runScript, err := resolveRunScript(ctx, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := append([]string{}, options.nodeArgs...)
	args = append(args, runScript,
		"--monitor", req.GetMonitorAddress(),
		"--engine", h.Engine.Address,
		"--project", req.GetProject(),
		"--stack", req.GetStack(),
		"--pwd", programDir,
		"--parallel", strconv.Itoa(int(req.GetParallel())),
	)
	if req.GetOrganization() != "" {
		args = append(args, "--organization", req.GetOrganization())
	}
	if info := req.GetInfo(); info != nil && info.GetRootDirectory() != "" {
		args = append(args, "--root-directory", info.GetRootDirectory())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, langhost.EntryPoint(req))
	args = append(args, req.GetArgs()...)

	env, err := programEnv(req, options)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = programDir
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return h.Engine.RunProgram(cmd, "node"), nil
}

// nodeOptions are the `runtime.options` of a Pulumi.yaml this host honours.
type nodeOptions struct {
	typescript bool
	tsconfig   string
	nodeArgs   []string
}

func runtimeOptions(info *pulumirpc.ProgramInfo) nodeOptions {
	opts := nodeOptions{typescript: true}
	m := langhost.RuntimeOptions(info)
	if v, ok := m["typescript"].(bool); ok {
		opts.typescript = v
	}
	if v, ok := m["tsconfig"].(string); ok {
		opts.tsconfig = v
	}
	if v, ok := m["nodeargs"].(string); ok && strings.TrimSpace(v) != "" {
		opts.nodeArgs = strings.Fields(v)
	}
	return opts
}

// resolveRunScript finds the program's own copy of @pulumi/pulumi, so the SDK that registers
// resources is the one the program imports.
func resolveRunScript(ctx context.Context, programDir string) (string, error) {
	return resolveModule(ctx, programDir, "@pulumi/pulumi/cmd/run")
}

// programEnv passes the stack config the way @pulumi/pulumi reads it (langhost.ConfigEnv) and the
// TypeScript options.
func programEnv(req *pulumirpc.RunRequest, options nodeOptions) ([]string, error) {
	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), configEnv...)
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(options.typescript))
	if options.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+options.tsconfig)
	}
	return env, nil
}
