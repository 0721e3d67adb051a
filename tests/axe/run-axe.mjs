// Opens each HTML file named on the command line in headless Chromium, runs axe-core with the
// WCAG 2.0 and 2.1 A and AA rules, on screen and as printed, and prints
// {"FILE (screen)": [violations], "FILE (print)": [...]} as JSON on stdout.
// tests/test_axe.py runs it and judges the result; this script only reports.
//
//   node run-axe.mjs PAPER.html [MORE.html...]
//
// CHROMIUM names the browser (default /usr/bin/chromium, Debian's). The machine has no network:
// the page is a local file, the browser's own background traffic is switched off, and every
// request the page makes other than for the file itself is refused.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node run-axe.mjs PAPER.html [MORE.html...]");
  process.exit(2);
}

// Playwright gives each launch a fresh, temporary profile (its own --user-data-dir).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  chromiumSandbox: false, // as root, Chromium runs only with --no-sandbox
  args: [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const results = {};
try {
  for (const file of files) {
    const url = pathToFileURL(resolve(file)).href;
    const page = await browser.newPage();
    await page.route("**/*", (route) =>
      route.request().url() === url ? route.continue() : route.abort(),
    );
    await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ content: AXE });
    for (const media of ["screen", "print"]) {
      await page.emulateMedia({ media });
      const outcome = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
        TAGS,
      );
      results[`${file} (${media})`] = outcome.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({
          target: node.target.join(" "),
          summary: node.failureSummary,
        })),
      }));
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
