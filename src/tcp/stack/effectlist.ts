import type { Segment } from '../segment.ts';
import type { TcpState } from '../states.ts';
import type { StackEffect, TimerName } from './effects.ts';

/**
 * Where a stepped connection reports its effects: any `push()` sink (an array will do).
 * An EffectList also takes them field by field (`send`, `state`, `timer`, `app`), with no
 * object per effect.
 */
export interface EffectSink {
  push(e: StackEffect): unknown;
}

/**
 * One effect, every kind's fields in one fixed shape, owned and reused by an EffectList.
 * Fields the kind does not use hold whatever an earlier effect left (the segment is cleared,
 * so it is not kept alive): read only the fields of `kind`.
 */
class EffectRec {
  kind: StackEffect['kind'] = 'send';
  sock = 0;
  seg: Segment | null = null;
  rtx = false;
  addr = 0;
  from: TcpState = 'CLOSED';
  to: TcpState = 'CLOSED';
  cause = '';
  timer: TimerName = 'RTO';
  action: 'set' | 'cancel' = 'set';
  /** created as a double, so writing a fraction of a second never changes its representation */
  delay = 0.5;
  call = '';
  result = '';
}

/**
 * A list of effects that is emptied without giving up its storage, nor its effect records:
 * a host reports several effects for nearly every event, and an object per effect (plus a
 * fresh array per event) was a good share of a busy world's garbage. An effect read with
 * `at(i)` is valid until the list is emptied and written again; `toArray()` gives copies
 * of one's own.
 */
export class EffectList implements EffectSink {
  private items: EffectRec[] = [];
  length = 0;
  /**
   * Whether whoever reads this list reads a state change's cause: when not (a lean World), a
   * segment's arrival is reported with the bare RCV cause and its `rcv <flags>` text is not looked up.
   */
  causes = true;

  private next(): EffectRec {
    if (this.length < this.items.length) return this.items[this.length++]!;
    const r = new EffectRec();
    this.items.push(r);
    this.length++;
    return r;
  }

  send(sock: number, seg: Segment, rtx: boolean, addr: number): void {
    const r = this.next();
    r.kind = 'send';
    r.sock = sock;
    r.seg = seg;
    r.rtx = rtx;
    r.addr = addr;
  }

  state(sock: number, from: TcpState, to: TcpState, cause: string): void {
    const r = this.next();
    r.kind = 'state';
    r.sock = sock;
    r.seg = null;
    r.from = from;
    r.to = to;
    r.cause = cause;
  }

  /** A timer set (`delay` seconds) or cancelled (`delay` ignored). */
  timer(sock: number, timer: TimerName, action: 'set' | 'cancel', delay: number): void {
    const r = this.next();
    r.kind = 'timer';
    r.sock = sock;
    r.seg = null;
    r.timer = timer;
    r.action = action;
    r.delay = delay;
  }

  app(sock: number, call: string, result: string): void {
    const r = this.next();
    r.kind = 'app';
    r.sock = sock;
    r.seg = null;
    r.call = call;
    r.result = result;
  }

  /** Takes an effect object's fields (the object itself is not kept). */
  push(e: StackEffect): void {
    switch (e.kind) {
      case 'send':
        this.send(e.sock, e.seg, e.rtx, e.addr ?? 0);
        return;
      case 'state':
        this.state(e.sock, e.from, e.to, e.cause);
        return;
      case 'timer':
        this.timer(e.sock, e.timer, e.action, e.delay ?? 0);
        return;
      case 'app':
        this.app(e.sock, e.call, e.result);
        return;
    }
  }

  /** Effect `i` (a record of the list's own: read it before the list is emptied and refilled). */
  at(i: number): StackEffect {
    return this.items[i] as unknown as StackEffect;
  }

  clear(): void {
    this.length = 0;
  }

  /** The effects as an array of their own, each an object of its kind's fields. */
  toArray(): StackEffect[] {
    const out: StackEffect[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = copyOf(this.items[i]!);
    return out;
  }
}

function copyOf(r: EffectRec): StackEffect {
  switch (r.kind) {
    case 'send':
      return { kind: 'send', sock: r.sock, seg: r.seg!, rtx: r.rtx, addr: r.addr };
    case 'state':
      return { kind: 'state', sock: r.sock, from: r.from, to: r.to, cause: r.cause };
    case 'timer':
      return r.action === 'set' ? { kind: 'timer', sock: r.sock, timer: r.timer, action: 'set', delay: r.delay } : { kind: 'timer', sock: r.sock, timer: r.timer, action: 'cancel' };
    case 'app':
      return { kind: 'app', sock: r.sock, call: r.call, result: r.result };
  }
}
