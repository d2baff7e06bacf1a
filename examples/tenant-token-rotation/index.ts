import * as pulumi from "@pulumi/pulumi";
import * as dt from "pulumi-dynatrace-tokens";

// The phase and the generation are stack config so that each step is one `pulumi config set` and one `pulumi up`
// (writing them in the code works just as well). See README.md for when to move from one phase to the next.
const config = new pulumi.Config();
const phase = (config.get("phase") ?? "rotating") as dt.RotationPhase;
const generation = config.getNumber("generation") ?? 1;

const rotation = new dt.TenantTokenRotation("tenant-token", { phase, generation });

// What the agents need, derived from the rotation so that every consumer follows it. All of these are secrets.
// Feed them to whatever deploys your agents: a command resource, a configuration management run, a Kubernetes Secret.
export const activeGateAuthorization = dt.activeGateAuthorizationLine(rotation.activeToken);
export const oneAgentCommand = dt.oneAgentSetTenantTokenCommand(rotation.activeToken);
export const kubernetesSecret = dt.tenantTokenSecret(rotation.activeToken, { name: "dynatrace-tenant-token", namespace: "dynatrace" });

export const rotationPhase = rotation.phase;
export const rotationStatus = rotation.status;
export const newTenantToken = rotation.activeToken;
export const oldTenantToken = rotation.oldToken;
