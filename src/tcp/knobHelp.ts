/**
 * One line of English per knob of ./knobs.ts: what it means, and where its Linux, RFC or FreeBSD
 * behaviour comes from. The UI has its own translated text (src/ui/i18n); knobHelp.test.ts keeps
 * this list and the table in step.
 */
import type { KnobName } from './knobs.ts';

export const KNOB_HELP: Readonly<Record<KnobName, string>> = {
  time_wait_len: 'TIME_WAIT length (Linux: TCP_TIMEWAIT_LEN; RFC: 2 x MSL)',
  msl: 'maximum segment lifetime; under rfc9293 TIME_WAIT lasts 2 x msl unless time_wait_len is set',
  tcp_fin_timeout: 'FIN_WAIT_2 timeout for an orphaned socket; Linux waits at least 3.5 x RTO (so 0 is about 1 s), and beyond 60 s waits the excess, then as long again in a TIME_WAIT bucket; rfc9293: 0 = no timer',
  tcp_keepalive_time: 'idle time before the first keepalive probe',
  tcp_keepalive_intvl: 'gap between unanswered keepalive probes',
  tcp_keepalive_probes: 'unanswered probes before the connection is dropped',
  tcp_syn_retries: 'SYN retransmissions before connect() fails',
  tcp_syn_linear_timeouts: 'extra SYN retransmissions sent first at the initial RTO, without doubling',
  tcp_synack_retries: 'SYN,ACK retransmissions in SYN_RCVD',
  tcp_retries2: 'retransmissions of data or FIN before the connection is dropped',
  tcp_orphan_retries: 'retransmissions for a closed (orphaned) socket; 0 means 8, as Linux does',
  rto_initial: 'initial retransmission timeout (RFC 6298)',
  rto_min: 'minimum retransmission timeout',
  rto_max: 'maximum retransmission timeout (back-off cap)',
  rfc5961: 'RFC 5961 challenge ACKs for RST and SYN; 0 = RFC 793 behaviour',
  rfc5961_rst: 'RFC 5961 §3 for RST (exact match resets, in-window gets a challenge ACK); needs rfc5961 = 1 (FreeBSD net.inet.tcp.insecure_rst = 0)',
  rfc5961_syn: 'RFC 5961 §4 for SYN (challenge ACK instead of a reset); needs rfc5961 = 1 (FreeBSD net.inet.tcp.insecure_syn = 0)',
  tcp_rfc1337: '1 = ignore RST in TIME_WAIT (RFC 1337)',
  listen_synack_rst: 'answer a SYN,ACK arriving at a listener with a RST (Linux, RFC 9293 §3.10.7.2); 0 = drop it silently (FreeBSD, the conformance suite reference stack)',
  simclose_ack_with_fin: 'simultaneous close: the ACK of the peer\'s FIN repeats our unacknowledged FIN (FreeBSD, the conformance suite reference stack); 0 = a bare ACK (Linux)',
  simopen_hold_text: 'simultaneous open: data on the peer\'s SYN is kept and delivered once ESTABLISHED (RFC 9293 §3.10.7.3, FreeBSD); 0 = discarded (Linux)',
  drop_synfin: 'drop segments carrying both SYN and FIN (FreeBSD net.inet.tcp.drop_synfin)',
  blackhole: 'send no RST for segments to closed ports',
  mss: 'maximum segment size this host sends and announces',
  rcv_wnd: 'fixed receive window (advertised as at most 65535: no window scaling); rfc9293 uses 64 KiB rounded up to 45 x MSS, as the conformance suite reference stack does',
  tw_syn_reopen: 'a new SYN above RCV.NXT ends TIME_WAIT and opens a new connection (Linux; RFC 1122 4.2.2.13 MAY)',
  delayed_ack: 'delay before ACKing a FIN once the connection is interactive (Linux pingpong mode); 0 = ACK at once',
  tcp_tw_reuse: 'let connect() reuse a 4-tuple in TIME_WAIT: 0 = never, 1 = always, 2 = loopback only (this model\'s link is not loopback)',
  somaxconn: 'upper bound of listen() backlog',
  tcp_wmem: 'send buffer of a socket without SO_SNDBUF (Linux autotunes up to the tcp_wmem maximum, 4 MiB); a write takes what fits, a blocking one waits for the rest; 0 = unbounded',
  initial_cwnd: 'congestion control (Reno): the initial congestion window in segments (Linux IW10), slow start, congestion avoidance, cwnd 1 after an RTO; 0 = no congestion control (only the peer\'s window limits a flight)',
  tcp_sack: 'offer and accept the SACK-permitted option (the model sends no SACK blocks; Linux probes tail losses only on SACK connections)',
  tlp: 'tail loss probe (RFC 8985): about 2 x SRTT after the last send, probe with one new segment or the last one again, before the RTO',
  rst_after_fin_epipe: 'a RST after the peer\'s FIN (CLOSE_WAIT) reports EPIPE, not ECONNRESET, and reads end with 0 before a pending error is reported (Linux tcp_reset(), SOCK_DONE)',
  tw_restart_on_ack: 'TIME_WAIT restarts its timer on every segment with an ACK (Linux tcp_timewait_state_process()); 0 = only on a retransmitted FIN (RFC 9293)',
  tcp_invalid_ratelimit: 'per socket, at most one ACK per this interval for out-of-window segments, challenge ACKs and TIME_WAIT ACKs (Linux); 0 = no limit',
  tcp_challenge_ack_limit: 'challenge ACKs per second for the whole host (RFC 5961 section 7; Linux randomizes the budget around it); 2147483647 = no host-wide limit (Linux default since 6.0)',
  tw_minisock: 'TIME_WAIT lives in a mini-socket apart from the descriptor, whose own socket then reads CLOSED through getsockopt(TCP_INFO) (Linux tcp_time_wait())',
  ofo_queue: 'out-of-order data is queued and reassembled once the hole is filled (Linux tcp_data_queue_ofo(); RFC 9293 3.10.7.4 "SHOULD be held"); each segment past a hole gets a duplicate ACK; 0 = dropped and left to the sender to retransmit',
  tcp_max_tw_buckets: 'TIME_WAIT sockets kept at most; beyond it new ones are destroyed at once',
};
