/**
 * Virtual time. The runner counts in whole microseconds so that scripted
 * times, timer deadlines and the tolerance compare exactly; the stack takes
 * seconds.
 */
export const US = 1_000_000;

export const toUs = (s: number) => Math.round(s * US);

/** Seconds for messages and the ladder, without trailing zeros beyond the millisecond. */
export const fmtT = (us: number) => (us / US).toFixed(6).replace(/0{1,3}$/, '');
