// The scope risk catalog: every assignable scope is labelled, and the scopes the token API reference singles out as
// powerful rank where a reviewer expects them.
import { describe, expect, it } from "vitest";
import { SCOPE_RISKS, compareLevels, highestLevel, labelsOf, riskOf } from "../../provider/catalog/risk";
import { ASSIGNABLE_SCOPES, RESPONSE_ONLY_SCOPES } from "../../provider/catalog/scopes";

describe("scope risk catalog", () => {
  it("labels every assignable scope with a known label and level", () => {
    for (const scope of Object.keys(ASSIGNABLE_SCOPES)) {
      const risk = riskOf(scope);
      expect(risk.known, scope).toBe(true);
      expect(["token-admin", "config-write", "data-privacy", "ingest-only", "read-only"], scope).toContain(risk.label);
      expect(["low", "medium", "high", "critical"], scope).toContain(risk.level);
    }
    expect(Object.keys(SCOPE_RISKS).sort()).toEqual(Object.keys(ASSIGNABLE_SCOPES).sort());
  });

  it("labels the legacy response-only scopes too", () => {
    for (const scope of RESPONSE_ONLY_SCOPES) expect(riskOf(scope).known, scope).toBe(true);
  });

  it("ranks token administration critical and configuration or privacy changes high", () => {
    for (const scope of ["apiTokens.write", "TenantTokenManagement", "tenantTokenRotation.write", "activeGateTokenManagement.create", "activeGateTokenManagement.write"]) {
      expect(riskOf(scope), scope).toMatchObject({ label: "token-admin", level: "critical" });
    }
    for (const scope of ["settings.write", "WriteConfig", "credentialVault.write"]) {
      expect(riskOf(scope), scope).toMatchObject({ label: "config-write", level: "high" });
    }
    expect(riskOf("DataPrivacy")).toMatchObject({ label: "data-privacy", level: "high" });
  });

  it("keeps ingest scopes and plain reads low", () => {
    for (const scope of Object.keys(ASSIGNABLE_SCOPES).filter((s) => s.endsWith(".ingest") || s.startsWith("openpipeline."))) {
      expect(riskOf(scope), scope).toMatchObject({ label: "ingest-only", level: "low" });
    }
    expect(riskOf("metrics.read")).toMatchObject({ label: "read-only", level: "low" });
    // Every other `.write` scope changes something, so none may pass as read-only.
    for (const scope of Object.keys(ASSIGNABLE_SCOPES).filter((s) => s.endsWith(".write"))) {
      expect(riskOf(scope).label, scope).not.toBe("read-only");
    }
  });

  it("treats a scope it doesn't know as able to change configuration", () => {
    expect(riskOf("metrics.reed")).toEqual({ label: "config-write", level: "high", known: false });
  });

  it("orders levels and labels", () => {
    expect(compareLevels("critical", "high")).toBeGreaterThan(0);
    expect(highestLevel(["low", "high", "medium"])).toBe("high");
    expect(highestLevel([])).toBeUndefined();
    expect(labelsOf(["metrics.read", "apiTokens.write", "logs.ingest", "metrics.ingest"])).toEqual(["token-admin", "ingest-only", "read-only"]);
  });
});
