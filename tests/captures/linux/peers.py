"""The two applications behind the fixture captures (see make.sh). Run in two network namespaces:
   python3 peers.py server|client MODE AT   (AT: the wall-clock second at which both peers act)"""
import socket, sys, time

role, mode, at = sys.argv[1], sys.argv[2], float(sys.argv[3])
SERVER, PORT = '10.14.0.2', 8080

def until(t):
    d = t - time.time()
    if d > 0:
        time.sleep(d)

if role == 'server':
    if mode == 'closed-port':
        sys.exit(0)  # nobody listens: the kernel answers the SYN with a RST
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((SERVER, PORT))
    ls.listen(1)
    c, _ = ls.accept()
    if mode == 'simultaneous-close':
        # The client's data and FIN crawl through its shaped link (make.sh): our FIN leaves
        # before theirs arrives, and reaches them while their FIN is still on its way.
        until(at + 0.05)
        c.shutdown(socket.SHUT_WR)
        while c.recv(1000):
            pass
        c.close()
    else:
        got = 0
        while True:
            b = c.recv(1000)
            if not b:
                break
            got += len(b)
        c.close()  # the client closed first: answer with our FIN
    time.sleep(1)
else:
    # Wait for the server's listener (probing its port would put extra connections in the capture).
    until(at - 1.0)
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('10.14.0.1', 40000))
    try:
        s.connect((SERVER, PORT))
    except ConnectionRefusedError:
        sys.exit(0)
    if mode == 'simultaneous-close':
        until(at)
        s.sendall(b'x' * 4000)
        s.shutdown(socket.SHUT_WR)  # the FIN waits behind the data in the shaped queue
        while s.recv(1000):
            pass
        s.close()
    else:
        s.sendall(b'x' * 100)
        until(at)
        s.close()
    time.sleep(1.5)
