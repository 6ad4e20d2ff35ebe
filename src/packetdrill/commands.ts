/**
 * Shell commands and python blocks of packetdrill scripts, mapped onto what the
 * model knows: sysctls become knob overrides, sockstat/tcpdrop and /proc/net/sockstat look at the stack,
 * `tcpi_state` asserts compare a connection's state. Anything else is unsupported.
 */
import type { TcpState } from '../tcp/states.ts';
import type { UnsupportedKind } from './reasons.ts';

/** A construct the runner does not model, as the SKIP line names it. */
export interface UnsupportedConstruct {
  kind: UnsupportedKind;
  what: string;
}

export type CommandAction =
  /** set these knobs (model names) */
  | { kind: 'knobs'; set: Record<string, number> }
  /** nothing to do (buffer sizes, options the model does not have, restore scripts) */
  | { kind: 'ignore' }
  /** `sockstat ... | grep -c STATE | grep N` */
  | { kind: 'count'; state: TcpState; n: number }
  /** `tcpdrop -s STATE` */
  | { kind: 'drop'; state: TcpState }
  /** `grep -Eq "REGEX" /proc/net/sockstat`: some line of the host's sockstat matches */
  | { kind: 'sockstat'; pattern: string }
  | { kind: 'unsupported'; what: UnsupportedConstruct };

/** FreeBSD `sockstat -s` spellings (and Linux `ss`/netstat ones) to the model's state names. */
const STATE_NAMES: Record<string, TcpState> = {
  CLOSED: 'CLOSED',
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN_SENT',
  SYN_RCVD: 'SYN_RCVD',
  SYN_RECV: 'SYN_RCVD',
  ESTABLISHED: 'ESTABLISHED',
  FIN_WAIT_1: 'FIN_WAIT_1',
  FIN_WAIT_2: 'FIN_WAIT_2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  TIME_WAIT: 'TIME_WAIT',
};

/**
 * The state names a `%{ }%` block compares `tcpi_state` with. Real packetdrill on
 * Linux defines the kernel's `TCP_*` constants (code.c write_symbols()); the
 * `TCPI_*` spellings are a runner extension kept for the FreeBSD suite's scripts.
 */
export const TCPI_STATES: Record<string, TcpState> = {
  TCP_ESTABLISHED: 'ESTABLISHED',
  TCP_SYN_SENT: 'SYN_SENT',
  TCP_SYN_RECV: 'SYN_RCVD',
  TCP_FIN_WAIT1: 'FIN_WAIT_1',
  TCP_FIN_WAIT2: 'FIN_WAIT_2',
  TCP_TIME_WAIT: 'TIME_WAIT',
  TCP_CLOSE: 'CLOSED',
  TCP_CLOSE_WAIT: 'CLOSE_WAIT',
  TCP_LAST_ACK: 'LAST_ACK',
  TCP_LISTEN: 'LISTEN',
  TCP_CLOSING: 'CLOSING',
  // runner extension: the FreeBSD suite's names
  TCPI_ESTABLISHED: 'ESTABLISHED',
  TCPI_SYN_SENT: 'SYN_SENT',
  TCPI_SYN_RECV: 'SYN_RCVD',
  TCPI_SYN_RECEIVED: 'SYN_RCVD',
  TCPI_FIN_WAIT1: 'FIN_WAIT_1',
  TCPI_FIN_WAIT2: 'FIN_WAIT_2',
  TCPI_TIME_WAIT: 'TIME_WAIT',
  TCPI_CLOSE: 'CLOSED',
  TCPI_CLOSE_WAIT: 'CLOSE_WAIT',
  TCPI_LAST_ACK: 'LAST_ACK',
  TCPI_LISTEN: 'LISTEN',
  TCPI_CLOSING: 'CLOSING',
};

/** Linux sysctls (net.ipv4.X) that are knobs of the model under the same name. */
const LINUX_KNOBS = new Set([
  'tcp_syn_retries',
  'tcp_synack_retries',
  'tcp_retries2',
  'tcp_orphan_retries',
  'tcp_fin_timeout',
  'tcp_keepalive_time',
  'tcp_keepalive_intvl',
  'tcp_keepalive_probes',
  'tcp_rfc1337',
  'tcp_tw_reuse',
  'tcp_max_tw_buckets',
  'tcp_syn_linear_timeouts',
]);

/** FreeBSD net.inet.tcp sysctls that only size buffers or toggle options the model does not carry. */
const FREEBSD_IGNORED = /^(net\.inet\.tcp\.(rfc1323|sack\.enable|ecn\.enable|recvspace|sendspace|hostcache\.purgenow|sendbuf_auto|recvbuf_auto|delayed_ack|nolocaltimewait)|kern\.ipc\.maxsockbuf)$/;

/** Linux sysctls that are accepted and ignored (buffers, options, congestion control, metrics). */
const LINUX_IGNORED = /^net\.(ipv4\.(tcp_(rmem|wmem|timestamps|frto|sack|dsack|fack|reordering|ecn|window_scaling|moderate_rcvbuf|no_metrics_save|mtu_probing|early_retrans|recovery|thin_linear_timeouts|min_tso_segs|congestion_control|slow_start_after_idle|fastopen|low_latency|adv_win_scale|tso_win_divisor|autocorking|pacing_\w+|min_rtt_wlen|notsent_lowat|limit_output_bytes|abort_on_overflow|max_syn_backlog|syncookies|mem|workaround_signed_windows|base_mss|mtu_probe_floor|probe_\w+|comp_sack_\w+|invalid_ratelimit|challenge_ack_limit)|ip_local_port_range|ip_no_pmtu_disc)|core\.\w+)$/;

/** Linux's ../common/defaults.sh: only the SYN/SYN-ACK retry counts matter to the model. */
const LINUX_DEFAULTS = { tcp_syn_retries: 5, tcp_synack_retries: 5 };

/** One command line (a backtick block may hold several). */
function parseOne(line: string): CommandAction {
  const l = line.trim();
  if (l === '' || l.startsWith('#')) return { kind: 'ignore' };
  if (/^(\.\.\/common\/)?defaults\.sh$/.test(l)) return { kind: 'knobs', set: { ...LINUX_DEFAULTS } };
  if (/^\/tmp\/sysctl_restore_\$\{?PPID\}?\.sh$/.test(l)) return { kind: 'ignore' };
  if (/^(\.\.\/common\/)?set_sysctls\.py\b/.test(l)) return { kind: 'ignore' };
  if (/^ip tcp_metrics flush/.test(l)) return { kind: 'ignore' };
  // Segmentation offload limits on packetdrill's tun device: the model never coalesces segments.
  if (/^ip link set (dev )?tun0 (gso_max_segs|gso_max_size) \d+$/.test(l)) return { kind: 'ignore' };
  let m = /^sysctl\s+(?:-[wq]+\s+)*([\w.]+)\s*=\s*"?([^"]*)"?\s*$/.exec(l);
  if (m) return sysctl(m[1]!, m[2]!.trim());
  m = /^sockstat\b.*\|\s*grep\s+-c\s+(\w+)\s*\|\s*grep\s+(\d+)\s*$/.exec(l);
  if (m) {
    const st = STATE_NAMES[m[1]!];
    return st ? { kind: 'count', state: st, n: Number(m[2]) } : { kind: 'unsupported', what: { kind: 'sockstat-state', what: m[1]! } };
  }
  // Linux: /proc/net/sockstat read with an extended regular expression (what a script can check
  // of it portably: inuse and tw are per network namespace, orphan and alloc count the machine)
  m = /^grep\s+-(?:Eq|qE)\s+(?:"([^"]*)"|'([^']*)')\s+\/proc\/net\/sockstat\s*$/.exec(l);
  if (m) return { kind: 'sockstat', pattern: m[1] ?? m[2]! };
  m = /^tcpdrop\s+-s\s+(\w+)\s*$/.exec(l);
  if (m) {
    const st = STATE_NAMES[m[1]!];
    return st ? { kind: 'drop', state: st } : { kind: 'unsupported', what: { kind: 'tcpdrop-state', what: m[1]! } };
  }
  return { kind: 'unsupported', what: { kind: 'command', what: l } };
}

function sysctl(name: string, value: string): CommandAction {
  const n = Number(value);
  const num = value !== '' && Number.isFinite(n);
  const bsd = /^net\.inet\.tcp\.(\w+)$/.exec(name);
  if (bsd && num) {
    switch (bsd[1]) {
      case 'insecure_rst':
        return { kind: 'knobs', set: { rfc5961_rst: n ? 0 : 1 } };
      case 'insecure_syn':
        return { kind: 'knobs', set: { rfc5961_syn: n ? 0 : 1 } };
      case 'drop_synfin':
        return { kind: 'knobs', set: { drop_synfin: n ? 1 : 0 } };
      case 'blackhole':
        return { kind: 'knobs', set: { blackhole: n ? 1 : 0 } };
      case 'rexmit_initial':
        return { kind: 'knobs', set: { rto_initial: n / 1000 } };
    }
  }
  if (FREEBSD_IGNORED.test(name)) return { kind: 'ignore' };
  const lin = /^net\.ipv4\.(\w+)$/.exec(name);
  if (lin && num && LINUX_KNOBS.has(lin[1]!)) return { kind: 'knobs', set: { [lin[1]!]: n } };
  if (LINUX_IGNORED.test(name)) return { kind: 'ignore' };
  return { kind: 'unsupported', what: { kind: 'sysctl', what: name } };
}

/** All actions of a backtick block; the first unsupported line makes the whole block unsupported. */
export function parseCommand(text: string): CommandAction[] {
  return text
    .split(/\n|;|&&/)
    .map(parseOne)
    .filter((a) => a.kind !== 'ignore');
}

/** `assert tcpi_state == TCP_X` (possibly several lines of them); null when not that form. */
export function parsePython(code: string): TcpState[] | null {
  const out: TcpState[] = [];
  for (const raw of code.split('\n')) {
    const l = raw.trim();
    if (l === '') continue;
    const m = /^assert\s+tcpi_state\s*==\s*(TCPI?_\w+)\s*,?.*$/.exec(l);
    const st = m ? TCPI_STATES[m[1]!] : undefined;
    if (!st) return null;
    out.push(st);
  }
  return out.length ? out : null;
}
