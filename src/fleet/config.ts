/**
 * What a fleet run is made of (DESIGN.md "Fleet"): a server host with its knobs, the
 * server application's behaviour mix, client populations with an arrival rate and a
 * behaviour mix, an optional backend the server calls per request, and knob or mix
 * changes at given times (the what-ifs). Times are virtual seconds.
 */

/** How a client behaves (the field notes' cast). */
export const CLIENT_BEHAVIOURS = [
  /** reads the response; closes when the server does, or after `hold` seconds of keep-alive */
  'well-behaved',
  /** closes as soon as the response is read (the client ends in TIME_WAIT, not the server) */
  'closes-first',
  /** closes, and its host is gone right after the FIN left: the server's FIN is never acknowledged */
  'vanish-after-fin',
  /** reads the response and is gone without closing (the host or its NAT mapping died) */
  'vanish-mid',
  /** well-behaved, over a link that loses `clients.loss` percent of segments each way */
  'lossy',
  /** a spoofed SYN that never completes the handshake */
  'syn-flood',
] as const;
export type ClientBehaviour = (typeof CLIENT_BEHAVIOURS)[number];

/** What the server application does with an accepted connection. */
export const APP_MODES = [
  /** answers and closes first (the server ends in TIME_WAIT) */
  'close-first',
  /** answers, waits for the client to close, then closes (LAST_ACK, briefly) */
  'wait-close',
  /** answers and never calls close(): CLOSE_WAIT, and a descriptor held forever */
  'leak',
] as const;
export type AppMode = (typeof APP_MODES)[number];

export interface Mix {
  clients: Partial<Record<ClientBehaviour, number>>;
  app: Partial<Record<AppMode, number>>;
}

export interface KeepaliveConfig {
  idle: number;
  intvl: number;
  cnt: number;
}

export interface ServerConfig {
  /** listen() backlog the application asks for (capped by somaxconn) */
  backlog: number;
  request_bytes: number;
  response_bytes: number;
  /** time the application takes to answer, seconds */
  respond_after: number;
  /** close a connection idle this long (Java setSoTimeout, nginx keepalive_timeout); 0 = never */
  read_timeout: number;
  /**
   * SO_KEEPALIVE on every accepted connection: `true` takes the times from the host's
   * tcp_keepalive_* sysctls at accept(), an object sets them per socket, null is off
   */
  keepalive: KeepaliveConfig | true | null;
}

export interface ClientsConfig {
  /** round-trip time to the clients, seconds */
  rtt: number;
  /** a well-behaved client keeps the connection open this long after the response */
  hold: number;
  /** a client waiting this long without an answer gives up and closes */
  give_up: number;
  /** loss percent of the lossy clients' links */
  loss: number;
}

export interface BackendConfig {
  /** backend calls per request: 0 .. 1 is a probability */
  per_request: number;
  rtt: number;
  request_bytes: number;
  response_bytes: number;
}

/** The server application's settings a what-if may change (the notes' code fixes). */
export type AppChange = Partial<Pick<ServerConfig, 'read_timeout' | 'keepalive'>>;

export interface Change {
  at: number;
  set?: Record<string, number | string>;
  rate?: number;
  mix?: Partial<Mix>;
  server?: AppChange;
}

export type Text = { en: string; 'zh-CN': string };

export interface Note {
  at: number;
  text: Text;
}

export interface FleetConfig {
  id: string;
  title: Text;
  summary: Text;
  seed: number;
  minutes: number;
  /** new client connections per second (every behaviour, SYN flood included) */
  rate: number;
  mix: Mix;
  set: Record<string, number | string>;
  server: ServerConfig;
  clients: ClientsConfig;
  backend: BackendConfig | null;
  changes: Change[];
  notes: Note[];
}

export const DEFAULT_SERVER: ServerConfig = { backlog: 4096, request_bytes: 300, response_bytes: 2000, respond_after: 0.02, read_timeout: 0, keepalive: null };
export const DEFAULT_CLIENTS: ClientsConfig = { rtt: 0.1, hold: 5, give_up: 30, loss: 5 };
export const DEFAULT_BACKEND: BackendConfig = { per_request: 1, rtt: 0.002, request_bytes: 100, response_bytes: 400 };

/** A mix group given in a change or on the command line replaces that group only. */
export function mergeMix(base: Mix, over: Partial<Mix> | undefined): Mix {
  return { clients: over?.clients ?? base.clients, app: over?.app ?? base.app };
}
