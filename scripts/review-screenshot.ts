// The review comment as a pull request shows it: `dt-tokens review`'s Markdown rendered to HTML (markdown-it, GFM
// tables, inline HTML as GitHub allows it), styled with GitHub's own Markdown CSS (github-markdown-css), laid out by
// headless Chromium at the width of a narrow PR comment. Used by test/cli/review-width.test.ts to measure that no
// table overflows, and from the command line to look at it:
//
//   npx ts-node --transpile-only scripts/review-screenshot.ts [preview.json] [--width 760] [--out review.png]
//
// (default: test/cli/fixtures/preview-wide-review.json, the widest review the scope catalog allows). Chromium is
// Debian's `chromium` package (`apt-get install -y chromium`; .ci/run installs it), or the binary named by CHROMIUM.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import MarkdownIt from "markdown-it";
import { run as review } from "../cli/commands/review";
import { processContext } from "../cli/context";
import { render } from "../cli/reports/review";

const repoRoot = path.resolve(__dirname, "..");
/** The narrowest a PR comment gets on github.com (the conversation column of a pull request at 1012 px). */
export const PR_COMMENT_WIDTH = 760;
export const WIDEST_REVIEW = path.join(repoRoot, "test", "cli", "fixtures", "preview-wide-review.json");

/** How each table of the page fits: GitHub's CSS makes a too-wide table scroll inside itself rather than the page. */
export interface TableFit {
  readonly columns: number;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  /** The right edge of every header cell, relative to the table's visible box. */
  readonly headerRights: readonly number[];
}

export interface PageLayout {
  readonly viewportWidth: number;
  readonly pageScrollWidth: number;
  readonly tables: readonly TableFit[];
}

const LAYOUT_ID = "dt-tokens-layout";

/** An HTML page showing `markdown` as a GitHub comment `width` px wide, which records its own layout once loaded. */
export function commentPage(markdown: string, width = PR_COMMENT_WIDTH): string {
  // GitHub renders raw HTML in comments (`<br>`, `<sub>`, comments) after sanitizing it; this package writes only those.
  const body = new MarkdownIt({ html: true, linkify: false }).render(markdown);
  const css = fs.readFileSync(require.resolve("github-markdown-css/github-markdown-light.css"), "utf8");
  const measure = `
    window.addEventListener("load", () => {
      const tables = [...document.querySelectorAll(".markdown-body table")].map((table) => {
        const box = table.getBoundingClientRect();
        return {
          columns: table.rows[0] ? table.rows[0].cells.length : 0,
          scrollWidth: table.scrollWidth,
          clientWidth: table.clientWidth,
          headerRights: [...(table.rows[0] ? table.rows[0].cells : [])].map((c) => Math.round(c.getBoundingClientRect().right - box.left)),
        };
      });
      const layout = { viewportWidth: window.innerWidth, pageScrollWidth: document.documentElement.scrollWidth, tables };
      const out = document.createElement("pre");
      out.id = "${LAYOUT_ID}";
      out.hidden = true;
      out.textContent = JSON.stringify(layout);
      document.body.appendChild(out);
    });`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>dt-tokens review</title>
<style>${css}</style>
<style>
  /* A PR comment: a bordered box of the given width with 16 px of padding, as on github.com. */
  html, body { margin: 0; background: #fff; }
  .comment { box-sizing: border-box; width: ${width}px; border: 1px solid #d1d9e0; border-radius: 6px; }
  .markdown-body { box-sizing: border-box; padding: 16px; }
</style>
<script>${measure}</script>
</head><body><div class="comment"><div class="markdown-body">
${body}
</div></div></body></html>
`;
}

/** Chromium: CHROMIUM, else the first of Debian's, Ubuntu's and Google's names found on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM) return env.CHROMIUM;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    if (spawnSync("which", [name], { encoding: "utf8" }).status === 0) return name;
  }
  return undefined;
}

function chromiumArgs(width: number, height: number): string[] {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1", `--window-size=${width},${height}`];
}

function withPageFile<T>(html: string, use: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-review-page-"));
  try {
    const file = path.join(dir, "review.html");
    fs.writeFileSync(file, html);
    return use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Lays `html` out in headless Chromium `width` px wide and returns what the page measured. */
export function measure(chromium: string, html: string, width = PR_COMMENT_WIDTH): PageLayout {
  return withPageFile(html, (file) => {
    const dom = execFileSync(chromium, [...chromiumArgs(width, 1000), "--virtual-time-budget=5000", "--dump-dom", `file://${file}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    const match = new RegExp(`<pre id="${LAYOUT_ID}" hidden="">([^<]*)</pre>`).exec(dom);
    if (!match) throw new Error(`Chromium's DOM has no layout record; the page's script did not run:\n${dom.slice(0, 500)}`);
    return JSON.parse(match[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as PageLayout;
  });
}

/** Saves a PNG of `html` as Chromium shows it `width` px wide, tall enough for the whole comment. */
export function screenshot(chromium: string, html: string, png: string, width = PR_COMMENT_WIDTH, height = 1400): void {
  withPageFile(html, (file) => {
    execFileSync(chromium, [...chromiumArgs(width, height), `--screenshot=${path.resolve(png)}`, `file://${file}`], { stdio: "ignore", timeout: 60_000 });
  });
}

/** The review Markdown of a saved preview, at a fixed clock so screenshots compare. */
export async function reviewMarkdown(previewJson: string): Promise<string> {
  const result = await review({ previewJson }, { ...processContext(), now: () => new Date("2026-11-23T12:00:00Z") });
  return render(result, "markdown");
}

async function main(argv: string[]): Promise<number> {
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv.splice(at, 2)[1];
  };
  const width = Number(option("--width") ?? PR_COMMENT_WIDTH);
  const out = option("--out") ?? "review.png";
  const chromium = findChromium();
  if (!chromium) {
    process.stderr.write("review-screenshot: no Chromium found; install it (apt-get install -y chromium) or set CHROMIUM\n");
    return 1;
  }
  const html = commentPage(await reviewMarkdown(argv[0] ?? WIDEST_REVIEW), width);
  screenshot(chromium, html, out, width);
  const layout = measure(chromium, html, width);
  const overflowing = layout.tables.filter((t) => t.scrollWidth > t.clientWidth);
  process.stdout.write(`${out}: ${width} px; ${layout.tables.length} table(s), ${overflowing.length} overflowing\n${JSON.stringify(layout, null, 2)}\n`);
  return overflowing.length === 0 && layout.pageScrollWidth <= width ? 0 : 2;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
