// The gRPC runtime and Pulumi's generated protocol stubs, as the installed @pulumi/pulumi ships them. They are loaded
// from @pulumi/pulumi's own folder, so the plugin uses the same @grpc/grpc-js and google-protobuf copies as the stubs
// (message classes of two copies don't mix) in every install layout, pnpm's included, without depending on them
// itself. Only these modules are loaded, never @pulumi/pulumi's index: the plugin starts in a fraction of the time.
//
// These deep imports are not a public API of @pulumi/pulumi: test/e2e/oldest-pulumi.test.ts runs the plugin on the
// oldest version the package declares (peerDependencies), the other tests on the one it is developed with.
import type * as grpcModule from "@grpc/grpc-js";
import type * as emptyModule from "google-protobuf/google/protobuf/empty_pb";
import type * as structModule from "google-protobuf/google/protobuf/struct_pb";
import type * as anyModule from "google-protobuf/google/protobuf/any_pb";
import type * as engineGrpcModule from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineModule from "@pulumi/pulumi/proto/engine_pb";
import type * as pluginModule from "@pulumi/pulumi/proto/plugin_pb";
import type * as providerGrpcModule from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as providerModule from "@pulumi/pulumi/proto/provider_pb";
import type * as statusModule from "@pulumi/pulumi/proto/status_pb";
import { createRequire } from "node:module";

/** `require` as seen from the installed @pulumi/pulumi. */
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcModule;
export const providerProto = fromPulumi("./proto/provider_pb") as typeof providerModule;
export const providerService = fromPulumi("./proto/provider_grpc_pb") as typeof providerGrpcModule;
export const pluginProto = fromPulumi("./proto/plugin_pb") as typeof pluginModule;
export const engineProto = fromPulumi("./proto/engine_pb") as typeof engineModule;
export const engineService = fromPulumi("./proto/engine_grpc_pb") as typeof engineGrpcModule;
export const statusProto = fromPulumi("./proto/status_pb") as typeof statusModule;
export const emptyProto = fromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof emptyModule;
export const anyProto = fromPulumi("google-protobuf/google/protobuf/any_pb") as typeof anyModule;
const structProto = fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof structModule;

/** The `Struct` class the stubs use. */
export function structClass(): typeof structModule.Struct {
  return structProto.Struct;
}
