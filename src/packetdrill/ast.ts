/**
 * The parsed form of a packetdrill script. Positions are 1-based and refer to
 * the original file (preprocessing never shifts lines or columns).
 */

export interface Script {
  file: string;
  /** `--name=value` lines; a bare `--name` maps to ''. The last one wins. */
  options: Record<string, string>;
  events: Event[];
}

export type Event = PacketEvent | SyscallEvent | CommandEvent | PythonEvent;

/**
 * When an event happens. `relative` times (and relative range ends) count
 * from the previous event's time, as packetdrill does; `absolute` ones from
 * the script start. For `any` (`*`) the start is 0 and meaningless.
 */
export interface TimeSpec {
  kind: 'absolute' | 'relative' | 'any';
  /** Seconds. */
  start: number;
  end?: TimeRangeEnd;
}

export interface TimeRangeEnd {
  kind: 'absolute' | 'relative';
  /** Seconds. */
  value: number;
  /**
   * `...` gives the time a blocking system call returns (`+0...0.3 read(...)`);
   * `~` gives a window in which an outbound packet may appear.
   */
  form: '...' | '~';
}

interface EventBase {
  line: number;
  column: number;
  time: TimeSpec;
}

export interface TcpFlags {
  SYN: boolean;
  FIN: boolean;
  RST: boolean;
  PSH: boolean;
  ACK: boolean;
}

/** `start:end(len)`, or `...(len)` for "any sequence number" (outbound only). */
export type SeqSpec = { any: false; start: number; end: number; len: number } | { any: true; len: number };

export interface TcpOptionItem {
  /** First word of the item: `mss`, `sackOK`, `TS`, `nop`, `wscale`, `eol`, or anything else. */
  name: string;
  /** The item as written, trimmed (`TS val 100 ecr 0`). */
  raw: string;
  /** Set for `name N` items (`mss 1460`, `wscale 7`). */
  value?: number;
  /** Set for `name k1 N1 k2 N2...` items (`TS val 100 ecr 0` gives { val: 100, ecr: 0 }). */
  fields?: Record<string, number>;
}

export interface TcpOptions {
  /** Text between `<` and `>`, trimmed. */
  raw: string;
  /** `<...>`: any options accepted (outbound only); `items` is then empty. */
  wildcard: boolean;
  items: TcpOptionItem[];
}

export interface PacketEvent extends EventBase {
  kind: 'packet';
  /** `<` is injected into the stack under test, `>` is expected from it. */
  direction: 'in' | 'out';
  flags: TcpFlags;
  /** Flags exactly as written (`S.`, `-`). */
  flagText: string;
  seq: SeqSpec;
  ack?: number;
  win?: number;
  options?: TcpOptions;
}

export type Expr =
  | { kind: 'number'; value: number; raw: string }
  | { kind: 'ident'; name: string }
  | { kind: 'ellipsis' }
  | { kind: 'string'; value: string }
  | { kind: 'or'; items: Expr[] }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'struct'; fields: StructField[] }
  | { kind: 'call'; name: string; args: Expr[] };

/** `{onoff=1, linger=0}` has named fields; `{..., 100}` positional ones. */
export interface StructField {
  name?: string;
  value: Expr;
}

export interface SyscallResult {
  value: number;
  /** `ECONNRESET` in `= -1 ECONNRESET (Connection reset by peer)`. */
  errno?: string;
  /** Text of the trailing parenthesis, e.g. `flags O_RDWR`. */
  note?: string;
}

export interface SyscallEvent extends EventBase {
  kind: 'syscall';
  name: string;
  args: Expr[];
  result: SyscallResult;
}

export interface CommandEvent extends EventBase {
  kind: 'command';
  /** Text between the backticks, verbatim (may contain newlines). */
  command: string;
  /**
   * The line had no time (packetdrill's init and cleanup commands); `time`
   * is then `+0`.
   */
  implicitTime: boolean;
}

export interface PythonEvent extends EventBase {
  kind: 'python';
  /** Text between `%{` and `}%`, without surrounding spaces and tabs. */
  code: string;
}
