/**
 * Deciding, before anything runs, whether the runner models everything a
 * script uses. A script that needs something unmodelled is a SKIP as a whole:
 * failing half-way through would blame the stack for the runner's gap.
 */
import type { Script } from './ast.ts';
import { parseCommand, parsePython } from './commands.ts';
import { Unsupported } from './failures.ts';
import { SYSCALLS } from './syscalls.ts';

/** packetdrill options a script may set: tolerance_usecs and tolerance_percent are honoured, the rest describe the test host and are ignored. */
const OPTIONS = ['ip_version', 'tolerance_usecs', 'tolerance_percent', 'bind_port', 'connect_port', 'local_ip', 'remote_ip', 'gateway_ip', 'netmask_ip', 'mtu', 'speed', 'wire_client', 'wire_server', 'non_fatal', 'init_scripts'];

/** Throws Unsupported for the first construct the runner does not model. */
export function precheck(script: Script): void {
  for (const [k, v] of Object.entries(script.options)) {
    if (k === 'ip_version' && v !== 'ipv4' && v !== 'ipv4-mapped-ipv6' && v !== 'ipv6') throw new Unsupported('option', `ip_version=${v}`);
    if (!OPTIONS.includes(k)) throw new Unsupported('option', k);
  }
  for (const e of script.events) {
    if (e.kind === 'syscall' && !SYSCALLS.has(e.name)) throw new Unsupported('syscall', e.name, e.line);
    if (e.kind === 'command') {
      for (const a of parseCommand(e.command)) if (a.kind === 'unsupported') throw new Unsupported(a.what.kind, a.what.what, e.line);
    }
    if (e.kind === 'python' && parsePython(e.code) === null) throw new Unsupported('python', e.code.split('\n')[0]!, e.line);
  }
}
