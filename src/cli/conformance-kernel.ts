/**
 * npm run conformance:kernel [-- PATH...]: runs the project's own Linux scripts
 * (tests/packetdrill/linux and tests/packetdrill/common, or the PATHs given)
 * with the real packetdrill against this machine's kernel, the ground truth of
 * the `linux` profile. It uses ../shared/tools: build-packetdrill.sh builds the
 * tool once, kernel-pkt.sh runs each script in a fresh network namespace.
 *
 * Long timers run in real time (a TIME_WAIT script takes a minute), so CI runs
 * this only with KERNEL_CONFORMANCE=1. Where it cannot run (not root, no
 * unshare, no ../shared/tools) it says why and exits 0: a skip, not a pass.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tools = resolve(root, '../shared/tools');
const DEFAULT_PATHS = ['tests/packetdrill/linux', 'tests/packetdrill/common'];

/** Why the kernel cannot be asked here, or null when it can. */
function cannotRun(): string | null {
  if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'needs root (unshare -n and a tun device)';
  for (const f of ['build-packetdrill.sh', 'kernel-pkt.sh']) {
    if (!existsSync(join(tools, f))) return `${join(tools, f)} not found (the packetdrill tools live in ../shared/tools)`;
  }
  if (spawnSync('sh', ['-c', 'command -v unshare'], { stdio: 'ignore' }).status !== 0) return 'unshare not found (util-linux)';
  if (spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) return 'unshare -n is not permitted here (no network namespaces)';
  return null;
}

function main(): number {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: npm run conformance:kernel [-- PATH...]   (default: tests/packetdrill/linux tests/packetdrill/common)');
    return 0;
  }
  const why = cannotRun();
  if (why) {
    console.log(`SKIP conformance:kernel: ${why}`);
    return 0;
  }
  const paths = (args.length ? args : DEFAULT_PATHS).map((p) => resolve(root, p));
  for (const p of paths) {
    if (!existsSync(p)) {
      console.error(`conformance:kernel: ${p}: no such file or folder`);
      return 2;
    }
  }
  // Build first, on its own, so a build failure is not mistaken for a failing script.
  const build = spawnSync(join(tools, 'build-packetdrill.sh'), [], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (build.status !== 0) {
    console.error('conformance:kernel: could not build packetdrill (see above)');
    return 2;
  }
  console.log(`packetdrill: ${build.stdout.trim()}; kernel ${spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim()}`);
  const run = spawnSync(join(tools, 'kernel-pkt.sh'), paths, { cwd: root, stdio: 'inherit' });
  return run.status ?? 1;
}

process.exitCode = main();
