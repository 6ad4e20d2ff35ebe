/** Bad input is answered with an error naming the field, and the world stays as it was. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../tcp/knobs.ts';
import { OPEN } from './test/helpers.ts';
import { World } from './world.ts';

describe('bad input', () => {
  it('an action invalid in the current state names the peer, the call, the state and what is valid', () => {
    const w = new World({ steps: OPEN });
    w.runUntil(1);
    const before = JSON.stringify(w.snapshot());
    expect(() => w.perform({ peer: 'server', do: 'connect' })).toThrow(InputError);
    expect(() => w.perform({ peer: 'server', do: 'connect' })).toThrow(/server\.connect: not valid for the server in ESTABLISHED; valid now: send, read, shutdown, close, abort, keepalive/);
    expect(JSON.stringify(w.snapshot())).toBe(before);
  });
  it('never-close forbids close() with a reason', () => {
    const w = new World({ steps: OPEN });
    w.runUntil(1);
    w.perform({ peer: 'server', do: 'never-close', on: true });
    expect(() => w.perform({ peer: 'server', do: 'close' })).toThrow(/never call close\(\)/);
  });
  it('bad network actions and link settings name the field', () => {
    const w = new World();
    expect(() => w.perform({ net: 'drop-next', dir: 'client->server', flags: 'FOO' })).toThrow('net.flags: unknown flag "FOO"; allowed: SYN, FIN, RST, PSH, ACK (comma-separated)');
    expect(() => w.perform({ net: 'drop-next', dir: 'up' as never })).toThrow(/net\.dir: expected client->server or server->client/);
    expect(() => w.perform({ net: 'loss', percent: 120 })).toThrow('net.loss: 120 is out of range; allowed: 0..100 percent');
    expect(() => new World({ link: { delay: -1 } })).toThrow('link.delay: -1 is out of range; allowed: 0..60 seconds');
    expect(() => new World({ link: { speed: 1 } as never })).toThrow(/link\.speed: unknown field/);
    expect(() => new World({ seed: -3 })).toThrow(/seed: expected a non-negative integer/);
  });
  it('bad app arguments name the field', () => {
    const w = new World({ steps: OPEN });
    w.runUntil(1);
    expect(() => w.perform({ peer: 'client', do: 'send', bytes: -5 })).toThrow('send.bytes: expected a whole number of bytes from 1 to 1000000000, got -5');
    expect(() => w.perform({ peer: 'client', do: 'keepalive', on: true, cnt: 0 })).toThrow(/keepalive\.cnt: expected a number >= 1, got 0/);
    expect(() => w.perform({ peer: 'client', do: 'shutdown', how: 'up' as never })).toThrow(/shutdown\.how: expected wr, rd or rdwr/);
  });
  it('a failing scenario step is reported with its index', () => {
    const w = new World({ steps: [{ at: 0, peer: 'client', do: 'send', bytes: 10 }] });
    expect(() => w.runUntil(1)).toThrow(/steps\[0\]: client\.send: not valid for the client in CLOSED/);
  });
});
