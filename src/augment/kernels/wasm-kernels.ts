import type { NoiseStream } from './noise.js';
import type { Border, Raster } from './raster.js';
import { padSource } from './pad-source.js';
import { buildModule } from './wasm-module.js';

/**
 * The 3-tap Gaussian blur (fixed point, 8 fraction bits) and per-value Gaussian noise as
 * WebAssembly SIMD: eight values per instruction where the JavaScript versions take one. They
 * compute exactly what blur3Reference and the noise loop in noise.ts compute (tested), so the
 * bytes never depend on which ran.
 *
 * Memory: the noise z table (8192 × i16) at 0, then the image (u8), the horizontal pass (u16) and
 * the noise values (i16).
 */
const TABLE = 0;
const IMAGE = 8192 * 2;

interface Exports {
  memory: WebAssembly.Memory;
  blur3(n: number, rowLen: number, channels: number, w0: number, w1: number, image: number, tmp: number, noise: number, withNoise: number): void;
  makeNoise(n: number, state: number, scale: number, table: number, noise: number): number;
  addNoise(n: number, image: number, noise: number): void;
  warpRun(channels: number, src: number, dst: number, lut: number, rowStride: number, o: number, x0: number, x1: number, qx: number, dqx: number, qy: number, dqy: number): void;
}

/** A warp's output in wasm memory: border pixels are written into `out` from JavaScript, inside runs by warpRun. */
export interface WasmWarp {
  out: Uint8Array;
  run(o: number, x0: number, x1: number, qx: number, dqx: number, qy: number, dqy: number): void;
}

export class WasmKernels {
  private loadedTable: Int16Array | undefined;

  private constructor(private readonly exports: Exports) {}

  private static cached: WasmKernels | null | undefined;
  private static disabled = false;

  /** The kernels, or null where this runtime has no WebAssembly SIMD (the JavaScript versions run then). */
  static get(): WasmKernels | null {
    if (WasmKernels.disabled) return null;
    if (WasmKernels.cached === undefined) {
      try {
        const module = new WebAssembly.Module(buildModule());
        WasmKernels.cached = new WasmKernels(new WebAssembly.Instance(module).exports as unknown as Exports);
      } catch {
        WasmKernels.cached = null;
      }
    }
    return WasmKernels.cached;
  }

  /** Turns the kernels off (true) or back on, so tests can check the JavaScript versions give the same bytes. */
  static disable(off: boolean): void {
    WasmKernels.disabled = off;
  }

  /**
   * 3-tap Gaussian blur with weights (w0, w1, w0)/256, w1 + 2·w0 = 256, in place; with `noise`,
   * the noise values are added before the result is stored.
   */
  blur3(image: Raster, w0: number, w1: number, noise?: NoiseStream): void {
    const n = image.pixels.length;
    const layout = this.prepare(image, noise?.z);
    const e = this.exports;
    if (noise) e.makeNoise(n, noise.state, noise.scale, TABLE, layout.noise);
    e.blur3(n, image.width * image.channels, image.channels, w0, w1, IMAGE, layout.tmp, layout.noise, noise ? 1 : 0);
    image.pixels.set(new Uint8Array(e.memory.buffer, IMAGE, n));
  }

  /** Adds per-value noise in place (the order of noise.ts). */
  addNoise(image: Raster, noise: NoiseStream): void {
    const n = image.pixels.length;
    const layout = this.prepare(image, noise.z);
    const e = this.exports;
    e.makeNoise(n, noise.state, noise.scale, TABLE, layout.noise);
    e.addNoise(n, IMAGE, layout.noise);
    image.pixels.set(new Uint8Array(e.memory.buffer, IMAGE, n));
  }

  /**
   * Sets up an affine warp of `src` (1 or 3 channels, copied in with warp.ts's one-pixel border
   * frame) into `dstBytes` bytes through `lut`: the runs of output pixels whose four taps are all
   * inside go to warpRun (warp.ts's runRgb/runGrey).
   */
  beginWarp(src: Raster, dstBytes: number, lut: Uint8Array, border: Border, fill: number): WasmWarp {
    const n = (src.width + 2) * (src.height + 2) * src.channels;
    const srcAt = IMAGE;
    const dstAt = srcAt + ((n + 15) & ~15) + 64;
    const lutAt = dstAt + ((dstBytes + 15) & ~15) + 64;
    const memory = this.exports.memory;
    const needed = lutAt + 256;
    if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    padSource(src, border, fill, new Uint8Array(memory.buffer, srcAt, n));
    new Uint8Array(memory.buffer, lutAt, 256).set(lut);
    const { channels, width } = src;
    const rowStride = (width + 2) * channels;
    const warpRun = this.exports.warpRun;
    return {
      out: new Uint8Array(memory.buffer, dstAt, dstBytes),
      run: (o, x0, x1, qx, dqx, qy, dqy) => warpRun(channels, srcAt, dstAt, lutAt, rowStride, o, x0, x1, qx, dqx, qy, dqy),
    };
  }

  /** Copies the image (and the noise table when it changed) in, growing memory when needed. */
  private prepare(image: Raster, table: Int16Array | undefined): { tmp: number; noise: number } {
    const n = image.pixels.length;
    const padded = (n + 15) & ~15;
    const tmp = IMAGE + padded + 16;
    const noise = tmp + 2 * padded + 16;
    const needed = noise + 2 * padded + 16;
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    new Uint8Array(memory.buffer, IMAGE, n).set(image.pixels);
    if (table !== undefined && table !== this.loadedTable) {
      new Int16Array(memory.buffer, TABLE, table.length).set(table);
      this.loadedTable = table;
    }
    return { tmp, noise };
  }
}
