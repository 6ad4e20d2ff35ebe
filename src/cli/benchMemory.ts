/**
 * Memory per connection for the bench's bytes_per_connection figures. A connection's memory
 * is in two places: objects on V8's heap (heapUsed) and the backing stores of the typed arrays
 * that hold its bookkeeping (demultiplexing and timer tables, per-connection columns), which
 * V8 keeps outside its heap (arrayBuffers). Both are counted; the split is printed beside.
 */
export interface Memory {
  heap: number;
  typed: number;
}

/** Memory in use after two full collections (run node with --expose-gc, else the figure is rougher). */
export function memoryNow(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, typed: m.arrayBuffers };
}

/** What `n` items took between two readings, per item. */
export function perItem(before: Memory, after: Memory, n: number): { total: number; heap: number; typed: number } {
  const heap = (after.heap - before.heap) / n;
  const typed = (after.typed - before.typed) / n;
  return { total: heap + typed, heap, typed };
}

export const describeMemory = (m: ReturnType<typeof perItem>): string => `${m.total.toFixed(0)} bytes (heap ${m.heap.toFixed(0)}, typed arrays ${m.typed.toFixed(0)})`;

/** Whether figures are steady: without --expose-gc nothing is collected before a reading. */
export const gcNote = (): string => ((globalThis as { gc?: () => void }).gc ? '' : ' (run with --expose-gc for a steadier figure)');
