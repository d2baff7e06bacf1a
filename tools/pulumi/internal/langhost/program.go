package langhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ExitCodeAfterReportedError is the exit code with which a program's runtime says "the error was
// already reported to the engine" (Pulumi's Node.js, Python and Go SDKs all use 32), so the host
// must not report it a second time.
const ExitCodeAfterReportedError = 32

// ProgramDir is the directory the program runs in: the program directory Pulumi.yaml's `main`
// names, else the working directory the engine passes.
func ProgramDir(req *pulumirpc.RunRequest) string {
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		return info.GetProgramDirectory()
	}
	return req.GetPwd()
}

// EntryPoint is the program's entry point relative to ProgramDir ("." for the directory itself).
func EntryPoint(req *pulumirpc.RunRequest) string {
	if info := req.GetInfo(); info != nil && info.GetEntryPoint() != "" {
		return info.GetEntryPoint()
	}
	if req.GetProgram() != "" {
		return req.GetProgram()
	}
	return "."
}

// RuntimeOptions are the `runtime.options` of the project's Pulumi.yaml.
func RuntimeOptions(info *pulumirpc.ProgramInfo) map[string]any {
	if info == nil || info.GetOptions() == nil {
		return map[string]any{}
	}
	return info.GetOptions().AsMap()
}

// ConfigEnv is the stack config as every Pulumi SDK reads it: PULUMI_CONFIG holds the config as a
// JSON object of namespaced keys, PULUMI_CONFIG_SECRET_KEYS the JSON list of keys that are secret.
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
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
	return []string{
		"PULUMI_CONFIG=" + string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON),
	}, nil
}

// RunChild runs cmd to its end, killing it first if the engine goes away.
func (e Engine) RunChild(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	stop := context.AfterFunc(e.Gone, func() { _ = cmd.Process.Kill() })
	defer stop()
	return cmd.Wait()
}

// RunProgram runs a program's process (its stdout and stderr already wired to the host's, which the
// engine shows) and turns how it ended into the engine's RunResponse: exit 0 is success, exit
// ExitCodeAfterReportedError a failure the program already reported (bail), any other exit code a
// failure the engine reports with that code. what names the process in a message when it could
// not be started at all.
func (e Engine) RunProgram(cmd *exec.Cmd, what string) *pulumirpc.RunResponse {
	err := e.RunChild(cmd)
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if exitErr.ExitCode() == ExitCodeAfterReportedError {
			return &pulumirpc.RunResponse{Bail: true}
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
		}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", what, err)}
}
