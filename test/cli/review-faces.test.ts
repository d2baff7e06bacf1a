// Issue 20, item 3: `dt-tokens review` reads a stack of the native provider (`dynatrace-tokens:index:*` types, per-property
// `detailedDiff` kinds) as it reads the dynamic classes: the same change gives the same rows and the same findings.
import { describe, expect, it } from "vitest";
import { run } from "../../cli/commands/review";
import { processContext } from "../../cli/context";
import { render } from "../../cli/reports/review";
import { analyzePreview } from "../../cli/review/analyze";
import type { PreviewJson } from "../../cli/pulumi/schemas";
import { fixturePath, readFixture } from "./helpers/fixtures";

const NOW = new Date("2026-11-23T12:40:00Z");
const context = { ...processContext(), now: () => NOW };

/** The review with what names the face taken out: the URN's type segment. */
async function reviewOf(fixture: string) {
  const result = await run({ previewJson: fixturePath(fixture) }, context);
  const changes = result.changes.map(({ urn, ...rest }) => ({ ...rest, urnName: urn.split("::").pop() }));
  return { result, changes };
}

describe("review of the same change on each face", () => {
  it("reads the same for the dynamic and the native face", async () => {
    const dynamic = await reviewOf("preview-dynamic-face.json");
    const native = await reviewOf("preview-native-face.json");
    expect(native.changes.length).toBeGreaterThan(0);
    expect(native.changes).toEqual(dynamic.changes);
    expect(native.result.findings.length).toBeGreaterThan(0);
    expect(native.result.findings).toEqual(dynamic.result.findings);
    // The Markdown rows of the tokens both faces have are the same lines.
    const rows = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows(render(native.result, "markdown"))).toEqual(rows(render(dynamic.result, "markdown")));
  });
});

describe("review of a native step", () => {
  const native = readFixture("preview-native-face.json") as PreviewJson;
  // `ing`: renamed and given a scope (in place) while its expirationDate changes (a replacement).
  const replace = () => structuredClone(native.steps!.find((s) => s.op === "replace" && s.urn.endsWith("::ing"))!);

  it("takes the properties that force a replacement from detailedDiff when replaceReasons is absent", () => {
    const step = replace();
    delete step.replaceReasons;
    step.detailedDiff = { expirationDate: { kind: "update-replace", inputDiff: true }, name: { kind: "update", inputDiff: true } };
    step.diffReasons = ["expirationDate", "name"];
    const review = analyzePreview({ steps: [step] }, { maxLifetimeDays: 365, now: NOW });
    expect(review.changes[0]).toMatchObject({ action: "replace", replaceReasons: ["expirationDate"], changedFields: ["expirationDate", "name"] });
  });

  it("tells the changed properties from detailedDiff when diffReasons is absent", () => {
    const step = replace();
    delete step.diffReasons;
    step.detailedDiff = { "scopes[1]": { kind: "add", inputDiff: true }, expirationDate: { kind: "update-replace", inputDiff: true } };
    const review = analyzePreview({ steps: [step] }, { maxLifetimeDays: 365, now: NOW });
    expect(review.changes[0]).toMatchObject({ replaceReasons: ["expirationDate"], changedFields: ["expirationDate", "scopes"], scopesAdded: ["logs.ingest"] });
  });
});
