import path from 'node:path';
import { FlowProducer, type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { SynthError } from '../errors.js';
import { loadScene } from './load-scene.js';
import { mergeShards } from './merge-shards.js';
import { renderDataset } from './render-dataset.js';

/**
 * Rendering through a BullMQ queue on Redis, for elastic workers on many machines. A run becomes a
 * flow: one render job per range of indices, each writing a part folder under OUT/parts/, and a
 * parent merge job that BullMQ releases only when every part is done, which joins the parts into
 * OUT. Jobs name folders by absolute path: workers must see the same file system (NFS, a shared
 * volume), as with Slurm or Kubernetes shards. A failed job is retried and resumes its part folder.
 */
export const QUEUE_NAME = 'synth-render';

type RenderJob = { kind: 'render'; scene: string; seed: number; count: number; from: number; to: number; out: string };
type MergeJob = { kind: 'merge'; parts: string[]; out: string };
type JobData = RenderJob | MergeJob;

export interface SubmitOptions {
  scene: string;
  count: number;
  out: string;
  redis: string;
  seed?: number | undefined;
  /** Images per job. */
  chunk?: number | undefined;
  /** Attempts per job before the run fails. */
  attempts?: number | undefined;
}

export function redisConnection(url: string): Redis {
  return new Redis(redisUrl(url), { maxRetriesPerRequest: null, lazyConnect: false });
}

function redisUrl(url: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    // not a URL at all
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new SynthError(`--redis: expected a redis:// (or rediss://) URL such as redis://127.0.0.1:6379, got ${url}`);
  return url;
}

/**
 * Connects once, without retrying, and disconnects: a wrong address or a Redis that is not running
 * is reported at once rather than retried for ever (the connections of a running worker do retry,
 * so that it outlives a Redis restart).
 */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const probe = new Redis(redisUrl(url), { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The socket's error (ECONNREFUSED, ENOTFOUND) says more than connect()'s "Connection is closed".
  let cause: Error | undefined;
  probe.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new SynthError(`--redis ${url}: cannot reach Redis (${(cause ?? error as Error).message}); is redis-server running there?`);
  } finally {
    probe.disconnect();
  }
}

/** Splits a run into jobs on the queue; returns the merge job's id (the run's id). */
export async function submitRender(options: SubmitOptions): Promise<{ runId: string; jobs: number; out: string }> {
  const scene = loadScene(options.scene);
  const chunk = options.chunk ?? 1000;
  if (!Number.isSafeInteger(options.count) || options.count < 1) throw new SynthError(`--count: expected a whole number >= 1, got ${options.count}`);
  if (!Number.isSafeInteger(chunk) || chunk < 1) throw new SynthError(`--chunk: expected a whole number >= 1, got ${chunk}`);
  const out = path.resolve(options.out);
  const seed = options.seed ?? 0;
  const children: { name: string; queueName: string; data: RenderJob; opts: { attempts: number; backoff: { type: 'exponential'; delay: number } } }[] = [];
  for (let from = 0; from < options.count; from += chunk) {
    const to = Math.min(options.count, from + chunk);
    children.push({
      name: 'render',
      queueName: QUEUE_NAME,
      data: { kind: 'render', scene: path.resolve(scene.file), seed, count: options.count, from, to, out: path.join(out, 'parts', `${from}-${to}`) },
      opts: { attempts: options.attempts ?? 3, backoff: { type: 'exponential', delay: 1000 } },
    });
  }
  await checkRedis(options.redis);
  const connection = redisConnection(options.redis);
  const flows = new FlowProducer({ connection });
  try {
    const node = await flows.add({
      name: 'merge',
      queueName: QUEUE_NAME,
      data: { kind: 'merge', parts: children.map((c) => c.data.out), out } satisfies MergeJob,
      opts: { attempts: options.attempts ?? 3 },
      children,
    });
    return { runId: node.job.id!, jobs: children.length, out };
  } finally {
    await flows.close();
    connection.disconnect();
  }
}

/** Waits until a submitted run's merge job has finished; throws if it failed. */
export async function waitForRun(redis: string, runId: string): Promise<void> {
  await checkRedis(redis);
  const [eventsConnection, queueConnection] = [redisConnection(redis), redisConnection(redis)];
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection });
  try {
    await events.waitUntilReady();
    const job = await queue.getJob(runId);
    if (!job) throw new SynthError(`no run ${runId} on the queue`);
    await job.waitUntilFinished(events);
  } finally {
    await events.close();
    await queue.close();
    eventsConnection.disconnect();
    queueConnection.disconnect();
  }
}

export interface WorkerOptions {
  redis: string;
  /** Concurrency of each render job's pages. */
  pages?: number | undefined;
  onJob?: (message: string) => void;
  /**
   * How long a job stays with this worker without a heartbeat before another worker takes it
   * over (a worker that died mid-job): BullMQ's lock duration and stalled-job check interval.
   */
  lockSeconds?: number | undefined;
}

/** Takes jobs from the queue until closed: renders parts and merges finished runs. */
export function startWorker(options: WorkerOptions): Worker<JobData> {
  const connection = redisConnection(options.redis);
  const lock = (options.lockSeconds ?? 120) * 1000;
  const worker = new Worker<JobData>(QUEUE_NAME, async (job: Job<JobData>) => {
    const data = job.data;
    if (data.kind === 'render') {
      options.onJob?.(`job ${job.id}: images ${data.from}..${data.to - 1} → ${data.out}`);
      const summary = await renderDataset({ scene: data.scene, out: data.out, count: data.count, seed: data.seed, range: { from: data.from, to: data.to }, concurrency: options.pages });
      return { images: summary.images, rendered: summary.rendered };
    }
    options.onJob?.(`job ${job.id}: merging ${data.parts.length} parts → ${data.out}`);
    const merged = await mergeShards({ shards: data.parts, out: data.out, force: true, partsInside: true });
    return { images: merged.images };
  }, { connection, concurrency: 1, lockDuration: lock, stalledInterval: lock });
  // close() leaves a connection it did not make open.
  const close = worker.close.bind(worker);
  worker.close = async (force?: boolean) => {
    await close(force);
    connection.disconnect();
  };
  return worker;
}
