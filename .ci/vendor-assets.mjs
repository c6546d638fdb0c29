#!/usr/bin/env node
// Copy pinned front-end assets from node_modules/ into static/vendor/.
//
// Usage: npm ci && npm run vendor
//
// Only node built-ins are used. Every source is checked before anything is
// deleted, so a failed run leaves the existing static/vendor/ untouched.
// The output is deterministic (no timestamps), so re-running with the same
// lockfile produces no diff.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NODE_MODULES = path.join(ROOT, "node_modules");
const VENDOR = path.join(ROOT, "static", "vendor");
// Assets for the tests only (never served): the browser tests inject them themselves.
const TEST_VENDOR = path.join(ROOT, "tests", "browser", "vendor");

// Each entry: npm package -> output folder under static/vendor/ and the files
// to copy. `from` is relative to node_modules/<pkg>/, `to` to the output
// folder (default: the source's base name). `from` may list alternatives
// (first existing wins). `optional`
// entries are skipped when absent; `dir` entries copy a whole folder. A package
// with `root: TEST_VENDOR` goes to tests/browser/vendor/<dest>/ instead of
// static/vendor/<dest>/ (test-only assets, never collected as static files).
const LICENSE_NAMES = ["LICENSE", "LICENSE.md", "LICENSE.txt"];

const PACKAGES = [
  {
    name: "bootstrap",
    dest: "bootstrap",
    files: [
      { from: "dist/css/bootstrap.min.css", to: "bootstrap.min.css" },
      { from: "dist/css/bootstrap.min.css.map", to: "bootstrap.min.css.map", optional: true },
      { from: "dist/js/bootstrap.bundle.min.js", to: "bootstrap.bundle.min.js" },
      { from: "dist/js/bootstrap.bundle.min.js.map", to: "bootstrap.bundle.min.js.map", optional: true },
      { from: LICENSE_NAMES, to: "LICENSE" },
    ],
  },
  {
    name: "htmx.org",
    dest: "htmx",
    files: [
      { from: "dist/htmx.min.js", to: "htmx.min.js" },
      { from: LICENSE_NAMES, to: "LICENSE" },
    ],
  },
  {
    name: "chart.js",
    dest: "chartjs",
    files: [
      // Prefer the minified UMD build; fall back to the plain one. The file
      // keeps its own name (no `to`) so its sourceMappingURL stays valid.
      { from: ["dist/chart.umd.min.js", "dist/chart.umd.js"], note: "chart" },
      { from: ["dist/chart.umd.min.js.map", "dist/chart.umd.js.map"], optional: true, pairedWith: "chart" },
      { from: LICENSE_NAMES, to: "LICENSE" },
    ],
  },
  {
    name: "leaflet",
    dest: "leaflet",
    files: [
      { from: "dist/leaflet.js", to: "leaflet.js" },
      // leaflet.js ends with a sourceMappingURL comment; ship the map so
      // Django's manifest storage can resolve it during collectstatic.
      { from: "dist/leaflet.js.map", to: "leaflet.js.map", optional: true },
      { from: "dist/leaflet.css", to: "leaflet.css" },
      // leaflet.css refers to url(images/...), so keep the subfolder.
      { from: "dist/images", to: "images", dir: true },
      { from: LICENSE_NAMES, to: "LICENSE" },
    ],
  },
  {
    // axe-core, for the accessibility crawl (tests/browser/test_accessibility.py) only.
    name: "axe-core",
    root: TEST_VENDOR,
    dest: ".",
    files: [
      { from: "axe.min.js", to: "axe.min.js" },
      { from: LICENSE_NAMES, to: "LICENSE" },
    ],
  },
];

class VendorError extends Error {}

function fail(message) {
  throw new VendorError(message);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    fail(`cannot read ${path.relative(ROOT, file)}: ${err.message}`);
  }
}

function isFile(p) {
  return fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDir(p) {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

// Build the full copy plan and verify every required source exists.
function plan() {
  if (!isDir(NODE_MODULES)) {
    fail("node_modules/ not found; run `npm ci` first");
  }
  const rootPkg = readJson(path.join(ROOT, "package.json"));
  const pinned = { ...rootPkg.dependencies, ...rootPkg.devDependencies };

  const problems = [];
  const result = [];

  for (const pkg of PACKAGES) {
    const pkgDir = path.join(NODE_MODULES, pkg.name);
    const manifest = path.join(pkgDir, "package.json");
    if (!isFile(manifest)) {
      problems.push(`${pkg.name}: not installed (missing node_modules/${pkg.name}/package.json)`);
      continue;
    }
    const version = readJson(manifest).version;
    if (pinned[pkg.name] && pinned[pkg.name] !== version) {
      problems.push(
        `${pkg.name}: installed ${version} but package.json pins ${pinned[pkg.name]}; run \`npm ci\``,
      );
    }

    const copies = [];
    const chosen = {}; // note -> index of the alternative picked
    for (const spec of pkg.files) {
      const candidates = Array.isArray(spec.from) ? spec.from : [spec.from];
      let idx = candidates.findIndex((rel) =>
        spec.dir ? isDir(path.join(pkgDir, rel)) : isFile(path.join(pkgDir, rel)),
      );
      // A paired file (e.g. a source map) must match the alternative picked
      // for its primary file, not just any existing candidate.
      if (spec.pairedWith !== undefined) {
        const want = chosen[spec.pairedWith];
        idx = want !== undefined && isFile(path.join(pkgDir, candidates[want])) ? want : -1;
      }
      if (idx === -1) {
        if (!spec.optional) {
          problems.push(
            `${pkg.name}: missing ${candidates.map((c) => `node_modules/${pkg.name}/${c}`).join(" or ")}`,
          );
        }
        continue;
      }
      if (spec.note !== undefined) chosen[spec.note] = idx;
      const src = path.join(pkgDir, candidates[idx]);
      if (spec.dir && fs.readdirSync(src).length === 0) {
        problems.push(`${pkg.name}: folder node_modules/${pkg.name}/${candidates[idx]} is empty`);
        continue;
      }
      const to = spec.to ?? path.basename(candidates[idx]);
      copies.push({ src, rel: candidates[idx], to, dir: Boolean(spec.dir) });
    }
    problems.push(...missingSourceMaps(pkg.name, copies));
    result.push({ ...pkg, version, copies });
  }

  if (problems.length > 0) {
    fail(`cannot vendor assets:\n  - ${problems.join("\n  - ")}`);
  }
  return result;
}

// Every sourceMappingURL in a copied .js/.css must point at a file that is
// copied too, otherwise collectstatic with ManifestStaticFilesStorage breaks.
function missingSourceMaps(pkgName, copies) {
  const targets = new Set(copies.map((c) => c.to));
  const missing = [];
  for (const c of copies) {
    if (c.dir || !/\.(js|css)$/.test(c.to)) continue;
    const text = fs.readFileSync(c.src, "utf8");
    for (const m of text.matchAll(/[#@]\s*sourceMappingURL=([^\s*'"]+)/g)) {
      const ref = m[1];
      if (/^(data:|https?:|\/)/.test(ref)) continue;
      if (!targets.has(path.posix.normalize(ref))) {
        missing.push(`${pkgName}: ${c.to} references ${ref}, which is not copied/available`);
      }
    }
  }
  return missing;
}

function main() {
  const packages = plan();

  fs.mkdirSync(VENDOR, { recursive: true });
  const lines = [
    "# Generated by .ci/vendor-assets.mjs -- do not edit by hand.",
    "# Refresh with: npm ci && npm run vendor",
  ];

  for (const pkg of packages) {
    const outDir = path.join(pkg.root ?? VENDOR, pkg.dest);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });

    for (const c of pkg.copies) {
      const target = path.join(outDir, c.to);
      if (c.dir) {
        fs.cpSync(c.src, target, { recursive: true });
      } else {
        fs.copyFileSync(c.src, target);
      }
      console.log(`  ${pkg.name}/${c.rel} -> ${path.relative(ROOT, target)}`);
    }

    if (pkg.root) {
      fs.writeFileSync(
        path.join(outDir, "VERSION.txt"),
        `${pkg.name} ${pkg.version} from npm, copied by \`npm run vendor\` -- for the tests only, never served.\n`,
      );
    }
    const sources = pkg.copies.filter((c) => !c.dir).map((c) => `${c.rel} -> ${c.to}`);
    const dirs = pkg.copies.filter((c) => c.dir).map((c) => `${c.rel}/ -> ${c.to}/`);
    lines.push(`${pkg.name} ${pkg.version} (${path.relative(ROOT, outDir)}/)`);
    for (const s of [...sources, ...dirs]) lines.push(`    ${s}`);
  }

  fs.writeFileSync(path.join(VENDOR, "VERSIONS.txt"), lines.join("\n") + "\n");
  console.log(`Vendored ${packages.length} packages into ${path.relative(ROOT, VENDOR)}/`);
}

try {
  main();
} catch (err) {
  if (err instanceof VendorError) {
    console.error(`vendor-assets: ERROR: ${err.message}`);
  } else {
    console.error("vendor-assets: unexpected error");
    console.error(err);
  }
  process.exit(1);
}
