#!/usr/bin/env node
// The registry this project installs from serves native packages only for the platforms it hosts, so npm
// leaves the other platforms' optional binaries (Biome, jieba) out of package-lock.json — and then
// `npm ci` refuses the lock as "missing" them. This adds a stub entry (version, os, cpu, libc, optional)
// for each such binary, which is what npm itself records; npm ci never fetches a package whose os/cpu do
// not match the machine. Run it after changing dependencies: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

/** os, cpu and libc from a platform package's name suffix, e.g. "linux-arm64-musl" or "win32-x64-msvc". */
function platformOf(name) {
  const match =
    /-(android|darwin|linux|freebsd|win32)-(arm64|x64|ia32|arm)(?:-(gnu|musl|gnueabihf|eabi|msvc))?$/.exec(
      name,
    );
  if (!match) return null;
  const [, os, cpu, abi] = match;
  const entry = { os: [os], cpu: [cpu] };
  if (os === 'linux' && (abi === 'gnu' || abi === 'gnueabihf' || abi === undefined)) entry.libc = ['glibc'];
  if (os === 'linux' && abi === 'musl') entry.libc = ['musl'];
  return entry;
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || packages[`${path}/${key}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    packages[key] = { version, ...platform, ...(pkg.dev ? { dev: true } : {}), optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: added ${added} platform entries\n`);
