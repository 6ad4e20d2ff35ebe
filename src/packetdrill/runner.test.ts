import { describe, expect, it } from 'vitest';
import type { Profile } from '../tcp/knobs.ts';
import { parseCommand, parsePython } from './commands.ts';
import { parseScript } from './parser.ts';
import { cellOf } from './suite.ts';
import type { RunResult } from './runner.ts';
import { runScript } from './runner.ts';

function run(text: string, profile: Profile = 'linux', strict = false): RunResult {
  return runScript(parseScript(text, 'inline.pkt', new Set()), { profile, strict });
}

/** A passive open to ESTABLISHED with fd 4 accepted at 0.2 s; the peer announces `mss`. */
const server = (mss = 1460) => `
0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0    setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
+0    bind(3, ..., ...) = 0
+0    listen(3, 1) = 0
+0.1  < S 0:0(0) win 65535 <mss ${mss}>
+0    > S. 0:0(0) ack 1 <...>
+0.1  < . 1:1(0) ack 1 win 65535
+0    accept(3, ..., ...) = 4
`;

const expectPass = (r: RunResult) => expect(r, `${r.message}\n${r.ladder.join('\n')}`).toMatchObject({ status: 'pass' });

describe('runner: sequence numbers', () => {
  it('maps the engine ISN and the script ISN to relative numbers, across the 2^32 wrap', () => {
    // The script's ISN sits 296 below 2^32: 1000 bytes of data wrap the peer's sequence space.
    const r = run(`${server()}
+0.1  < P. 1:1001(1000) ack 1 win 65535
+0    > . 1:1(0) ack 1001
+0    read(4, ..., 2000) = 1000
+0.1  < P. 1001:1101(100) ack 1 win 65535
+0    > . 1:1(0) ack 1101
`);
    expectPass(r);
  });

  it('fails on a wrong relative ack and names both numbers', () => {
    const r = run(`${server()}
+0.1  < P. 1:11(10) ack 1 win 65535
+0    > . 1:1(0) ack 12
`);
    expect(r.status).toBe('fail');
    expect(r.line).toBe(12);
    expect(r.message).toContain('ack 11 instead of 12');
  });

  it('maps the ack of an inbound segment to a closed port, and the RST it gets', () => {
    const r = run(`
0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0.1  < . 17:20(3) ack 34 win 32767
+0    > R 34:34(0)
+0.1  < S 0:0(0) win 32767
+0    > R. 0:0(0) ack 1
`);
    expectPass(r);
  });
});

describe('runner: TSO/GSO coalescing', () => {
  it('merges same-instant contiguous segments into one > line (PSH from the last)', () => {
    expectPass(run(`${server(1000)}
+0.1  write(4, ..., 3000) = 3000
+0    > P. 1:3001(3000) ack 1
`));
  });

  it('still matches the segments one by one', () => {
    expectPass(run(`${server(1000)}
+0.1  write(4, ..., 3000) = 3000
+0    > . 1:1001(1000) ack 1
+0    > . 1001:2001(1000) ack 1
+0    > P. 2001:3001(1000) ack 1
`));
  });

  it('does not merge segments sent at different instants', () => {
    const r = run(`${server(1000)}
+0.1  write(4, ..., 1000) = 1000
+0.1  write(4, ..., 1000) = 1000
+0    > P. 1:2001(2000) ack 1
`);
    expect(r.status).toBe('fail');
  });
});

describe('runner: timing', () => {
  const delack = (tol: string, at: string) => `${tol}
${server()}
+0.01  < P. 1:101(100) ack 1 win 65535
+0     > . 1:1(0) ack 101
+0.01  write(4, ..., 100) = 100
+0     > P. 1:101(100) ack 101
+0.1   < F. 101:101(0) ack 101 win 65535
${at}  > . 101:101(0) ack 102
`;

  it('accepts a segment within the tolerance (default 4000 us)', () => {
    expectPass(run(delack('', '+0.037')));
  });

  it('rejects one outside it', () => {
    const r = run(delack('', '+0.035'));
    expect(r.status).toBe('fail');
    expect(r.message).toBe('expected . 101:101(0) ack 102 but nothing was sent by 0.359375 s (the next segment, ACK 101:101(0) ack 102 win 65535, was sent at 0.360 s)');
  });

  it('takes --tolerance_usecs from the script', () => {
    expectPass(run(delack('--tolerance_usecs=6000', '+0.035')));
  });

  it('widens the tolerance to --tolerance_percent (12.5 by default) of the gap since the previous event', () => {
    // the first keepalive probe is due 10 s after the last event: 1 s late is within 12.5 % of a 9 s gap, 2 s is not
    const keepalive = (t: string, pct = '') => `${pct}
${server()}
+0    setsockopt(4, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0
+0    setsockopt(4, IPPROTO_TCP, TCP_KEEPIDLE, [10], 4) = 0
${t}  > . 0:0(0) ack 1
`;
    expectPass(run(keepalive('+9')));
    expect(run(keepalive('+8')).status).toBe('fail');
    expect(run(keepalive('+9', '--tolerance_percent=5')).status).toBe('fail');
    expectPass(run(keepalive('+9.6', '--tolerance_percent=5')));
  });

  it('accepts a ~ window', () => {
    expectPass(run(delack('', '+0.03~+0.05')));
  });

  it('runs timers in virtual time: SYN retransmissions at 1, 2, 3 s without sleeping', () => {
    const t0 = Date.now();
    expectPass(run(`
0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0  fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
+0  connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
0   > S 0:0(0) <...>
1   > S 0:0(0) <...>
2   > S 0:0(0) <...>
3   > S 0:0(0) <...>
`));
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('runner: unexpected segments', () => {
  it('--strict: fails when the engine sends a segment the script does not expect before its next input', () => {
    const script = `${server()}
+0.1  < P. 1:11(10) ack 1 win 65535
+0.1  read(4, ..., 100) = 10
`;
    // like real packetdrill, an unmentioned packet is no failure by itself...
    expectPass(run(script));
    const r = run(script, 'linux', true);
    expect(r.status).toBe('fail');
    expect(r.line).toBe(12);
    expect(r.message).toContain('unexpected packet ACK 1:1(0) ack 11');
  });

  it('fails when an expected segment never comes', () => {
    const r = run(`${server()}
+0.1  > F. 1:1(0) ack 1
`);
    expect(r.status).toBe('fail');
    expect(r.message).toContain('nothing was sent');
  });
});

describe('runner: system calls', () => {
  it('lets a blocking accept() wait in virtual time for the handshake', () => {
    expectPass(run(`
0          socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0         bind(3, ..., ...) = 0
+0         listen(3, 1) = 0
+0...0.2   accept(3, ..., ...) = 4
+0.1       < S 0:0(0) win 65535 <mss 1460>
+0         > S. 0:0(0) ack 1 <...>
+0.1       < . 1:1(0) ack 1 win 65535
`));
  });

  it('checks the return time of a blocking call', () => {
    const r = run(`
0          socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0         bind(3, ..., ...) = 0
+0         listen(3, 1) = 0
+0...0.1   accept(3, ..., ...) = 4
+0.1       < S 0:0(0) win 65535 <mss 1460>
+0         > S. 0:0(0) ack 1 <...>
+0.1       < . 1:1(0) ack 1 win 65535
`);
    expect(r.status).toBe('fail');
    expect(r.line).toBe(5);
    expect(r.message).toContain('timing error: accept() returned at 0.200 s');
  });

  it('a non-blocking accept() says EAGAIN, spelled EWOULDBLOCK or EAGAIN', () => {
    expectPass(run(`
0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0  fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)
+0  fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
+0  bind(3, ..., ...) = 0
+0  listen(3, 1) = 0
+0  accept(3, ..., ...) = -1 EWOULDBLOCK (Operation would block)
+0  accept(3, ..., ...) = -1 EAGAIN (Resource temporarily unavailable)
`));
  });

  it('compares results exactly', () => {
    const r = run(`${server()}
+0  write(4, ..., 10) = 11
`);
    expect(r.status).toBe('fail');
    expect(r.message).toBe('write() returned 10, expected 11');
  });

  it('reports SO_ERROR', () => {
    expectPass(run(`${server()}
+0.1  < R 1:1(0) win 0
+0    getsockopt(4, SOL_SOCKET, SO_ERROR, [ECONNRESET], [4]) = 0
+0    getsockopt(4, SOL_SOCKET, SO_ERROR, [0], [4]) = 0
`));
  });
});

describe('runner: commands and unsupported constructs', () => {
  it('skips a script with an unknown shell command, naming it', () => {
    const r = run(`
0   \`ip link set dev tun0 mtu 1200\`
+0  socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
`);
    expect(r.status).toBe('skip');
    expect(r.message).toContain('ip link set dev tun0 mtu 1200');
  });

  it('skips unknown system calls and python', () => {
    expect(run('0 epoll_create(1) = 3\n').status).toBe('skip');
    expect(run('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 %{ print(tcpi_rto) }%\n').status).toBe('skip');
  });

  it('applies sysctls to the knobs: tcp_syn_retries=1 gives up after one retransmission', () => {
    expectPass(run(`
\`sysctl -q net.ipv4.tcp_syn_retries=1\`
\`sysctl -q net.ipv4.tcp_syn_linear_timeouts=0\`
0        socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
0...3    connect(3, ..., ...) = -1 ETIMEDOUT (Connection timed out)
0        > S 0:0(0) <...>
1        > S 0:0(0) <...>
`));
  });

  it('maps FreeBSD sysctls, ignores buffer sizes, and parses sockstat/tcpdrop', () => {
    expect(parseCommand('sysctl -w net.inet.tcp.insecure_rst=1')).toEqual([{ kind: 'knobs', set: { rfc5961_rst: 0 } }]);
    expect(parseCommand('sysctl -w net.inet.tcp.rexmit_initial=1000')).toEqual([{ kind: 'knobs', set: { rto_initial: 1 } }]);
    expect(parseCommand('sysctl -w net.inet.tcp.recvspace=65536')).toEqual([]);
    expect(parseCommand('sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT | grep 1')).toEqual([{ kind: 'count', state: 'TIME_WAIT', n: 1 }]);
    expect(parseCommand('tcpdrop -s TIME_WAIT')).toEqual([{ kind: 'drop', state: 'TIME_WAIT' }]);
    expect(parseCommand('grep -Eq "^TCP: inuse [0-9]+ orphan [0-9]+ tw 1 " /proc/net/sockstat')).toEqual([{ kind: 'sockstat', pattern: '^TCP: inuse [0-9]+ orphan [0-9]+ tw 1 ' }]);
    expect(parseCommand("grep -qE 'tw 0' /proc/net/sockstat")).toEqual([{ kind: 'sockstat', pattern: 'tw 0' }]);
    // a basic regular expression reads differently: not taken for an extended one
    expect(parseCommand('grep -q "tw 0" /proc/net/sockstat')[0]!.kind).toBe('unsupported');
    expect(parseCommand('../common/defaults.sh')).toEqual([{ kind: 'knobs', set: { tcp_syn_retries: 5, tcp_synack_retries: 5 } }]);
    expect(parsePython('assert tcpi_state == TCPI_SYN_RECV')).toEqual(['SYN_RCVD']);
    // real packetdrill's Linux names (code.c), and the FreeBSD suite's TCPI_* as a runner extension
    expect(parsePython('assert tcpi_state == TCP_SYN_RECV')).toEqual(['SYN_RCVD']);
    expect(parsePython('assert tcpi_state == TCP_CLOSE')).toEqual(['CLOSED']);
    expect(parsePython('assert tcpi_state == TCP_FIN_WAIT1')).toEqual(['FIN_WAIT_1']);
    expect(parsePython('assert tcpi_state == TCP_BOGUS')).toBeNull();
  });

  it('a failed sockstat count is a failure at its line', () => {
    const r = run(`${server()}
+0  \`sockstat -4 -P tcp -s | grep -c ESTABLISHED | grep 2\`
`);
    expect(r).toMatchObject({ status: 'fail', line: 11, message: 'expected 2 connection(s) in ESTABLISHED, found 1' });
  });
});

describe('runner: ISN learning, as real packetdrill', () => {
  it("keeps the socket's first ISN: a connection reopened from TIME_WAIT reads old SND.NXT + 65537", () => {
    expectPass(
      run(`${server()}
+0.1  close(4) = 0
+0    > F. 1:1(0) ack 1
+0.1  < F. 1:1(0) ack 2 win 65535
+0    > . 2:2(0) ack 2
+1    < S 1000:1000(0) win 65535 <mss 1460>
+0    > S. 65539:65539(0) ack 1001 <...>
`),
    );
  });
});

describe('conformance table cells', () => {
  it('splits rcv-<kind>-<state> folder names', () => {
    expect(cellOf('rcv-syn-fin-wait-1')).toEqual({ kind: 'syn', state: 'fin-wait-1' });
    expect(cellOf('rcv-syn-fin-listen')).toEqual({ kind: 'syn-fin', state: 'listen' });
    expect(cellOf('rcv-rst-ack-syn-rcvd')).toEqual({ kind: 'rst-ack', state: 'syn-rcvd' });
    expect(cellOf('rcv-fin-ack-time-wait')).toEqual({ kind: 'fin-ack', state: 'time-wait' });
    expect(cellOf('google')).toBeNull();
  });
});
