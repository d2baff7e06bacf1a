// The create marker (issue 10): exact per attempt and per stack, within the name limit, and impossible to write by hand.
import { describe, expect, it } from "vitest";
import { MARKED_NAME_MAX_LENGTH, markedName, markerOf, newMarker, requestedNameOf, stackTag, withoutMarker } from "../../provider/client/createMarker";
import { checkApiToken } from "../../provider/validation/apiToken";

describe("create marker", () => {
  it("round-trips: the marked name gives back the stack tag, the nonce and the requested name", () => {
    const marker = newMarker(stackTag("infra", "prod"));
    const name = markedName("otel-ingest", marker);
    expect(name).toMatch(/^otel-ingest ⟨pulumi [a-z2-7]{8}\.[a-z2-7]{12}⟩$/u);
    expect(markerOf(name)).toEqual(marker);
    expect(withoutMarker(name)).toBe("otel-ingest");
    expect(markerOf("otel-ingest")).toBeUndefined();
    expect(withoutMarker("otel-ingest")).toBe("otel-ingest");
  });

  it("gives every attempt its own nonce and every stack its own tag", () => {
    const tag = stackTag("infra", "prod");
    expect(stackTag("infra", "prod")).toBe(tag);
    expect(stackTag("infra", "staging")).not.toBe(tag);
    expect(stackTag("infra-prod", "")).not.toBe(stackTag("infra", "-prod"));
    const nonces = new Set(Array.from({ length: 1000 }, () => newMarker(tag).nonce));
    expect(nonces.size).toBe(1000);
  });

  it("shortens a long name so the whole stays within the limit, keeping the marker whole", () => {
    const marker = newMarker(stackTag("p", "s"));
    const name = markedName("é".repeat(MARKED_NAME_MAX_LENGTH), marker);
    expect([...name].length).toBe(MARKED_NAME_MAX_LENGTH);
    expect(markerOf(name)).toEqual(marker);
    // The `name` output stays the requested name, so a long name never shows as a change.
    expect(requestedNameOf(name, "é".repeat(MARKED_NAME_MAX_LENGTH))).toBe("é".repeat(MARKED_NAME_MAX_LENGTH));
    expect(requestedNameOf(name, "other")).toBe(withoutMarker(name));
  });

  it("is refused in a requested name, so no name written by hand can look marked", () => {
    const marked = markedName("x", newMarker(stackTag("p", "s")));
    const { failures } = checkApiToken({ name: marked, scopes: ["metrics.read"] }, new Date());
    expect(failures?.find((f) => f.property === "name")?.reason).toContain('contains "⟨pulumi "');
  });
});
