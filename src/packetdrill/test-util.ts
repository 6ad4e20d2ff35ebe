// Helpers shared by the parser tests (not used by production code).
import type { Event, Script } from './ast.ts';
import { PacketdrillSyntaxError, parseScript } from './parser.ts';

export function parse(text: string, defines: string[] = []): Script {
  return parseScript(text, 't.pkt', new Set(defines));
}

/** The only event of a one-event script. */
export function only(text: string, defines: string[] = []): Event {
  const { events } = parse(text, defines);
  if (events.length !== 1) throw new Error(`expected one event, got ${events.length}`);
  return events[0] as Event;
}

/**
 * The message of the PacketdrillSyntaxError the text raises. Any other
 * outcome (success, or a different exception) fails the calling test.
 */
export function syntaxError(text: string, defines: string[] = []): string {
  try {
    parse(text, defines);
  } catch (e) {
    if (e instanceof PacketdrillSyntaxError) return e.message;
    throw e;
  }
  throw new Error('expected a PacketdrillSyntaxError, but the script parsed');
}
