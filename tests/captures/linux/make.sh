#!/usr/bin/env bash
# Makes the fixture captures of real Linux connections (needs root, iproute2, tcpdump, python3).
# Two network namespaces joined by a veth pair: client 10.14.0.1:40000, server 10.14.0.2:8080.
# tcpdump runs in the client's namespace on its veth (Ethernet), except where noted.
#   teardown.pcap            handshake, 100 bytes, the client closes first, the server closes
#   teardown-any.pcap        the same, captured on the server's "any" device (Linux cooked header)
#   simultaneous-close.pcap  a token bucket (tc tbf, 64 kbit/s) shapes the client's veth: the client
#                            writes 4000 bytes and calls shutdown(SHUT_WR), so its FIN waits ~0.5 s behind
#                            the data; the server calls shutdown(SHUT_WR) 50 ms later. Each FIN leaves
#                            before the other arrives: both peers go FIN_WAIT_1 -> CLOSING -> TIME_WAIT
#   rst-closed-port.pcap     connect() to a port nobody listens on: RST,ACK
#   fin-retransmit.pcap      an nftables rule in the server's namespace drops the first FIN that arrives
#                            (a byte quota spent by it): the FIN leaves the client (and is captured on its
#                            veth) but is lost; the client retransmits it when its RTO expires, 0.2 s
#                            later (needs nft, Debian package nftables)
set -euo pipefail
cd "$(dirname "$0")"
PY=$(command -v /usr/bin/python3 || command -v python3)
C=i14cap-c S=i14cap-s
cleanup() { ip netns del $C 2>/dev/null || true; ip netns del $S 2>/dev/null || true; }
trap cleanup EXIT

setup() {
  cleanup
  ip netns add $C && ip netns add $S
  ip link add vc netns $C type veth peer name vs netns $S
  ip -n $C addr add 10.14.0.1/24 dev vc && ip -n $C link set vc up && ip -n $C link set lo up
  ip -n $S addr add 10.14.0.2/24 dev vs && ip -n $S link set vs up && ip -n $S link set lo up
  # Fixed MAC addresses keep the fixtures reproducible.
  ip -n $C link set vc address 02:00:0a:0e:00:01
  ip -n $S link set vs address 02:00:0a:0e:00:02
  sleep 1  # let the veth carrier come up
}

capture() { # name mode [netns device]
  local name=$1 mode=$2 ns=${3:-$C} dev=${4:-vc}
  local at
  setup  # fresh namespaces: no TIME_WAIT left over from the previous capture
  if [ "$mode" = fin-retransmit ]; then
    # the server's kernel never sees the client's first FIN: a 60-byte quota takes the first
    # FIN (52 bytes of IP) and is spent by the second, which passes
    ip netns exec $S nft -f - <<'NFT'
table inet finloss {
  chain input {
    type filter hook input priority 0;
    tcp dport 8080 tcp flags & fin == fin quota until 60 bytes drop
  }
}
NFT
  fi
  if [ "$mode" = simultaneous-close ]; then
    # a slow link out of the client: what it sends queues here (the capture on vc sees it leave)
    ip netns exec $C tc qdisc add dev vc root tbf rate 64kbit burst 3000 limit 100000
  fi
  at=$($PY -c 'import time; print(time.time() + 4)')
  ip netns exec "$ns" tcpdump -q -i "$dev" -s 0 -U -w "$name" 'tcp port 8080' 2>"$name.log" &
  local dump=$!
  sleep 0.5
  ip netns exec $S $PY peers.py server "$mode" "$at" &
  local srv=$!
  sleep 0.2
  ip netns exec $C $PY peers.py client "$mode" "$at" &
  local cli=$!
  wait $cli $srv
  sleep 0.5
  kill $dump 2>/dev/null || true
  wait $dump 2>/dev/null || true
  rm -f "$name.log"
}

# Keep trying (a few times at most) until the capture shows what it is for.
fins() { tshark -r "$1" -Y "tcp.flags.fin == 1 && tcp.srcport == $2" 2>/dev/null | wc -l; }
crossed() { # both FINs sent before either side had received the other's
  tshark -r "$1" -Y 'tcp.flags.fin == 1' -T fields -e tcp.srcport -e tcp.seq -e tcp.ack 2>/dev/null |
    awk '{ if ($1 == 40000 && $3 == 1) c = 1; if ($1 == 8080 && $3 < 4002) s = 1 } END { exit !(c && s) }'
}
if [ -z "${1:-}" ]; then
  capture teardown.pcap teardown
  capture teardown-any.pcap teardown $S any
  capture rst-closed-port.pcap closed-port
fi
for i in 1 2 3 4 5; do capture fin-retransmit.pcap fin-retransmit; [ "$(fins fin-retransmit.pcap 40000)" -ge 2 ] && break; done
[ "${1:-}" = new-fin ] && exit 0
for i in 1 2 3 4 5 6 7 8; do capture simultaneous-close.pcap simultaneous-close; crossed simultaneous-close.pcap && break; done
ls -l ./*.pcap ./*.pcapng
