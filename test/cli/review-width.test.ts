// Issue 12, item 7: the review comment must show every column in a pull request. The Markdown is rendered as GitHub
// renders it (markdown-it, GitHub's CSS) and laid out by headless Chromium at 760 px, the narrowest PR comment; a
// table too wide for it scrolls inside itself and hides its right-hand columns, which the page measures.
// Chromium is Debian's `chromium` package; .ci/run installs it, so this test never skips.
import { describe, expect, it } from "vitest";
import { commentPage, findChromium, measure, PR_COMMENT_WIDTH, reviewMarkdown, WIDEST_REVIEW, type PageLayout } from "../../scripts/review-screenshot";
import { fixturePath } from "./helpers/fixtures";

function chromium(): string {
  const found = findChromium();
  expect(found, "Chromium is needed: apt-get install -y chromium (.ci/run installs it), or set CHROMIUM").toBeDefined();
  return found as string;
}

function expectFits(layout: PageLayout, width: number): void {
  expect(layout.viewportWidth).toBe(width);
  expect(layout.pageScrollWidth).toBeLessThanOrEqual(width);
  for (const table of layout.tables) {
    expect(table.scrollWidth, JSON.stringify(table)).toBeLessThanOrEqual(table.clientWidth);
    // The last header cell ends inside the table's visible box: the Expires column is on screen.
    expect(Math.max(...table.headerRights)).toBeLessThanOrEqual(table.clientWidth);
  }
}

describe("the review comment in a pull request", () => {
  it("shows every column of the widest review at 760 px, the risk next to the token", { timeout: 60_000 }, async () => {
    const markdown = await reviewMarkdown(WIDEST_REVIEW);
    expect(markdown).toContain("| Token | Risk | Change | Expires |");
    const layout = measure(chromium(), commentPage(markdown, PR_COMMENT_WIDTH));
    expect(layout.tables).toHaveLength(1);
    expect(layout.tables[0]?.columns).toBe(4);
    expectFits(layout, PR_COMMENT_WIDTH);
  });

  it("fits the everyday reviews too", { timeout: 60_000 }, async () => {
    for (const fixture of ["preview-adds-risky-scope.json", "preview-create-replace-delete.json", "preview-replace-steps.json"]) {
      expectFits(measure(chromium(), commentPage(await reviewMarkdown(fixturePath(fixture)))), PR_COMMENT_WIDTH);
    }
  });

  // The measurement itself can fail: the same review in a column narrower than any PR comment overflows.
  it("sees a table that does not fit", { timeout: 60_000 }, async () => {
    const layout = measure(chromium(), commentPage(await reviewMarkdown(WIDEST_REVIEW), 560), 560);
    expect(layout.tables[0]!.scrollWidth).toBeGreaterThan(layout.tables[0]!.clientWidth);
  });
});
