/**
 * A host's sockets by id. Ids are handed out in increasing order and never
 * reused, so the table is an array indexed by id (less a base that moves up as
 * the oldest sockets go): one load per lookup and 8 bytes a socket, where a Map
 * costs a hash walk and ~40 bytes. Iteration is in increasing id order, which is
 * also the order the sockets were created in (the order a Map would give).
 */
export class SockTable<T> {
  /** arr[i] is the socket with id base + i, or undefined */
  private arr: (T | undefined)[] = [];
  private base = 0;
  /** arr[0 .. head) holds nothing */
  private head = 0;
  private n = 0;

  get size(): number {
    return this.n;
  }

  get(id: number): T | undefined {
    const i = id - this.base;
    return i >= 0 && i < this.arr.length ? this.arr[i] : undefined;
  }

  set(id: number, v: T): void {
    if (this.n === 0) {
      this.arr.length = 0;
      this.base = id;
      this.head = 0;
    }
    let i = id - this.base;
    if (i < 0) {
      // an id below every one held (only a snapshot load out of order does this): make room in front
      this.arr = [...new Array<T | undefined>(-i).fill(undefined), ...this.arr];
      this.base = id;
      this.head = 0;
      i = 0;
    }
    // pushing undefined (not leaving holes) keeps the array's elements packed
    while (this.arr.length <= i) this.arr.push(undefined);
    if (this.arr[i] === undefined) this.n++;
    this.arr[i] = v;
    if (i < this.head) this.head = i;
  }

  delete(id: number): boolean {
    const i = id - this.base;
    if (i < 0 || i >= this.arr.length || this.arr[i] === undefined) return false;
    this.arr[i] = undefined;
    this.n--;
    if (i === this.head) this.advance();
    return true;
  }

  clear(): void {
    this.arr = [];
    this.base = 0;
    this.head = 0;
    this.n = 0;
  }

  /** The sockets in increasing id order. */
  *values(): Generator<T> {
    const arr = this.arr;
    for (let i = this.head; i < arr.length; i++) {
      const v = arr[i];
      if (v !== undefined) yield v;
    }
  }

  /** Skips the empty front; drops it once it is most of the array (amortized O(1) per socket). */
  private advance(): void {
    const arr = this.arr;
    let h = this.head;
    while (h < arr.length && arr[h] === undefined) h++;
    this.head = h;
    if (h >= 1024 && h * 2 >= arr.length) {
      this.arr = arr.slice(h);
      this.base += h;
      this.head = 0;
    }
  }
}
