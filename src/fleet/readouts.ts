/**
 * What an operator reads on the box, computed from one sample: the field notes' awk one-liner,
 * `ss -s`, a few lines of `ss -tan state close-wait`, and the node_exporter series that draw
 * the same curves on a dashboard.
 */
import { STATE_ALIASES, TCP_STATES } from '../tcp/states.ts';
import type { TcpState } from '../tcp/states.ts';
import type { Sample } from './sample.ts';

export const AWK_ONE_LINER = "netstat -n | awk '/^tcp/ {++S[$NF]} END {for(a in S) print a, S[a]}'";

/**
 * The one-liner's output: netstat -n lists no listening sockets, and no CLOSED one either (it
 * reads /proc/net/tcp, which walks the hash tables: a socket reset or timed out while its
 * descriptor stays open is in none; kernel 6.18); a state nobody is in prints nothing. (awk's
 * for-in order is unspecified; this prints the states in the diagram's order.)
 */
export function awkOutput(s: Sample): string[] {
  const out: string[] = [];
  for (const st of TCP_STATES) {
    if (st === 'LISTEN' || st === 'CLOSED' || s.states[st] === 0) continue;
    out.push(`${STATE_ALIASES[st].netstat} ${s.states[st]}`);
  }
  return out;
}

/**
 * `ss -s`'s TCP line, as iproute2 prints it from /proc/net/sockstat (sockstat.ts): the total is
 * every full socket and timewait sock, "closed" those in neither hash (TIME_WAIT buckets
 * included), and "estab" the CurrEstab counter, which counts CLOSE_WAIT too (a kernel of 6.18).
 */
export function ssSummary(s: Sample): string {
  const k = s.sockstat;
  return `TCP:   ${k.alloc + k.tw} (estab ${s.states.ESTABLISHED + s.states.CLOSE_WAIT}, closed ${k.alloc - k.inuse + k.tw}, orphaned ${k.orphan}, timewait ${k.tw})`;
}

export const SS_CLOSE_WAIT = 'ss -tan state close-wait';

/** `more`: the line saying how many CLOSE_WAIT sockets are not listed (the page says it in its language). */
export function ssCloseWait(s: Sample, more: (n: number) => string = (n) => `… ${n} more`): string[] {
  const rows = [['Recv-Q', 'Send-Q', 'Local Address:Port', 'Peer Address:Port'], ...s.closeWait.map((l) => [String(l.recvQ), String(l.sendQ), l.local, l.peer])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]! + 2) : c)).join(''));
  const rest = s.states.CLOSE_WAIT - s.closeWait.length;
  if (rest > 0) lines.push(more(rest));
  return lines;
}

/** node_exporter's label for a state (its tcpstat collector). */
export const exporterState = (st: TcpState): string => (st === 'CLOSED' ? 'close' : STATE_ALIASES[st].netstat.toLowerCase());

/**
 * The netstat collector exports only the counters of its default `--collector.netstat.fields`
 * (TcpExt_Listen*, TcpExt_Syncookies*, Tcp_OutRsts, ...): TCPAbortOnTimeout and EmbryonicRsts are
 * not among them, so they are in the counters table and not here.
 */
export function exporterLines(s: Sample): string[] {
  const out = TCP_STATES.filter((st) => st !== 'CLOSED').map((st) => `node_tcp_connection_states{state="${exporterState(st)}"} ${s.states[st]}`);
  out.push(`node_sockstat_TCP_alloc ${s.sockstat.alloc}`);
  out.push(`node_sockstat_TCP_inuse ${s.sockstat.inuse}`);
  out.push(`node_sockstat_TCP_tw ${s.sockstat.tw}`);
  out.push(`node_sockstat_TCP_orphan ${s.sockstat.orphan}`);
  out.push(`node_netstat_Tcp_CurrEstab ${s.states.ESTABLISHED + s.states.CLOSE_WAIT}`);
  out.push(`node_netstat_Tcp_OutRsts ${s.counters.OutRsts}`);
  out.push(`node_netstat_TcpExt_ListenOverflows ${s.errors.ListenOverflows}`);
  out.push(`node_netstat_TcpExt_ListenDrops ${s.counters.ListenDrops}`);
  out.push(`node_netstat_TcpExt_SyncookiesSent ${s.counters.SyncookiesSent}`);
  out.push(`process_open_fds ${s.fds}`);
  return out;
}
