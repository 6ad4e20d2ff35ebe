import { describe, expect, it } from 'vitest';
import { flag, TF } from '../tcb.ts';
import { assign } from 'xstate';
import { TCP_STATES } from '../states.ts';
import { CompileError, compileMachine } from './compile.ts';
import { candidatesOf, DERIVED } from './derived.ts';
import { endpointMachine } from './endpoint.ts';
import { endpointSetup } from './setup.ts';

type Config = Parameters<typeof endpointSetup.createMachine>[0];
const machineWith = (states: Config['states'], on: Config['on'] = {}) => endpointSetup.createMachine({ id: 't', context: ({ input }) => input, initial: 'CLOSED', on, states });
const refusal = (states: Config['states'], on?: Config['on']) => {
  try {
    compileMachine(machineWith(states, on), ['CLOSED', 'LISTEN']);
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return (e as Error).message;
  }
  throw new Error('compiled');
};

describe('compiling the endpoint machine', () => {
  it('compiles every state of the real machine, with the root transitions after each state\'s own', () => {
    expect([...DERIVED.keys()]).toEqual([...TCP_STATES]);
    const est = DERIVED.get('ESTABLISHED')!.get('SEGMENT')!;
    // ESTABLISHED's five SEGMENT transitions, then the root's replyAck and replyRst
    expect(est).toHaveLength(7);
    expect(est[0]!.to).toBe('CLOSE_WAIT');
    expect(est.at(-1)!.to).toBe('ESTABLISHED');
    // TIME_WAIT re-entry runs sendAck, then the entry actions cancelTimers and armTimeWait
    const tw = DERIVED.get('TIME_WAIT')!.get('SEGMENT')![0]!;
    expect(tw.moves).toBe(true);
    expect(tw.actions).toHaveLength(3);
    expect(compileMachine(endpointMachine, TCP_STATES).get('CLOSED')!.get('CONNECT')![0]!.to).toBe('SYN_SENT');
  });

  it('candidatesOf() answers as the table does, for every state and event type', () => {
    const types = new Set([...DERIVED.values()].flatMap((m) => [...m.keys()]));
    for (const s of TCP_STATES) for (const t of [...types, 'NO_SUCH_EVENT']) expect(candidatesOf(s, t)).toBe(DERIVED.get(s)!.get(t));
  });

  it('refuses an inline action, naming the state and the event', () => {
    const msg = refusal({ CLOSED: { on: { CLOSE: { actions: [assign({ flags: TF.orphan })] } } }, LISTEN: {} });
    expect(msg).toContain('state CLOSED');
    expect(msg).toContain('event CLOSE');
    expect(msg).toContain('inline actions');
  });

  it('refuses an inline guard, naming the state and the event', () => {
    const msg = refusal({ CLOSED: {}, LISTEN: { on: { SEGMENT: { guard: ({ context }) => flag(context, TF.passive), target: 'CLOSED' } } } });
    expect(msg).toMatch(/state LISTEN, event SEGMENT: inline guard/);
  });

  it('refuses delayed (after) transitions and wildcard events', () => {
    expect(refusal({ CLOSED: { after: { 1000: { target: 'LISTEN' } } }, LISTEN: {} })).toMatch(/state CLOSED, event after/);
    expect(refusal({ CLOSED: {}, LISTEN: { on: { '*': { target: 'CLOSED' } } } })).toMatch(/state LISTEN, event \*: wildcard/);
  });

  it('refuses a root transition with a target and nested states', () => {
    expect(refusal({ CLOSED: {}, LISTEN: {} }, { ABORT: { target: '.CLOSED' } })).toMatch(/state CLOSED, event ABORT: a root transition with a target/);
    expect(refusal({ CLOSED: { initial: 'a', states: { a: {} } }, LISTEN: {} })).toMatch(/state CLOSED, event \(any\): compound states/);
  });

  it('refuses dynamic params', () => {
    const msg = refusal({ CLOSED: { on: { CLOSE: { actions: [{ type: 'setError', params: () => ({ errno: 'ETIMEDOUT' as const }) }] } } }, LISTEN: {} });
    expect(msg).toMatch(/state CLOSED, event CLOSE: action "setError" has dynamic params/);
  });
});
