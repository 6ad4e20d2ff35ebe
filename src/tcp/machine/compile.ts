/**
 * The derived stepper: the endpoint machine compiled, at load time, into a
 * table of candidate transitions per (state, event type), so a connection can
 * be stepped without building XState snapshots (DESIGN.md invariant 1: the
 * fast path is derived from the machine, never typed by hand).
 *
 * For each state and event type the candidates come in XState's order: the
 * state's own transitions, then the root's. Each carries its guard (named, with
 * params, combined with and/or/not), its target, and one action list in
 * microstep order: the source's exit actions, the transition's actions, the
 * target's entry actions (only when the state is left or re-entered). Guards
 * and actions resolve to the very plain functions the XState implementations
 * were generated from (adapter.ts `PLAIN`). Anything else (nested or parallel
 * states, `after`, `always`, `invoke`, wildcard events, inline or dynamic
 * guards/actions/params, targets on root transitions) is refused at load time
 * with an error naming the state and event.
 */
import { and, not, or } from 'xstate';
import type { TcpState } from '../states.ts';
import type { Tcb } from '../tcb.ts';
import { PLAIN } from './adapter.ts';
import type { EndpointEvent } from './events.ts';
import type { Fx } from './fx.ts';
import type { Guard } from './guards.ts';
import type { Mutator } from './mutators.ts';

export class CompileError extends Error {
  constructor(
    readonly state: string,
    readonly event: string,
    what: string,
  ) {
    super(`cannot compile the endpoint machine: state ${state}, event ${event}: ${what}`);
    this.name = 'CompileError';
  }
}

type Check = (t: Tcb, e: EndpointEvent) => boolean;

/** One candidate transition, ready to run. */
export interface Candidate {
  readonly guard: Check | null;
  /**
   * The guard itself when it is one named guard (no and/or/not): the stepper calls it
   * straight, with `guardParams`, instead of through `guard`'s wrapper. Every wrapper
   * shares one call site, which sees every guard function (a megamorphic call V8
   * cannot inline); this saves that hop for most candidates.
   */
  readonly plainGuard: Guard<unknown> | null;
  readonly guardParams: unknown;
  /** the state after the transition (the source itself for a targetless one) */
  readonly to: TcpState;
  /** the state is left and entered (again): exit and entry actions ran */
  readonly moves: boolean;
  readonly actions: readonly Mutator<unknown>[];
  readonly params: readonly unknown[];
}

export type CompiledTable = ReadonlyMap<TcpState, ReadonlyMap<string, readonly Candidate[]>>;

/** The shapes of XState's machine objects this compiler reads (internal, so typed loosely here). */
interface TransitionDef {
  eventType: string;
  target?: readonly NodeDef[];
  guard?: unknown;
  actions: readonly unknown[];
  reenter?: boolean;
}
interface NodeDef {
  key: string;
  type: string;
  parent?: NodeDef;
  states: Record<string, NodeDef>;
  entry: readonly unknown[];
  exit: readonly unknown[];
  transitions: Map<string, TransitionDef[]>;
  always?: readonly unknown[];
  after?: readonly unknown[];
  invoke?: readonly unknown[];
}
interface MachineDef {
  root: NodeDef;
  implementations: { guards: Record<string, unknown>; actions: Record<string, unknown> };
}

// The builtin combinators are recognised by their `check` function.
const checkOf = (g: unknown) => (g as { check?: unknown }).check;
const AND = checkOf(and([]));
const OR = checkOf(or([]));
const NOT = checkOf(not(() => true));

export function compileMachine(machine: unknown, states: readonly TcpState[]): CompiledTable {
  const m = machine as MachineDef;
  const root = m.root;
  for (const where of ['always', 'after', 'invoke'] as const) {
    if ((root[where]?.length ?? 0) > 0) throw new CompileError('(root)', where, `\`${where}\` is not supported`);
  }
  const known = new Set<string>(states);
  for (const key of Object.keys(root.states)) {
    if (!known.has(key)) throw new CompileError(key, '(any)', 'not one of the TCP states');
  }

  const plainOf = (kind: 'guards' | 'actions', name: string, state: string, event: string): ((...a: never[]) => unknown) => {
    const impl = m.implementations[kind][name];
    const plain = impl ? (impl as { [PLAIN]?: unknown })[PLAIN] : undefined;
    if (typeof plain !== 'function') throw new CompileError(state, event, `${kind === 'guards' ? 'guard' : 'action'} "${name}" has no plain implementation (define it in ${kind === 'guards' ? 'guards.ts' : 'mutators.ts'} and wrap it with the adapter)`);
    return plain as (...a: never[]) => unknown;
  };

  const compileGuard = (g: unknown, state: string, event: string): Check => {
    if (typeof g === 'string') {
      const f = plainOf('guards', g, state, event) as unknown as Guard<unknown>;
      return (t, e) => f(t, e, undefined);
    }
    if (typeof g === 'function') {
      const parts = (g as { guards?: unknown[] }).guards ?? [];
      const c = checkOf(g);
      const compiled = parts.map((p) => compileGuard(p, state, event));
      // plain loops: every()/some() with an arrow would allocate a closure per check
      if (c === AND && compiled.length > 0)
        return (t, e) => {
          for (let i = 0; i < compiled.length; i++) if (!compiled[i]!(t, e)) return false;
          return true;
        };
      if (c === OR && compiled.length > 0)
        return (t, e) => {
          for (let i = 0; i < compiled.length; i++) if (compiled[i]!(t, e)) return true;
          return false;
        };
      if (c === NOT && compiled.length === 1) {
        const x = compiled[0]!;
        return (t, e) => !x(t, e);
      }
      throw new CompileError(state, event, 'inline guard functions (and stateIn) are not supported; name the guard');
    }
    if (g && typeof g === 'object' && typeof (g as { type?: unknown }).type === 'string') {
      const { type, params } = g as { type: string; params?: unknown };
      if (typeof params === 'function') throw new CompileError(state, event, `guard "${type}" has dynamic params`);
      const f = plainOf('guards', type, state, event) as unknown as Guard<unknown>;
      return (t, e) => f(t, e, params);
    }
    throw new CompileError(state, event, `unrecognised guard ${String(g)}`);
  };

  /** A single named guard (string or `{ type, params }`) as its plain function and params; null otherwise. */
  const plainGuardOf = (g: unknown, state: string, event: string): { fn: Guard<unknown> | null; params: unknown } => {
    if (typeof g === 'string') return { fn: plainOf('guards', g, state, event) as unknown as Guard<unknown>, params: undefined };
    if (g && typeof g === 'object' && typeof (g as { type?: unknown }).type === 'string') {
      const { type, params } = g as { type: string; params?: unknown };
      return { fn: plainOf('guards', type, state, event) as unknown as Guard<unknown>, params };
    }
    return { fn: null, params: undefined };
  };

  const compileActions = (list: readonly unknown[], state: string, event: string): { fns: Mutator<unknown>[]; params: unknown[] } => {
    const fns: Mutator<unknown>[] = [];
    const params: unknown[] = [];
    for (const a of list) {
      let type: string;
      let p: unknown;
      if (typeof a === 'string') type = a;
      else if (a && typeof a === 'object' && typeof (a as { type?: unknown }).type === 'string') {
        type = (a as { type: string }).type;
        p = (a as { params?: unknown }).params;
        if (typeof p === 'function') throw new CompileError(state, event, `action "${type}" has dynamic params`);
      } else throw new CompileError(state, event, 'inline actions (including assign/raise/emit written in the chart) are not supported; name the action');
      fns.push(plainOf('actions', type, state, event) as unknown as Mutator<unknown>);
      params.push(p);
    }
    return { fns, params };
  };

  const table = new Map<TcpState, Map<string, Candidate[]>>();
  for (const state of states) {
    const node = root.states[state];
    if (!node) throw new CompileError(state, '(any)', 'the machine has no such state');
    if (node.type !== 'atomic') throw new CompileError(state, '(any)', `${node.type} states are not supported`);
    for (const where of ['always', 'after', 'invoke'] as const) {
      if ((node[where]?.length ?? 0) > 0) throw new CompileError(state, where, `\`${where}\` is not supported`);
    }
    const byEvent = new Map<string, Candidate[]>();
    const add = (owner: NodeDef, isRoot: boolean) => {
      for (const [event, list] of owner.transitions) {
        if (event.includes('*')) throw new CompileError(state, event, 'wildcard event descriptors are not supported');
        if (event.startsWith('xstate.')) throw new CompileError(state, event, 'internal XState events are not supported');
        const out = byEvent.get(event) ?? [];
        for (const t of list) {
          const targets = t.target ?? [];
          if (targets.length > 1) throw new CompileError(state, event, 'multiple targets are not supported');
          const target = targets[0];
          if (target && isRoot) throw new CompileError(state, event, 'a root transition with a target is not supported');
          if (target && (target.parent !== root || !known.has(target.key))) throw new CompileError(state, event, `target ${target.key} is not a top-level TCP state`);
          const guard = t.guard === undefined ? null : compileGuard(t.guard, state, event);
          const simple = plainGuardOf(t.guard, state, event);
          const own = compileActions(t.actions, state, event);
          const to = (target?.key ?? state) as TcpState;
          // XState v5: a transition to its own source without `reenter` neither exits nor enters.
          const moves = !!target && (target.key !== state || !!t.reenter);
          const exit = moves ? compileActions(node.exit, state, event) : { fns: [], params: [] };
          const entry = moves ? compileActions(root.states[to]!.entry, state, event) : { fns: [], params: [] };
          out.push({ guard, plainGuard: simple.fn, guardParams: simple.params, to, moves, actions: [...exit.fns, ...own.fns, ...entry.fns], params: [...exit.params, ...own.params, ...entry.params] });
        }
        byEvent.set(event, out);
      }
    };
    add(node, false);
    add(root, true);
    table.set(state, byEvent);
  }
  return table;
}

/** A compiled table as plain objects: state, then event type, to the candidates. */
/**
 * Steps one connection: picks the first candidate whose guard holds, runs its
 * actions on the TCB in place (effects to `fx`), and returns it; null when the
 * event is not handled in this state (nothing changes).
 */
export function stepCompiled(table: CompiledTable, state: TcpState, t: Tcb, e: EndpointEvent, fx: Fx): Candidate | null {
  const list = table.get(state)?.get(e.type);
  return list ? runCandidates(list, t, e, fx) : null;
}

/** stepCompiled() once the candidates of (state, event type) are looked up. */
export function runCandidates(list: readonly Candidate[], t: Tcb, e: EndpointEvent, fx: Fx): Candidate | null {
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const g = c.plainGuard;
    if (g !== null) {
      if (!g(t, e, c.guardParams)) continue;
    } else if (c.guard !== null && !c.guard(t, e)) continue;
    const acts = c.actions;
    for (let j = 0; j < acts.length; j++) acts[j]!(t, e, fx, c.params[j]);
    return c;
  }
  return null;
}
