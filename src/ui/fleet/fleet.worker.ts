/**
 * The fleet simulation off the main thread: the page never blocks. A run goes in slices of
 * virtual time, posting its samples after each slice and yielding so that a cancel gets in.
 */
import { expose, transfer } from 'comlink';
import { clientAddress } from '../../fleet/addresses.ts';
import { replayOf } from '../../fleet/drill.ts';
import { refusalOf } from '../../fleet/problems.ts';
import { FleetSim } from '../../fleet/sim.ts';
import type { FleetConfig } from '../../fleet/config.ts';
import type { TcpState } from '../../tcp/states.ts';
import { drillCapture } from './drillCapture.ts';
import type { DrillConnection, DrillResult, FleetWorkerApi, RunChunk } from './protocol.ts';

const cancelled = new Set<number>();
/** post at least this often (wall ms), so the chart grows smoothly */
const SLICE_MS = 100;

const yieldToMessages = () => new Promise<void>((r) => setTimeout(r, 0));

const api: FleetWorkerApi = {
  async run(run: number, cfg: FleetConfig, onChunk: (c: RunChunk) => void): Promise<void> {
    const t0 = performance.now();
    let sim: FleetSim;
    try {
      sim = new FleetSim(cfg);
    } catch (e) {
      onChunk({ run, samples: [], markers: [], done: 0, total: 0, finished: true, wallMs: 0, lifecycles: 0, error: refusalOf(e) });
      return;
    }
    const total = Math.floor(sim.duration + 1e-9);
    let sent = 0;
    let markersSent = 0;
    while (!cancelled.has(run)) {
      const sliceStart = performance.now();
      let error: RunChunk['error'];
      try {
        while (sim.samples.length < total && performance.now() - sliceStart < SLICE_MS) sim.runUntil(sim.samples.length + 1);
      } catch (e) {
        // a run that cannot go on says so and stops, keeping what it drew (the page would wait forever otherwise)
        error = refusalOf(e);
      }
      const finished = error !== undefined || sim.samples.length >= total;
      onChunk({
        run,
        samples: sim.samples.slice(sent),
        markers: sim.markers.slice(markersSent),
        done: sim.samples.length,
        total,
        finished,
        wallMs: performance.now() - t0,
        lifecycles: sim.counters.Arrivals,
        ...(error ? { error } : {}),
      });
      sent = sim.samples.length;
      markersSent = sim.markers.length;
      if (finished) return;
      await yieldToMessages();
    }
    cancelled.delete(run);
  },
  cancel(run: number): void {
    cancelled.add(run);
  },
  async drill(cfg: FleetConfig, t: number, state: TcpState): Promise<DrillResult> {
    const sim = new FleetSim(cfg, { stories: true });
    sim.runUntil(t);
    const all = sim.connectionsIn(state, 1e9);
    const connections = all
      .filter((c) => c.story)
      .slice(0, 20)
      .map(({ story }) => ({ serial: story!.serial, peer: clientAddress(story!.port), behaviour: story!.behaviour, mode: story!.mode, start: story!.start, path: story!.path, replay: replayOf(story!, sim.now, sim.knobs) }));
    return { t, state, total: all.length, connections };
  },
  async capture(c: DrillConnection, presetId: string): Promise<Uint8Array> {
    const bytes = drillCapture(c, presetId);
    return transfer(bytes, [bytes.buffer]);
  },
};

expose(api);
