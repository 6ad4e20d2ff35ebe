/** The errno names an application sees (Linux spelling). */
export const ERRNOS = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EINPROGRESS',
  'EAGAIN',
  'ENOTCONN',
  'EADDRINUSE',
  'EISCONN',
  'EALREADY',
  'EINVAL',
  'EBADF',
  'EOPNOTSUPP',
] as const;
export type Errno = (typeof ERRNOS)[number];
