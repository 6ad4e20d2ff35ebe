/**
 * What each state means and what goes wrong there in production, in both
 * languages. Sources: reference/linux-tcp-defaults.md and the Chinese field notes
 * (reference/000_f7ce10516f1e6c83.txt). Transitions are not written here: the
 * panel derives them from EDGES.
 */
import type { DrawnEdgeSource as Edge } from '../../tcp/machine/edges.ts';
// derived from the endpoint machine when the app is built (sim/firstPicturePlugin.ts): no XState on the page for a drawing
import { EDGES } from 'virtual:tcp-edges';
import type { TcpState } from '../../tcp/states.ts';
import type { Lang } from './strings.ts';

export interface StateText {
  meaning: string;
  production: string[];
}

export const COUNT_COMMANDS = {
  netstat: "netstat -n | awk '/^tcp/ {++S[$NF]} END {for(a in S) print a, S[a]}'",
  ss: "ss -tan | awk 'NR>1 {++S[$1]} END {for (a in S) print a, S[a]}'",
} as const;

export const STATE_INFO: Record<Lang, Record<TcpState, StateText>> = {
  en: {
    CLOSED: {
      meaning: 'No connection: the starting point and the end of every path. No socket state is kept.',
      production: [
        'A connect() to a port where nothing listens is answered with RST: the client goes straight back to CLOSED with ECONNREFUSED.',
        'netstat does not list CLOSED connections; ss shows unconnected sockets as UNCONN.',
      ],
    },
    LISTEN: {
      meaning: 'A server socket waiting for connection requests (SYN). Each accepted SYN creates a new connection in SYN_RCVD; the listener itself stays in LISTEN.',
      production: [
        'When the accept queue is full (the application is not calling accept() fast enough), Linux drops the final ACK of the handshake (tcp_abort_on_overflow = 0) and clients see slow or failed connects.',
        'Check that the expected ports are listening with ss -tlnp.',
      ],
    },
    SYN_SENT: {
      meaning: 'The client has sent its SYN (active open) and waits for SYN,ACK.',
      production: [
        'Many SYN_SENT sockets mean the peer does not answer: a firewall silently drops SYNs or the host is down. The SYN is retransmitted with back-off (tcp_syn_retries, default 6, plus tcp_syn_linear_timeouts on recent kernels); connect() fails with ETIMEDOUT after about 2 minutes.',
      ],
    },
    SYN_RCVD: {
      meaning: 'The server has received a SYN and answered SYN,ACK; it waits for the final ACK of the three-way handshake. Shown as SYN_RECV by netstat.',
      production: [
        'SYN_RECV piling up is the signature of a SYN flood (or of clients whose final ACK is lost). tcp_syncookies = 1 keeps the listener answering when the SYN backlog overflows.',
        'The SYN,ACK is retransmitted tcp_synack_retries times (default 5) (about 63 s) before the half-open connection is dropped; field notes lower it to shed half-open connections sooner.',
      ],
    },
    ESTABLISHED: {
      meaning: 'The connection is open: both sides have synchronized sequence numbers and data flows both ways.',
      production: [
        'An idle ESTABLISHED connection whose peer has vanished stays here forever unless keepalive (tcp_keepalive_time, default 7200 s) or the application notices.',
        'Unacknowledged data is retransmitted up to tcp_retries2 (default 15, about 15 min) before the connection is reset.',
      ],
    },
    FIN_WAIT_1: {
      meaning: 'This side closed first (active close): it has sent FIN and waits for it to be acknowledged.',
      production: [
        'FIN_WAIT_1 and LAST_ACK pile up behind lossy or vanished peers: the FIN is retransmitted until tcp_orphan_retries gives up (0 means the kernel uses 8). Field notes lower tcp_orphan_retries on busy servers.',
      ],
    },
    FIN_WAIT_2: {
      meaning: 'Our FIN was acknowledged; we wait for the peer to close its side (its FIN). The connection is half-closed.',
      production: [
        'If the peer never closes (its application sits in CLOSE_WAIT), an orphaned socket (closed by the application) is removed after tcp_fin_timeout (default 60 s). A socket half-closed with shutdown() can wait here indefinitely.',
        'Linux keeps such an orphan in a small TIME_WAIT bucket (counted under tw in /proc/net/sockstat, not orphan). With tcp_fin_timeout above 60 s it first waits the excess as a full socket, then waits as long again in a bucket: 90 s ends it after 60 s, 120 s after 120 s.',
      ],
    },
    CLOSE_WAIT: {
      meaning: 'The peer has closed its side (we received and acknowledged its FIN); TCP waits for our application to call close().',
      production: [
        'A CLOSE_WAIT that never ends means the application read EOF but never called close(): a bug in the program, not in TCP. No timer ends it by default.',
        'Every such socket holds a file descriptor; thousands of them end in "Too many open files" (EMFILE) and the service stops accepting connections. Fix the code path that forgets close(); keepalive tuning may clear the TCP state but not the leaked descriptor.',
      ],
    },
    CLOSING: {
      meaning: 'Simultaneous close: both sides sent FIN at the same time; we received the peer\'s FIN before the ACK of ours.',
      production: ['Rare in practice; if the final ACK is lost, the FIN is retransmitted until tcp_orphan_retries gives up.'],
    },
    LAST_ACK: {
      meaning: 'The passive closer has sent its own FIN (after CLOSE_WAIT) and waits for the final ACK.',
      production: [
        'LAST_ACK piles up when peers vanish before sending the last ACK (lossy clients): the FIN is retransmitted until tcp_orphan_retries gives up.',
      ],
    },
    TIME_WAIT: {
      meaning: 'The active closer waits 2×MSL (60 s on Linux) after the final ACK, so a lost final ACK can be resent and old duplicates die out before the same 4-tuple is reused.',
      production: [
        'Thousands of TIME_WAIT sockets on the side that closes first are normal and cheap: no file descriptor is held, and tcp_max_tw_buckets caps the number.',
        'On a client opening many short connections, tcp_tw_reuse (default 2: loopback only; 1: everywhere) lets connect() reuse a TIME_WAIT 4-tuple when timestamps prove it safe. Do not use tcp_tw_recycle: it broke clients behind NAT and was removed in Linux 4.12; guides that still set it are out of date.',
      ],
    },
  },
  'zh-CN': {
    CLOSED: {
      meaning: '没有连接：每条路径的起点和终点，不保存任何连接状态。',
      production: [
        '向无人监听的端口 connect() 会收到 RST：客户端直接回到 CLOSED，返回 ECONNREFUSED。',
        'netstat 不列出 CLOSED 连接；ss 把未连接的套接字显示为 UNCONN。',
      ],
    },
    LISTEN: {
      meaning: '服务器端套接字等待连接请求（SYN）。每个被接受的 SYN 生成一个处于 SYN_RCVD 的新连接，监听套接字本身保持 LISTEN。',
      production: [
        '当 accept 队列已满（应用调用 accept() 不够快）时，Linux 会丢弃握手的最后一个 ACK（tcp_abort_on_overflow = 0），客户端看到连接缓慢或失败。',
        '用 ss -tlnp 确认预期端口处于监听状态。',
      ],
    },
    SYN_SENT: {
      meaning: '客户端已发送 SYN（主动打开），等待 SYN,ACK。',
      production: [
        '大量 SYN_SENT 说明对端没有应答：防火墙悄悄丢弃了 SYN，或主机已宕机。SYN 会按退避策略重传（tcp_syn_retries 默认 6 次，较新内核还有 tcp_syn_linear_timeouts），大约 2 分钟后 connect() 以 ETIMEDOUT 失败。',
      ],
    },
    SYN_RCVD: {
      meaning: '服务器端收到 SYN 并回复了 SYN,ACK，等待三次握手的最后一个 ACK。netstat 中显示为 SYN_RECV。',
      production: [
        'SYN_RECV 大量堆积是 SYN 洪水攻击的典型特征（或客户端的最后一个 ACK 丢失）。tcp_syncookies = 1 让监听套接字在 SYN 队列溢出时仍能应答。',
        'SYN,ACK 会重传 tcp_synack_retries 次（默认 5 次，约 63 秒）后才丢弃半连接；现场笔记中通过调小该值来更快地清理半连接。',
      ],
    },
    ESTABLISHED: {
      meaning: '连接已建立：双方的序列号已同步，数据可以双向传输。',
      production: [
        '对端已消失的空闲 ESTABLISHED 连接会一直保持，除非启用了 keepalive（tcp_keepalive_time，默认 7200 秒）或应用自己发现。',
        '未被确认的数据最多重传 tcp_retries2 次（默认 15 次，约 15 分钟），之后连接被重置。',
      ],
    },
    FIN_WAIT_1: {
      meaning: '本端先关闭（主动关闭）：已发送 FIN，等待对方确认。',
      production: [
        '对端网络质量差或已消失时，FIN_WAIT_1 和 LAST_ACK 会大量堆积：FIN 会一直重传，直到 tcp_orphan_retries 耗尽（0 表示内核使用 8）。现场笔记在繁忙的服务器上调小了 tcp_orphan_retries。',
      ],
    },
    FIN_WAIT_2: {
      meaning: '我方的 FIN 已被确认，等待对端关闭它那一侧（发来 FIN）。连接处于半关闭状态。',
      production: [
        '如果对端一直不关闭（其应用停留在 CLOSE_WAIT），已被应用关闭的孤儿套接字会在 tcp_fin_timeout（默认 60 秒）后被清除。用 shutdown() 半关闭的套接字可能无限期停留在这里。',
        'Linux 把这样的孤儿套接字放进小小的 TIME_WAIT 桶（在 /proc/net/sockstat 里计入 tw，而不是 orphan）。tcp_fin_timeout 超过 60 秒时，它先以完整套接字等待超出的部分，再在桶里等待同样长的时间：设为 90 秒时 60 秒后就被清除，设为 120 秒时 120 秒后清除。',
      ],
    },
    CLOSE_WAIT: {
      meaning: '对端已关闭它那一侧（我们收到并确认了它的 FIN），TCP 等待本端应用调用 close()。',
      production: [
        '一直不结束的 CLOSE_WAIT 说明应用读到了 EOF 却从不调用 close()：这是程序的 bug，而不是 TCP 的问题。默认没有定时器会结束它。',
        '每个这样的套接字都占用一个文件描述符；成千上万个之后就会出现 “Too many open files”（EMFILE），服务无法再接受连接。应修复遗漏 close() 的代码路径；调整 keepalive 也许能清除 TCP 状态，但泄漏的描述符依然存在。',
      ],
    },
    CLOSING: {
      meaning: '同时关闭：双方同时发送了 FIN；我们在收到对方对我方 FIN 的确认之前先收到了对方的 FIN。',
      production: ['实际中少见；如果最后的 ACK 丢失，FIN 会一直重传直到 tcp_orphan_retries 耗尽。'],
    },
    LAST_ACK: {
      meaning: '被动关闭方（经过 CLOSE_WAIT 后）已发送自己的 FIN，等待最后一个 ACK。',
      production: ['对端在发送最后一个 ACK 之前消失（网络质量差的客户端）时 LAST_ACK 会堆积：FIN 一直重传直到 tcp_orphan_retries 耗尽。'],
    },
    TIME_WAIT: {
      meaning: '主动关闭方在发出最后一个 ACK 后等待 2×MSL（Linux 上为 60 秒），以便重发丢失的最后一个 ACK，并让旧的重复报文在同一四元组被复用之前消失。',
      production: [
        '先关闭的一方出现成千上万个 TIME_WAIT 是正常的，代价很小：不占用文件描述符，数量上限由 tcp_max_tw_buckets 控制。',
        '对于频繁发起短连接的客户端，tcp_tw_reuse（默认 2：仅回环；1：全部）允许 connect() 在时间戳证明安全时复用处于 TIME_WAIT 的四元组。不要使用 tcp_tw_recycle：它会让 NAT 后面的客户端连接失败，已在 Linux 4.12 中移除；仍在设置它的调优指南已经过时。',
      ],
    },
  },
};

/** The machine's edges into and out of `state`. */
export function edgesOf(state: TcpState, edges: readonly Edge[] = EDGES): { incoming: Edge[]; outgoing: Edge[] } {
  return { incoming: edges.filter((e) => e.to === state), outgoing: edges.filter((e) => e.from === state) };
}
