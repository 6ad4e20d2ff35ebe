/**
 * One fleet run in the worker, as React state: samples arrive in chunks, progress is known,
 * a new configuration cancels the run before it. The worker is shared by every run of the page.
 */
import { proxy, wrap } from 'comlink';
import type { Remote } from 'comlink';
import { useEffect, useRef, useState } from 'react';
import type { FleetConfig } from '../../fleet/config.ts';
import type { Sample } from '../../fleet/sample.ts';
import type { FleetWorkerApi, RunChunk } from './protocol.ts';

let worker: Remote<FleetWorkerApi> | null = null;
let nextRun = 1;

export function fleetWorker(): Remote<FleetWorkerApi> {
  if (!worker) worker = wrap<FleetWorkerApi>(new Worker(new URL('./fleet.worker.ts', import.meta.url), { type: 'module' }));
  return worker;
}

export interface FleetRun {
  samples: Sample[];
  markers: { t: number; index: number }[];
  done: number;
  total: number;
  finished: boolean;
  cancelled: boolean;
  error: RunChunk['error'] | null;
  wallMs: number;
  lifecycles: number;
  cancel: () => void;
}

const EMPTY: Omit<FleetRun, 'cancel'> = { samples: [], markers: [], done: 0, total: 0, finished: false, cancelled: false, error: null, wallMs: 0, lifecycles: 0 };

export function useFleetRun(cfg: FleetConfig | null): FleetRun {
  const [state, setState] = useState<{ run: number; cfg: FleetConfig | null; data: Omit<FleetRun, 'cancel'> }>({ run: 0, cfg: null, data: EMPTY });
  const runRef = useRef(0);
  /** runs cancelled from the page: a chunk already on its way when Cancel was pressed is not drawn */
  const stoppedRef = useRef(new Set<number>());

  useEffect(() => {
    if (!cfg) return;
    const id = nextRun++;
    runRef.current = id;
    const w = fleetWorker();
    let samples: Sample[] = [];
    let markers: FleetRun['markers'] = [];
    const onChunk = (c: RunChunk) => {
      if (stoppedRef.current.has(id)) return;
      samples = samples.concat(c.samples);
      markers = markers.concat(c.markers);
      setState({ run: id, cfg, data: { samples, markers, done: c.done, total: c.total, finished: c.finished, cancelled: false, error: c.error ?? null, wallMs: c.wallMs, lifecycles: c.lifecycles } });
    };
    void w.run(id, cfg, proxy(onChunk));
    return () => {
      void w.cancel(id);
    };
  }, [cfg]);

  const data = state.cfg === cfg ? state.data : EMPTY;
  return {
    ...data,
    cancel: () => {
      stoppedRef.current.add(runRef.current);
      void fleetWorker().cancel(runRef.current);
      // Cancel may come before the first chunk: the run then is this cfg's, with nothing drawn yet
      setState((s) => ({ run: runRef.current, cfg, data: { ...(s.cfg === cfg ? s.data : EMPTY), cancelled: true } }));
    },
  };
}
