/**
 * Addresses for the operator's readouts. The model demultiplexes by port alone (every client
 * port is unique over a run); these give each client a plausible address and port to print.
 */
export const SERVER_ADDR = '198.51.100.20';
export const SERVER_PORT = 80;
export const BACKEND_ADDR = '192.0.2.50';
export const BACKEND_PORT = 6379;
/** clients' ports in the model start here, far from every real range */
export const CLIENT_PORT_BASE = 100_000;
/** spoofed SYN sources */
export const SPOOF_PORT_BASE = 50_000_000;

/** `198.18.3.7:51234` for a client port of the model. */
export function clientAddress(port: number): string {
  const n = port >= SPOOF_PORT_BASE ? port - SPOOF_PORT_BASE + 40_000 : port - CLIENT_PORT_BASE;
  const prefix = n % 3 === 0 ? '203.0' : n % 3 === 1 ? '198.18' : '100.64';
  return `${prefix}.${(n >>> 8) & 255}.${(n & 255) || 1}:${1024 + ((n * 7919) % 64511)}`;
}
