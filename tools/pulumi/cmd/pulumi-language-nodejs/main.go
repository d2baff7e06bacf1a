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
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// exitCodeAfterReportedError is the exit code with which @pulumi/pulumi's cmd/run says "the error was
// already reported to the engine", so the host must not report it a second time.
const exitCodeAfterReportedError = 32

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-language-nodejs [flags] <engine-address>")
		os.Exit(2)
	}
	// The engine passes its own address last; flags before it (e.g. -tracing) carry nothing we use.
	engineAddress := os.Args[len(os.Args)-1]

	// A killed engine can't stop its plugins: they run in process groups of their own. Like Pulumi's own language
	// hosts, watch the engine's health endpoint; once it stops answering, end the programs this host started (they
	// would go on registering resources nobody records) and exit.
	engineGone, markEngineGone := context.WithCancel(context.Background())
	defer markEngineGone()
	if err := rpcutil.Healthcheck(engineGone, engineAddress, engineCheckInterval, markEngineGone); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not watch the engine at %s: %v\n", engineAddress, err)
		os.Exit(1)
	}
	go func() {
		<-engineGone.Done()
		// runChild kills the children as soon as engineGone is done; give their Wait a moment to return.
		time.Sleep(500 * time.Millisecond)
		fmt.Fprintln(os.Stderr, "pulumi-language-nodejs: the Pulumi engine is gone; stopped the program and exiting")
		os.Exit(1)
	}()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{engineAddress: engineAddress, engineGone: engineGone})
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads exactly one line from stdout: the port to dial.
	fmt.Println(handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

// engineCheckInterval is how often the host asks the engine whether it is still there (2 s).
const engineCheckInterval = 2 * time.Second

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	// Done once the engine stopped answering its health checks.
	engineGone context.Context
}

// runChild runs cmd to its end, killing it first if the engine goes away.
func (h *host) runChild(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	stop := context.AfterFunc(h.engineGone, func() { _ = cmd.Process.Kill() })
	defer stop()
	return cmd.Wait()
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := req.GetPwd()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		programDir = info.GetProgramDirectory()
	}
	options := runtimeOptions(req.GetInfo())

	runScript, err := resolveRunScript(ctx, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	entryPoint := req.GetProgram()
	if info := req.GetInfo(); info != nil && info.GetEntryPoint() != "" {
		entryPoint = info.GetEntryPoint()
	}
	if entryPoint == "" {
		entryPoint = "."
	}

	args := append([]string{}, options.nodeArgs...)
	args = append(args, runScript,
		"--monitor", req.GetMonitorAddress(),
		"--engine", h.engineAddress,
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
	args = append(args, entryPoint)
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
	if err := h.runChild(cmd); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeAfterReportedError {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// nodeOptions are the `runtime.options` of a Pulumi.yaml this host honours.
type nodeOptions struct {
	typescript bool
	tsconfig   string
	nodeArgs   []string
}

func runtimeOptions(info *pulumirpc.ProgramInfo) nodeOptions {
	opts := nodeOptions{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return opts
	}
	m := info.GetOptions().AsMap()
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

// programEnv passes configuration the way @pulumi/pulumi reads it: PULUMI_CONFIG holds the
// stack config as a JSON object, PULUMI_CONFIG_SECRET_KEYS the keys that are secret.
func programEnv(req *pulumirpc.RunRequest, options nodeOptions) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("could not encode the stack config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("could not encode the secret config keys: %w", err)
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(options.typescript),
	)
	if options.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+options.tsconfig)
	}
	return env, nil
}
