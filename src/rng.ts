/**
 * A seeded random number generator passed as a value. Every sampled quantity in synth comes from one
 * of these; nothing calls Math.random.
 *
 * `fork(label)` derives an independent child from the parent's *key*, not from how many numbers the
 * parent has drawn, so `root.fork(i).fork('camera')` is the same whatever order images are rendered in.
 */
export interface Rng {
  /** The key this generator was made from; equal keys give equal streams. */
  readonly key: string;
  /** Uniform in [min, max). */
  float(min?: number, max?: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Normal with the given mean and standard deviation. */
  normal(mean?: number, std?: number): number;
  /** True with probability p. */
  bool(p?: number): boolean;
  /** One element, uniformly or by the given (non-negative, not all zero) weights. */
  pick<T>(items: readonly T[], weights?: readonly number[]): T;
  /** An independent generator for a named sub-task. */
  fork(label: string | number): Rng;
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, received ${seed}`);
  }
  return fromKey(hashKey(`synth:${seed}`));
}

type Key = readonly [number, number, number, number];

function fromKey(key: Key): Rng {
  return new Sfc32(key);
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, passes PractRand. A
 * class, not closures: sampling a frame forks dozens of generators, and per-fork closures made
 * their allocation and collection most of the sampling time.
 */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(private readonly words: Key) {
    [this.a, this.b, this.c, this.d] = words;
    for (let i = 0; i < 12; i++) this.next();
  }

  get key(): string {
    return this.words.map((k) => k.toString(16).padStart(8, '0')).join('');
  }

  private next(): number {
    let { a, b, c, d } = this;
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    this.a = a; this.b = b; this.c = c; this.d = d;
    return (t >>> 0) / 4294967296;
  }

  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(min, max) needs integers with min <= max, received ${min}, ${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  normal(mean = 0, std = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[], weights?: readonly number[]): T {
    if (items.length === 0) throw new RangeError('pick() needs at least one item');
    if (weights === undefined) return items[Math.floor(this.next() * items.length)]!;
    if (weights.length !== items.length) {
      throw new RangeError(`pick() got ${items.length} items but ${weights.length} weights`);
    }
    const total = weights.reduce((s, w) => s + w, 0);
    if (!(total > 0) || weights.some((w) => !(w >= 0))) {
      throw new RangeError('pick() weights must be non-negative and not all zero');
    }
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0 && weights[i]! > 0) return items[i]!;
    }
    // Rounding can leave r at a hair above zero; the last item with weight takes it.
    for (let i = items.length - 1; ; i--) if (weights[i]! > 0) return items[i]!;
  }

  fork(label: string | number): Rng {
    return new Sfc32(mixKeys(this.words, hashKey(`${typeof label}:${label}`)));
  }
}

/** A child key from a parent key and a label's hash: each word mixed with all of both (murmur3's finaliser). */
function mixKeys(parent: Key, label: Key): Key {
  const out = [0, 0, 0, 0] as [number, number, number, number];
  for (let i = 0; i < 4; i++) {
    let h = (parent[i]! ^ Math.imul(label[i]!, 0x9e3779b1) ^ parent[(i + 1) % 4]! ^ label[(i + 3) % 4]!) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    out[i] = (h ^ (h >>> 16)) >>> 0;
  }
  return out;
}

/** cyrb128: a fast 128-bit string hash, used only to derive generator keys. */
function hashKey(text: string): Key {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
