// Pulumi's ResourceProvider gRPC service for the package's native resources (`dynatrace-tokens:index:*`), on the
// stubs @pulumi/pulumi generates. Each call decodes the engine's properties (marshal.ts), hands them to the same
// provider objects the dynamic resources use (provider/index.ts `resourceProviders`), and encodes the answer with
// its secrets. What only the native face does lives beside it: configuration (config.ts), the detailed diff
// (diff.ts), `pulumi import` (importRead.ts), functions (invoke.ts), logging to the engine (engineLog.ts).
import * as fs from "node:fs";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type { IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as proto from "@pulumi/pulumi/proto/provider_pb";
import { configure } from "../config";
import { cancelOperations } from "../engineWatch";
import { resourceProviders, SENTENCE_ERRORS_BY_KIND } from "../index";
import * as log from "../log";
import { packageRoot, packageVersion } from "../packageInfo";
import { redact } from "../redact";
import { kindOfToken, PACKAGE, presetInputs, RESOURCE_KINDS, type ResourceKind } from "../resourceKinds";
import type { PropertyChanges } from "../resources/propertyChanges";
import { asReadError, InputError, isSentenceError } from "../sentenceErrors";
import { unknownPropertiesMessage } from "../validation/unknownProperties";
import { changedConfig, checkProviderConfig, PROVIDER_INPUTS, providerConfigSource, settingsWordingOf } from "./config";
import { diffResponse } from "./diff";
import { withResource } from "./engineLog";
import { importById } from "./importRead";
import { FUNCTIONS } from "./invoke";
import { decode, encode, reveal, carrySecrets, type Properties } from "./marshal";
import { INPUT_NAMES, OUTPUT_SOURCES, previewCreateOutputs, previewUpdateOutputs, withIdFallbacks } from "./properties";
import { anyProto, emptyProto, grpc, pluginProto, providerProto, providerService, statusProto } from "./protocol";
import { parseUrn, withStackOf, type ResourceUrn } from "./urn";

type Failure = { readonly property: string; readonly reason: string };

/** The error classes whose message is the whole story, for every kind (see provider/sentenceErrors.ts). */
const SENTENCE_ERRORS = Object.values(SENTENCE_ERRORS_BY_KIND).flat();

/** A create or update that made (or kept) the token but failed afterwards: the engine keeps the resource as given. */
class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly inputs: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** `outputs` as the engine gets them: the class's secret outputs, and whatever repeats a secret input, as secrets. */
function secretOutputs(kind: ResourceKind, outputs: Readonly<Record<string, unknown>>, inputs: Properties): Record<string, unknown> {
  return carrySecrets(outputs, inputs, kind.secretOutputs, OUTPUT_SOURCES);
}

/**
 * The outputs of the resource `id` as the engine stores them: with the id where the table says an absent output is
 * the id (so the plugin always returns `tokenId`), and secrets as `secretOutputs` says.
 */
function storedOutputs(kind: ResourceKind, id: string, outputs: Readonly<Record<string, unknown>>, inputs: Properties): Record<string, unknown> {
  return secretOutputs(kind, withIdFallbacks(kind, id, outputs), inputs);
}

/** The resource class a URN's type names, or an error saying this package has none such. */
function kindOf(urn: ResourceUrn): ResourceKind {
  const kind = kindOfToken(urn.type);
  if (!kind) {
    const types = Object.values(RESOURCE_KINDS).map((k) => k.token);
    throw new InputError(`${PACKAGE} has no resource type ${urn.type}; its types are ${types.join(", ")}. Upgrade pulumi-dynatrace-tokens if the program expects a newer one.`);
  }
  return kind;
}

function failuresOf(failures: readonly Failure[]): proto.CheckFailure[] {
  return failures.map(({ property, reason }) => {
    const failure = new providerProto.CheckFailure();
    failure.setProperty(property);
    failure.setReason(reason);
    return failure;
  });
}

/**
 * The arguments of `args` a resource of `kind` doesn't have, as check failures with the sentence the SDK's
 * declarations say (sdk/declaration.ts): programs in other languages aren't stopped by a type checker.
 */
function unknownArguments(kind: ResourceKind, name: string, args: Readonly<Record<string, unknown>>): Failure[] {
  const failures: Failure[] = [];
  const top = unknownPropertiesMessage(kind.className, name, args, kind.inputs);
  if (top) failures.push({ property: top.properties[0]!, reason: top.message });
  const adopt = args.adopt;
  if (kind.adoptInputs && adopt !== null && typeof adopt === "object" && !Array.isArray(adopt)) {
    const inner = unknownPropertiesMessage(kind.className, name, adopt as Record<string, unknown>, kind.adoptInputs, "adopt");
    if (inner) failures.push({ property: `adopt.${inner.properties[0]}`, reason: inner.message });
  }
  return failures;
}

/** Turns an init error of the provider code (provider/resources/common.ts `initError`) into one the engine understands. */
function asInitFailure(error: unknown, kind: ResourceKind, inputs: Properties): unknown {
  const partial = error as Error & { id?: unknown; properties?: Record<string, unknown> };
  if (!(error instanceof Error) || typeof partial.id !== "string" || partial.properties === undefined) return error;
  return new ResourceInitError(error.message, partial.id, storedOutputs(kind, partial.id, partial.properties, inputs), inputs);
}

/** What the engine is told when a call fails: the sentence for errors raised on purpose, the stack for bugs. */
function serviceError(error: unknown): grpcTypes.ServerErrorResponse {
  const sentence = isSentenceError(error, SENTENCE_ERRORS) || error instanceof ResourceInitError;
  const message = redact(sentence ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  const metadata = new grpc.Metadata();
  if (error instanceof ResourceInitError) {
    // The engine reads structured details from this trailer (the Go gRPC convention Node's grpc-js has no API for).
    const detail = new providerProto.ErrorResourceInitFailed();
    detail.setId(error.id);
    detail.setProperties(encode(error.properties));
    detail.setInputs(encode(error.inputs));
    detail.setReasonsList([message]);
    const any = new anyProto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusProto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

type Unary<Req, Res> = (call: grpcTypes.ServerUnaryCall<Req, Res>, callback: grpcTypes.sendUnaryData<Res>) => void;

/** A gRPC method from an async function, run as the work for the request's resource (its URN, for logging). */
function unary<Req, Res>(handle: (request: Req) => Promise<Res>): Unary<Req, Res> {
  return (call, callback) => {
    const request = call.request;
    withResource(urnOf(request), () => handle(request)).then(
      (response) => callback(null, response),
      (error: unknown) => {
        const failure = serviceError(error);
        callback(failure, null, failure.metadata);
      },
    );
  };
}

/** The committed package schema shipped at the package root (`schema.json`), read once. */
let schemaText: string | undefined;
function packageSchema(): string {
  if (schemaText === undefined) {
    const root = packageRoot();
    const file = root === undefined ? undefined : path.join(root, "schema.json");
    if (file === undefined || !fs.existsSync(file)) {
      throw new InputError(`pulumi-dynatrace-tokens ${packageVersion()} ships no package schema (schema.json); upgrade the package.`);
    }
    schemaText = fs.readFileSync(file, "utf8");
  }
  return schemaText;
}

/** The service's methods. Methods not named here answer "unimplemented", which the engine expects of them. */
export function providerServer(): Partial<IResourceProviderServer> {
  // What diff decided per resource, for the preview of its update (the engine calls both in this process).
  const lastChanges = new Map<string, PropertyChanges>();

  return {
    getPluginInfo: unary(async () => new pluginProto.PluginInfo().setVersion(packageVersion())),

    getSchema: unary(async () => new providerProto.GetSchemaResponse().setSchema(packageSchema())),

    checkConfig: unary(async (req: proto.CheckRequest) => {
      const failures = checkProviderConfig(reveal(decode(req.getNews())), settingsWordingOf(req.getUrn()));
      return new providerProto.CheckResponse().setInputs(req.getNews()).setFailuresList(failuresOf(failures));
    }),

    diffConfig: unary(async (req: proto.DiffRequest) => {
      const olds = reveal(decode(req.getOldInputs() ?? req.getOlds()));
      const news = reveal(decode(req.getNews()));
      // New credentials or another environment never replace the provider: that would replace every token it has.
      const changes = { replaces: [], updates: changedConfig(olds, news), deleteBeforeReplace: false };
      return diffResponse(changes, { inputNames: new Set(PROVIDER_INPUTS), oldInputs: olds, oldOutputs: olds, newInputs: news });
    }),

    configure: unary(async (req: proto.ConfigureRequest) => {
      configure(providerConfigSource(reveal(decode(req.getArgs())), new Map(req.getVariablesMap().toArray())), settingsWordingOf(urnOf(req)));
      return new providerProto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(false);
    }),

    check: unary(async (req: proto.CheckRequest) => {
      const urn = parseUrn(req.getUrn());
      const kind = kindOf(urn);
      const news = decode(req.getNews());
      const args = reveal(news);
      const refused = unknownArguments(kind, urn.name, args);
      if (refused.length > 0) return new providerProto.CheckResponse().setInputs(req.getNews()).setFailuresList(failuresOf(refused));
      // Olds hold the presets too — except an imported resource's, which are the arguments its Read returned; without
      // them an imported personal access token would look changed from an API token, and its date be judged again.
      const olds = reveal(decode(req.getOlds()));
      const oldInputs = Object.keys(olds).length > 0 ? presetInputs(kind.className, urn.name, olds) : olds;
      const result = await resourceProviders[kind.provider].check!(oldInputs, presetInputs(kind.className, urn.name, args));
      return new providerProto.CheckResponse()
        .setInputs(encode(carrySecrets(result.inputs ?? args, news)))
        .setFailuresList(failuresOf((result.failures ?? []).map((f) => ({ property: String(f.property), reason: f.reason }))));
    }),

    diff: unary(async (req: proto.DiffRequest) => {
      const urn = parseUrn(req.getUrn());
      const kind = kindOf(urn);
      const oldOutputs = reveal(decode(req.getOlds()));
      const newInputs = reveal(decode(req.getNews()));
      const changes = await resourceProviders[kind.provider].diff(req.getId(), oldOutputs, newInputs);
      lastChanges.set(req.getUrn(), changes);
      const sides = { inputNames: INPUT_NAMES[kind.provider], oldInputs: reveal(decode(req.getOldInputs())), oldOutputs, newInputs };
      return diffResponse(changes, sides);
    }),

    create: unary(async (req: proto.CreateRequest) => {
      const urn = parseUrn(req.getUrn());
      const kind = kindOf(urn);
      const inputs = decode(req.getProperties());
      const response = new providerProto.CreateResponse();
      // A preview asks nothing of Dynatrace.
      if (req.getPreview()) return response.setProperties(encode(secretOutputs(kind, previewCreateOutputs(kind, reveal(inputs)), inputs)));
      try {
        const { id, outs } = await resourceProviders[kind.provider].create(withStackOf(urn, reveal(inputs)));
        return response.setId(id).setProperties(encode(storedOutputs(kind, id, outs ?? {}, inputs)));
      } catch (error) {
        throw asInitFailure(error, kind, inputs);
      }
    }),

    read: unary(async (req: proto.ReadRequest) => {
      const urn = parseUrn(req.getUrn());
      const kind = kindOf(urn);
      const state = decode(req.getProperties());
      const response = new providerProto.ReadResponse();
      if (Object.keys(state).length === 0) {
        // `pulumi import` (or a program's `get`): nothing but the id.
        const imported = await importById(kind, urn, req.getId());
        if (!imported) return response;
        log.warn(imported.warning);
        return response
          .setId(req.getId())
          .setProperties(encode(storedOutputs(kind, req.getId(), imported.outputs, {})))
          .setInputs(encode(imported.inputs));
      }
      const oldInputs = decode(req.getInputs());
      // The refresh step, told as the dynamic face's wrapper tells it (provider/sentenceErrors.ts).
      const result = await resourceProviders[kind.provider].read!(req.getId(), reveal(state)).catch((error: unknown) => {
        throw asReadError(error);
      });
      // No id: the resource is gone, and the engine drops it from the state.
      if (!result.id) return response;
      return response
        .setId(result.id)
        .setProperties(encode(storedOutputs(kind, result.id, result.props ?? {}, { ...oldInputs, ...state })))
        .setInputs(result.inputs === undefined ? req.getInputs() : encode(carrySecrets(result.inputs, oldInputs)));
    }),

    update: unary(async (req: proto.UpdateRequest) => {
      const urn = parseUrn(req.getUrn());
      const kind = kindOf(urn);
      const olds = reveal(decode(req.getOlds()));
      const news = decode(req.getNews());
      const response = new providerProto.UpdateResponse();
      if (req.getPreview()) {
        return response.setProperties(encode(secretOutputs(kind, previewUpdateOutputs(kind, olds, reveal(news), lastChanges.get(req.getUrn())), news)));
      }
      try {
        const { outs } = await resourceProviders[kind.provider].update!(req.getId(), olds, withStackOf(urn, reveal(news)));
        return response.setProperties(encode(storedOutputs(kind, req.getId(), outs ?? {}, news)));
      } catch (error) {
        throw asInitFailure(error, kind, news);
      }
    }),

    delete: unary(async (req: proto.DeleteRequest) => {
      const kind = kindOf(parseUrn(req.getUrn()));
      await resourceProviders[kind.provider].delete!(req.getId(), reveal(decode(req.getProperties())));
      return new emptyProto.Empty();
    }),

    invoke: unary(async (req: proto.InvokeRequest) => {
      const invoke = FUNCTIONS[req.getTok()];
      if (!invoke) throw new InputError(`${PACKAGE} has no function ${req.getTok()}; its functions are ${Object.keys(FUNCTIONS).join(", ")}.`);
      const outcome = await invoke(reveal(decode(req.getArgs())));
      const response = new providerProto.InvokeResponse();
      return "failures" in outcome ? response.setFailuresList(failuresOf(outcome.failures)) : response.setReturn(encode(outcome.result));
    }),

    cancel: unary(async () => {
      cancelOperations();
      return new emptyProto.Empty();
    }),
  };
}

/** Starts the service on a free loopback port; resolves with the server and its port. */
export async function startProviderServer(): Promise<{ server: grpcTypes.Server; port: number }> {
  // The engine's messages carry whole states; allow what Pulumi's own SDKs allow (400 MB).
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(providerService.ResourceProviderService, providerServer() as IResourceProviderServer);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { server, port };
}

/**
 * The URN a request is about, or "" where it has none: requests without a resource (GetSchema), and a ConfigureRequest
 * on an @pulumi/pulumi whose protocol stubs predate the field (3.139.0 has no getUrn) — the stack config wording then,
 * as for a default provider.
 */
function urnOf(request: unknown): string {
  const withUrn = request as { getUrn?: () => string | undefined };
  return typeof withUrn.getUrn === "function" ? (withUrn.getUrn() ?? "") : "";
}
