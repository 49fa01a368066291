import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by where the code lives: a package, a folder of src/, node core, GC. */
  byArea: { area: string; ms: number; share: number }[];
  /** The hottest functions by self time. */
  topFunctions: { name: string; area: string; ms: number; share: number }[];
  /** Where the raw .cpuprofile was written (open it in Chrome DevTools). */
  file: string;
}

/** Samples this process's own CPU through the inspector, so a profile covers exactly one load run. */
export class CpuProfiler {
  private readonly session = new Session();

  private post<T = unknown>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) => this.session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))));
  }

  async start(samplingIntervalUs = 250): Promise<void> {
    this.session.connect();
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await this.post('Profiler.start');
  }

  async stop(file: string): Promise<ProfileSummary> {
    const { profile } = await this.post<{ profile: Profile }>('Profiler.stop');
    await this.post('Profiler.disable');
    this.session.disconnect();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    return summarize(profile, file);
  }
}

/** Which part of the stack a script belongs to; native frames (no url) inherit their caller's. */
function areaOf(url: string): string | undefined {
  if (!url) return undefined;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  const inSrc = /\/src\/([^/]+)(\/[^/]+)?/.exec(url);
  if (inSrc) return `src/${inSrc[1]}${inSrc[2] && !inSrc[2].endsWith('.js') ? inSrc[2] : ''}`;
  if (url.includes('/bench/')) return 'bench harness';
  if (url.startsWith('node:')) return 'node core (http, streams, timers)';
  return url;
}

function summarize(profile: Profile, file: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const area = new Map<number, string>();
  const assign = (node: ProfileNode, inherited: string) => {
    const { functionName, url } = node.callFrame;
    const own =
      functionName === '(garbage collector)' ? 'GC' : functionName === '(program)' ? 'V8 (program)' : functionName === '(idle)' ? 'idle' : areaOf(url);
    const mine = own ?? inherited;
    area.set(node.id, mine);
    for (const child of node.children ?? []) assign(byId.get(child)!, mine);
  };
  assign(profile.nodes[0], 'V8 (root)');

  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
  }
  let busyUs = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, { area: string; us: number }>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const a = area.get(id)!;
    if (a === 'idle') continue;
    busyUs += us;
    areas.set(a, (areas.get(a) ?? 0) + us);
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|dist\/bench-build)\//, '')}:${lineNumber + 1}` : '(native)'}`;
    const entry = functions.get(name) ?? { area: a, us: 0 };
    entry.us += us;
    functions.set(name, entry);
  }
  const share = (us: number) => us / busyUs;
  return {
    totalMs: busyUs / 1000,
    byArea: [...areas].map(([a, us]) => ({ area: a, ms: us / 1000, share: share(us) })).sort((x, y) => y.ms - x.ms),
    topFunctions: [...functions]
      .map(([name, { area: a, us }]) => ({ name, area: a, ms: us / 1000, share: share(us) }))
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 15),
    file,
  };
}
