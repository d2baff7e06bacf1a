// Package langhost is the plumbing the language hosts in tools/pulumi/cmd share: serving the
// LanguageRuntime gRPC service the way the engine starts a language plugin, watching the engine's
// health so a killed `pulumi` leaves no program running, and handing a program its settings.
//
// The hosts exist because Pulumi's own Node.js, Python and Go language hosts are Go modules the
// module proxy reachable from this project's machines does not serve; each implements the part of
// the protocol that `pulumi up/preview/refresh/destroy` need and leaves the rest Unimplemented,
// which the engine treats as "an older language host".
package langhost

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// engineCheckInterval is how often a host asks the engine whether it is still there (2 s).
const engineCheckInterval = 2 * time.Second

// Engine is what a host knows about the engine that started it.
type Engine struct {
	// Address is the engine's gRPC address; programs get it to send logs to.
	Address string
	// Gone is done once the engine stopped answering its health checks.
	Gone context.Context
}

// Serve runs a language host named name: it reads the engine's address from the command line (the
// engine passes it last, after flags such as -tracing that the hosts don't use), serves the
// LanguageRuntime service that newServer returns, prints the port for the engine to dial, and
// blocks. When the engine goes away it ends the programs the host started (see RunChild) and exits.
func Serve(name string, newServer func(engine Engine) pulumirpc.LanguageRuntimeServer) {
	if len(os.Args) < 2 {
		fmt.Fprintf(os.Stderr, "usage: %s [flags] <engine-address>\n", name)
		os.Exit(2)
	}
	address := os.Args[len(os.Args)-1]

	// A killed engine can't stop its plugins: they run in process groups of their own. Like Pulumi's own language
	// hosts, watch the engine's health endpoint; once it stops answering, end the programs this host started (they
	// would go on registering resources nobody records) and exit.
	gone, markGone := context.WithCancel(context.Background())
	defer markGone()
	if err := rpcutil.Healthcheck(gone, address, engineCheckInterval, markGone); err != nil {
		fmt.Fprintf(os.Stderr, "%s: could not watch the engine at %s: %v\n", name, address, err)
		os.Exit(1)
	}
	go func() {
		<-gone.Done()
		// RunChild kills the children as soon as Gone is done; give their Wait a moment to return.
		time.Sleep(500 * time.Millisecond)
		fmt.Fprintf(os.Stderr, "%s: the Pulumi engine is gone; stopped the program and exiting\n", name)
		os.Exit(1)
	}()

	server := newServer(Engine{Address: address, Gone: gone})
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, server)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: could not start the gRPC server: %v\n", name, err)
		os.Exit(1)
	}
	// The engine reads exactly one line from stdout: the port to dial.
	fmt.Println(handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

// Base is what every host answers alike: the engine it runs for, the protocol's Unimplemented
// answers for what the hosts leave out, and GetPluginInfo. A host embeds it.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	Engine Engine
}

// GetPluginInfo reports the version of the Pulumi SDK the host is built with, as Pulumi's hosts do.
func (Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}
