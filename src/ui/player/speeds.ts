/** The speeds offered by the clock's slider and the embed's speed menu (a link may ask for another). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000];
