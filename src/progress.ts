import cliProgress from 'cli-progress';
import { processMemory } from './process-memory.js';

/** What the CLI shows while a long job runs: a bar with rate and ETA on a terminal, plain lines otherwise. */
export interface ProgressDisplay {
  update(done: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Also show resident memory: this process's, and under this name the sum of the processes it started. */
  memory?: string;
}

/** The rate is over the last ~10 s, so a run that slows down shows it instead of hiding it in an average. */
export function progressDisplay(label: string, total: number, unit = 'img', options: ProgressOptions = {}): ProgressDisplay {
  const rate = recentRate(10_000);
  const memory = options.memory === undefined ? () => '' : memoryText(options.memory);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({
      format: `${label} [{bar}] {value}/{total} | {rate} ${unit}/s | ETA {eta_formatted}{memory}`,
      etaBuffer: 200,
      hideCursor: true,
      stream: process.stderr,
    }, cliProgress.Presets.shades_classic);
    bar.start(total, 0, { rate: '0', memory: '' });
    return {
      update: (done) => bar.update(done, { rate: rate(done).toFixed(0), memory: memory() }),
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update(done) {
      const now = performance.now();
      const r = rate(done);
      if (done < total && now - lastLine < 10_000) return;
      lastLine = now;
      const eta = r > 0 ? Math.round((total - done) / r) : 0;
      process.stderr.write(`${label}: ${done}/${total} (${((100 * done) / total).toFixed(0)}%), ${r.toFixed(0)} ${unit}/s, ETA ${eta}s${memory()}\n`);
    },
    stop() {},
  };
}

/** Items per second over about the last `windowMs` (since the start until then). */
function recentRate(windowMs: number): (done: number) => number {
  const started = performance.now();
  const marks = [{ at: started, done: 0 }];
  return (done) => {
    const now = performance.now();
    if (now - marks.at(-1)!.at >= windowMs / 10) marks.push({ at: now, done });
    while (marks.length > 2 && now - marks[1]!.at >= windowMs) marks.shift();
    const from = marks[0]!;
    return (done - from.done) / Math.max(1e-3, (now - from.at) / 1000);
  };
}

/** ", rss 180 MB + 1.40 GB browser", read at most once a second (it walks /proc). */
function memoryText(children: string): () => string {
  let text = '';
  let readAt = -Infinity;
  const size = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GB` : `${(bytes / 2 ** 20).toFixed(0)} MB`);
  return () => {
    const now = performance.now();
    if (now - readAt >= 1000) {
      readAt = now;
      const m = processMemory();
      text = m.children > 0 ? `, rss ${size(m.node)} + ${size(m.children)} ${children}` : `, rss ${size(m.node)}`;
    }
    return text;
  };
}
