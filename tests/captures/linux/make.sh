#!/usr/bin/env bash
# Makes the fixture captures of real Linux connections (needs root, iproute2, tcpdump, python3).
# Two network namespaces joined by a veth pair: client 10.14.0.1:40000, server 10.14.0.2:8080.
# tcpdump runs in the client's namespace on its veth (Ethernet), except where noted.
#   teardown.pcap            handshake, 100 bytes, the client closes first, the server closes
#   teardown-any.pcap        the same, captured on the server's "any" device (Linux cooked header)
#   simultaneous-close.pcap  both peers call shutdown(SHUT_WR) at the same moment while the server's veth
#                            is down (as for fin-retransmit): both FINs are sent before either arrives,
#                            and both are retransmitted once the link is back
#   rst-closed-port.pcap     connect() to a port nobody listens on: RST,ACK
#   fin-retransmit.pcap      the server's veth is down from 50 ms before the client's close() to 100 ms
#                            after: the first FIN leaves the client (and is captured) but is lost;
#                            the client retransmits it once the RTO expires
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

capture() { # name mode [netns device [pcapng]] [extra setup run at AT-0.5]
  local name=$1 mode=$2 ns=${3:-$C} dev=${4:-vc}
  local at
  setup  # fresh namespaces: no TIME_WAIT left over from the previous capture
  at=$($PY -c 'import time; print(time.time() + 4)')
  ip netns exec "$ns" tcpdump -q -i "$dev" -s 0 -U -w "$name" 'tcp port 8080' 2>"$name.log" &
  local dump=$!
  sleep 0.5
  ip netns exec $S $PY peers.py server "$mode" "$at" &
  local srv=$!
  sleep 0.2
  ip netns exec $C $PY peers.py client "$mode" "$at" &
  local cli=$!
  if [ "$mode" = fin-retransmit ] || [ "$mode" = simultaneous-close ]; then
    $PY -c "import time; time.sleep(max(0, $at - 0.05 - time.time()))"
    ip -n $S link set vs down
    $PY -c "import time; time.sleep(max(0, $at + 0.1 - time.time()))"
    ip -n $S link set vs up
  fi
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
    awk '{ if ($1 == 40000 && $3 == 1) c = 1; if ($1 == 8080 && $3 == 1) s = 1 } END { exit !(c && s) }'
}
capture teardown.pcap teardown
capture teardown-any.pcap teardown $S any
capture rst-closed-port.pcap closed-port
for i in 1 2 3 4 5; do capture fin-retransmit.pcap fin-retransmit; [ "$(fins fin-retransmit.pcap 40000)" -ge 2 ] && break; done
for i in 1 2 3 4 5 6 7 8; do capture simultaneous-close.pcap simultaneous-close; crossed simultaneous-close.pcap && break; done
ls -l ./*.pcap ./*.pcapng
