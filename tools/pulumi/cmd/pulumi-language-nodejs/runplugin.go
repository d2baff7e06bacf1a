package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The plugin kinds RunPlugin starts, as the engine names them in RunPluginRequest.Kind.
const (
	kindAnalyzer = "analyzer" // a policy pack: `pulumi preview --policy-pack <dir>`
	kindResource = "resource" // a provider written in TypeScript, in a folder with a PulumiPlugin.yaml
)

// pluginEntryPoints are the @pulumi/pulumi scripts that boot each kind of plugin: run-policy-pack
// loads the pack's program (which serves the Analyzer gRPC service and prints its port), run-plugin
// loads a provider's.
var pluginEntryPoints = map[string]string{
	kindAnalyzer: "@pulumi/pulumi/cmd/run-policy-pack",
	kindResource: "@pulumi/pulumi/cmd/run-plugin",
}

// RunPlugin starts a plugin written in Node.js — since Pulumi 3.2xx the engine runs every Node.js
// policy pack this way — and streams its stdout and stderr back as they are written, because the
// engine reads the plugin's gRPC port from the first line of stdout while the plugin keeps running.
// The last message is the exit code. Cancelling the stream (the engine is done with the plugin)
// kills the process.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()

	entryPoint, ok := pluginEntryPoints[req.GetKind()]
	if !ok {
		return fmt.Errorf("pulumi-language-nodejs cannot run a %q plugin (only %s and %s plugins)",
			req.GetKind(), kindAnalyzer, kindResource)
	}
	pluginDir := req.GetPwd()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		pluginDir = info.GetProgramDirectory()
	}
	options := runtimeOptions(req.GetInfo())

	script, err := resolveModule(ctx, pluginDir, entryPoint)
	if err != nil {
		return err
	}

	args := append([]string{}, options.nodeArgs...)
	args = append(args, script)
	workDir := req.GetPwd()
	if req.GetKind() == kindAnalyzer {
		// run-policy-pack takes `<engine-address> <program>`: the engine's arguments (its address,
		// and logging flags) come first and the pack's folder last. The pack runs in its own folder,
		// so it loads @pulumi/policy and its other dependencies from the pack's node_modules.
		args = append(args, req.GetArgs()...)
		args = append(args, pluginDir)
		workDir = pluginDir
	} else {
		args = append(args, pluginDir)
		args = append(args, req.GetArgs()...)
	}

	env := append([]string{}, req.GetEnv()...)
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(options.typescript))
	if options.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+options.tsconfig)
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = workDir
	cmd.Env = env
	// One lock for both streams: a gRPC server stream must not be sent on from two goroutines at once.
	var sendMu sync.Mutex
	cmd.Stdout = &streamWriter{server: server, mu: &sendMu, wrap: func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	}}
	cmd.Stderr = &streamWriter{server: server, mu: &sendMu, wrap: func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	}}

	// Run returns once the process has exited and both copying goroutines have flushed, so the exit
	// code is always the last message.
	exitCode := 0
	if err := h.Engine.RunChild(cmd); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return fmt.Errorf("could not run the %s plugin in %s with node: %w", req.GetKind(), pluginDir, err)
		}
		if ctx.Err() != nil {
			// The engine cancelled the stream to stop the plugin; nobody is listening any more.
			return ctx.Err()
		}
		exitCode = exitErr.ExitCode()
	}
	sendMu.Lock()
	defer sendMu.Unlock()
	return server.Send(&pulumirpc.RunPluginResponse{
		Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(exitCode)},
	})
}

// streamWriter forwards each chunk a child process writes as one RunPluginResponse.
type streamWriter struct {
	server pulumirpc.LanguageRuntime_RunPluginServer
	mu     *sync.Mutex
	wrap   func([]byte) *pulumirpc.RunPluginResponse
}

func (w *streamWriter) Write(p []byte) (int, error) {
	// gRPC may hold on to the slice after Send returns; the caller reuses its buffer.
	chunk := append([]byte(nil), p...)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.server.Send(w.wrap(chunk)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// resolveModule finds `module` from the plugin's own folder, so the plugin runs with the
// @pulumi/pulumi (and @pulumi/policy) it installed.
func resolveModule(ctx context.Context, dir, module string) (string, error) {
	cmd := exec.CommandContext(ctx, "node", "-e", "process.stdout.write(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not find %s from %s (%v): run `npm install` there first",
			module, filepath.Clean(dir), err)
	}
	return strings.TrimSpace(string(out)), nil
}
