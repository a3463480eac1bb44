import cliProgress from 'cli-progress';

/** What the CLI shows while a long job runs: a bar with rate and ETA on a terminal, plain lines otherwise. */
export interface ProgressDisplay {
  update(done: number): void;
  stop(): void;
}

export function progressDisplay(label: string, total: number, unit = 'img'): ProgressDisplay {
  const started = performance.now();
  const rate = (done: number) => done / Math.max(1e-3, (performance.now() - started) / 1000);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({
      format: `${label} [{bar}] {value}/{total} | {rate} ${unit}/s | ETA {eta_formatted}`,
      etaBuffer: 200,
      hideCursor: true,
      stream: process.stderr,
    }, cliProgress.Presets.shades_classic);
    bar.start(total, 0, { rate: '0' });
    return {
      update: (done) => bar.update(done, { rate: rate(done).toFixed(0) }),
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update(done) {
      const now = performance.now();
      if (done < total && now - lastLine < 10_000) return;
      lastLine = now;
      const r = rate(done);
      const eta = r > 0 ? Math.round((total - done) / r) : 0;
      process.stderr.write(`${label}: ${done}/${total} (${((100 * done) / total).toFixed(0)}%), ${r.toFixed(0)} ${unit}/s, ETA ${eta}s\n`);
    },
    stop() {},
  };
}
