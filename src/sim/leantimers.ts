/**
 * The lean World's running timers, with re-arming deferred (WorldConfig.lean).
 *
 * A connection re-arms its retransmission timer at nearly every segment it sends or
 * acknowledges, each time a little later than before, and most of those timers never fire.
 * Pushing a queue event per re-arm left ~5 stale events per connection to push, order and
 * pop. Here a timer key has at most one queued event that matters, its *carrier*: a re-arm
 * to a time at or after the carrier's only records the new due time and insertion number,
 * and when the carrier comes due the World queues the timer again at exactly that time and
 * number (Sched.push with its reserved number). Events are therefore handled in the very
 * order of a queue that got one event per re-arm: (time, insertion number), ties included.
 * A re-arm to an earlier time queues a new carrier; the old one is then stale.
 *
 * A queued event names its record and the generation it carries, so telling a carrier from
 * a stale event needs no lookup by key: generations are never reused, and a record given
 * back forgets its carrier, so a stale event never matches a record's current carrier, even
 * after the record serves another key. Records live in typed arrays (one per field: the
 * records of recent timers, reused from the top of the free list, stay close together) and
 * are found by key (set, cancel) through a NumMap; a record is freed when its carrier comes
 * due with no timer running.
 */
import { NumMap } from '../tcp/stack/nummap.ts';

const NONE = -1;

export class LeanTimers {
  private readonly index = new NumMap(1024);
  /** per record: the running timer's generation (NONE: none), due time (µs) and insertion number */
  private gen = new Float64Array(1024);
  private due = new Float64Array(1024);
  private num = new Float64Array(1024);
  /** per record: the carrier's generation (NONE: nothing queued that matters) and due time */
  private cGen = new Float64Array(1024);
  private cDue = new Float64Array(1024);
  /** per record: its timer's key */
  private key = new Float64Array(1024);
  private readonly free: number[] = [];
  private records = 0;

  /**
   * Timer `key` (generation `gen`) is set for `due` µs with insertion number `n`. Returns the
   * record the caller queues an event of generation `gen` for (the key's new carrier), or -1
   * when the carrier already queued will carry it.
   */
  set(key: number, gen: number, due: number, n: number): number {
    // a record is taken first and given back if the key has one: one probe of the index either way
    let r = this.alloc();
    const had = this.index.getOrSet(key, r);
    if (had >= 0) {
      this.free.push(r);
      r = had;
    } else {
      this.cGen[r] = NONE;
      this.key[r] = key;
    }
    this.gen[r] = gen;
    this.due[r] = due;
    this.num[r] = n;
    if (this.cGen[r] !== NONE && this.cDue[r]! <= due) return -1;
    this.cGen[r] = gen;
    this.cDue[r] = due;
    return r;
  }

  /** Timer `key` is cancelled (its carrier stays queued and is dropped when due). */
  cancel(key: number): void {
    const r = this.index.get(key);
    if (r >= 0) this.gen[r] = NONE;
  }

  /** Whether a queued event of record `r` and generation `g` is the record's carrier (else it is stale). */
  carries(r: number, g: number): boolean {
    return this.cGen[r] === g;
  }

  /** Record `r`'s running timer: its generation (NONE: none), due time and insertion number. */
  genOf(r: number): number {
    return this.gen[r]!;
  }
  dueOf(r: number): number {
    return this.due[r]!;
  }
  numOf(r: number): number {
    return this.num[r]!;
  }
  keyOf(r: number): number {
    return this.key[r]!;
  }

  /** Record `r`'s carrier came due with a later timer running: that timer is queued as the new carrier. */
  carry(r: number): void {
    this.cGen[r] = this.gen[r]!;
    this.cDue[r] = this.due[r]!;
  }

  /** Record `r`'s carrier came due and nothing is running (or its timer fires now): the record goes. */
  release(r: number): void {
    this.index.delete(this.key[r]!);
    this.cGen[r] = NONE;
    this.free.push(r);
  }

  private alloc(): number {
    const f = this.free.pop();
    if (f !== undefined) return f;
    const r = this.records++;
    if (r === this.gen.length) {
      const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.gen = grow(this.gen);
      this.due = grow(this.due);
      this.num = grow(this.num);
      this.cGen = grow(this.cGen);
      this.cDue = grow(this.cDue);
      this.key = grow(this.key);
    }
    return r;
  }
}
