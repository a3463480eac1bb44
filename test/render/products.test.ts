import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, it } from 'node:test';
import { readManifest } from '../../src/dataset/index.js';
import { SynthError } from '../../src/errors.js';
import { renderDataset, sceneFromText } from '../../src/render/index.js';
import { sampleFrame } from '../../src/render/sample-frame.js';
import { createRng } from '../../src/rng.js';
import { repoRoot, tempDir } from '../helpers.js';

describe('product objects (scenes/fashion)', () => {
  it('renders a product of every kind, each filling its Fashion-MNIST-style 28×28 frame', async () => {
    const out = path.join(tempDir(), 'fashion');
    await renderDataset({ scene: path.join(repoRoot, 'scenes/fashion/products.yaml'), out, count: 60, seed: 3 });
    const records = await readManifest(out);
    assert.equal(records.length, 60);
    assert.equal(new Set(records.map((r) => r.class)).size, 10, 'all ten kinds appear in 60 images');
    for (const r of records) {
      const [object] = r['objects'] as { class: string; pixels: number; box: number[] }[];
      assert.equal(object!.class, r.class);
      assert.ok(object!.pixels > 60, `${r.file}: ${object!.pixels} pixels`);
      assert.ok(Math.max(object!.box[2]!, object!.box[3]!) >= 26, `${r.file}: box ${object!.box} should span the frame`);
      const params = r['params'] as { objects: { product: { product: string } }[] };
      assert.equal(params.objects[0]!.product.product, r.class, 'the drawn kind is the labelled class');
    }
  });

  it('refuses a class that names no product kind, pointing at kinds', () => {
    const text = JSON.stringify({ name: 'p', classes: ['sneaker', 'hat'], objects: [{ kind: 'product' }] });
    assert.throws(() => sceneFromText(text, 'p.json'), (error: unknown) => {
      assert.ok(error instanceof SynthError);
      assert.match(String(error.details), /objects\[0\]\.kinds.*"hat" names no product kind/);
      return true;
    });
    const mapped = JSON.stringify({ name: 'p', classes: ['sneaker', 'hat'], objects: [{ kind: 'product', kinds: { hat: 'bag' } }] });
    assert.equal(sceneFromText(mapped, 'p.json').spec.classes.length, 2);
  });

  it('gives a class listed in materials its own material, and the others material', () => {
    const text = JSON.stringify({
      name: 'p', classes: ['coat', 'shirt'],
      objects: [{ kind: 'product', material: { colour: '#202020' }, materials: { coat: { colour: '#e0e0e0', roughness: 0.9 } } }],
    });
    const scene = sceneFromText(text, 'p.json').spec;
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const [object] = sampleFrame(scene, createRng(5), i).objects;
      const material = (object as { material: { colour: string; roughness: number } }).material;
      seen.add(object!.class);
      assert.deepEqual([material.colour, material.roughness], object!.class === 'coat' ? ['#e0e0e0', 0.9] : ['#202020', 0.6]);
    }
    assert.equal(seen.size, 2, 'both classes drawn in 20 frames');
  });

  it('refuses a materials entry for a class the scene does not have, naming the field', () => {
    const text = JSON.stringify({ name: 'p', classes: ['coat'], objects: [{ kind: 'product', materials: { cot: { colour: '#ffffff' } } }] });
    assert.throws(() => sceneFromText(text, 'p.json'), (error: unknown) => {
      assert.ok(error instanceof SynthError);
      assert.match(String(error.details), /objects\[0\]\.materials\.cot.*expected a class of the scene \(coat\)/);
      return true;
    });
  });

  /** Renders two plain bags (no handles, strap or flap) seen from above with `texture`; the output folder. */
  async function texturedBags(texture: unknown): Promise<string> {
    const dir = tempDir();
    const scene = path.join(dir, 'bags.json');
    writeFileSync(scene, JSON.stringify({
      name: 'bags', classes: ['bag'], image: { width: 64, height: 64 },
      output: { colour: 'grey', fit: { box: 28, canvas: 28, centre: 'box', maskBackground: true } },
      camera: { fov: 35, distance: 2.8, elevation: 90 }, lights: [{ type: 'ambient', intensity: 3 }],
      objects: [{ kind: 'product', shapes: { bag: { handles: 0, strap: 0, flap: 0 } }, material: { texture } }],
    }));
    const out = path.join(dir, 'out');
    await renderDataset({ scene, out, count: 2, seed: 1 });
    return out;
  }

  it('shows a pattern on a product, not one flat tint', async () => {
    const out = await texturedBags({ type: 'checker', scale: 3, colours: ['#ffffff', '#202020'], contrast: 1 });
    for (const r of await readManifest(out)) {
      const { data } = await sharp(path.join(out, r.file)).greyscale().raw().toBuffer({ resolveWithObject: true });
      const object = [...data].filter((v) => v > 0);
      const dark = object.filter((v) => v < 90).length, light = object.filter((v) => v > 160).length;
      assert.ok(dark > 0.15 * object.length && light > 0.15 * object.length, `${r.file}: ${dark} dark, ${light} light of ${object.length}`);
    }
  });

  it('draws construction lines that survive 28 pixels: a zip down the middle of a light bag, quilting across it', async () => {
    const grey = async (out: string) => Promise.all((await readManifest(out)).map(async (r) =>
      (await sharp(path.join(out, r.file)).greyscale().raw().toBuffer({ resolveWithObject: true })).data));
    const zip = await texturedBags({ type: 'decal', mark: 'zip', x: 0.5, y: 0.95, size: 0.06, colours: ['#ffffff', '#202020'] });
    for (const data of await grey(zip)) {
      const rows = Array.from({ length: 28 }, (_, y) => y).filter((y) => data[y * 28 + 5]! > 0 && data[y * 28 + 22]! > 0).slice(2, -2);
      assert.ok(rows.length >= 6, `${rows.length} rows across the bag`);
      for (const y of rows) {
        const centre = Math.min(data[y * 28 + 13]!, data[y * 28 + 14]!);
        assert.ok(centre < 0.6 * data[y * 28 + 7]! && centre < 0.6 * data[y * 28 + 20]!, `row ${y}: centre ${centre}, sides ${data[y * 28 + 7]}, ${data[y * 28 + 20]}`);
      }
    }
    const quilted = await texturedBags({ type: 'decal', mark: 'quilting', y: 0.95, size: 0.12, colours: ['#ffffff', '#202020'] });
    for (const data of await grey(quilted)) {
      const column = Array.from({ length: 28 }, (_, y) => data[y * 28 + 14]!).filter((v) => v > 0);
      const lit = Math.max(...column);
      const dips = column.filter((v, i) => i > 0 && i < column.length - 1 && v < 0.7 * lit && column[i - 1]! >= v && column[i + 1]! >= v);
      assert.ok(dips.length >= 3, `dark lines down the centre column: ${column.join(' ')}`);
    }
  });

  it('prints a decal once where it is placed: a dark logo in the middle of a light bag', async () => {
    const out = await texturedBags({ type: 'decal', mark: 'logo', x: 0.5, y: 0.5, size: 0.35, colours: ['#ffffff', '#202020'] });
    for (const r of await readManifest(out)) {
      const { data, info } = await sharp(path.join(out, r.file)).greyscale().raw().toBuffer({ resolveWithObject: true });
      const dark: [number, number][] = [];
      let light = 0;
      for (let i = 0; i < data.length; i++) {
        if (data[i]! > 0 && data[i]! < 90) dark.push([i % info.width, Math.floor(i / info.width)]);
        else if (data[i]! > 160) light++;
      }
      assert.ok(light > 3 * dark.length, `${r.file}: ${dark.length} dark, ${light} light`);
      // The rims shade dark too: look inside the bag, two pixels from its edge.
      const object = (x: number, y: number) => x >= 0 && y >= 0 && x < info.width && y < info.height && data[y * info.width + x]! > 0;
      const inner = ([x, y]: [number, number]) => [-2, 0, 2].every((dx) => [-2, 0, 2].every((dy) => object(x + dx, y + dy)));
      const near = dark.filter(([x, y]) => Math.hypot(x - 13.5, y - 13.5) <= 6);
      const far = dark.filter((p) => inner(p) && Math.hypot(p[0] - 13.5, p[1] - 13.5) > 8);
      assert.ok(near.length >= 10, `${r.file}: ${near.length} dark pixels in the middle`);
      assert.equal(far.length, 0, `${r.file}: dark pixels inside the bag away from the middle at ${JSON.stringify(far)}`);
    }
  });

  it('writes a negative on black with fit.negate, as Fashion-MNIST did: the same render with every object pixel 255 - v', async () => {
    /** Two grey bags on a white ground, lit from above so the rims shade; the written images, grey. */
    async function bags(fit: Record<string, unknown>) {
      const dir = tempDir();
      const scene = path.join(dir, 'bags.json');
      writeFileSync(scene, JSON.stringify({
        name: 'bags', classes: ['bag'], image: { width: 64, height: 64 }, background: '#ffffff',
        output: { colour: 'grey', fit: { box: 28, canvas: 28, centre: 'box', ...fit } },
        camera: { fov: 35, distance: 2.8, elevation: 90 },
        lights: [{ type: 'ambient', intensity: 1.5 }, { type: 'directional', intensity: 2, elevation: 60, azimuth: 30 }],
        objects: [{ kind: 'product', shapes: { bag: { handles: 0, strap: 0, flap: 0 } }, material: { colour: '#808080' } }],
      }));
      const out = path.join(dir, 'out');
      await renderDataset({ scene, out, count: 2, seed: 1 });
      return Promise.all((await readManifest(out)).map(async (r) =>
        (await sharp(path.join(out, r.file)).greyscale().raw().toBuffer({ resolveWithObject: true })).data));
    }
    const plain = await bags({ maskBackground: true }), negative = await bags({ negate: true });
    for (const [k, p] of plain.entries()) {
      const n = negative[k]!;
      const object = (d: Uint8Array, x: number, y: number) => x >= 0 && y >= 0 && x < 28 && y < 28 && d[y * 28 + x]! > 0;
      let inner = 0, darkest = 255, lightest = 0;
      for (let y = 0; y < 28; y++) {
        for (let x = 0; x < 28; x++) {
          const i = y * 28 + x;
          assert.equal(n[i] === 0, p[i] === 0, `pixel ${x},${y}: the same object mask (${p[i]} and ${n[i]})`);
          if (![-1, 0, 1].every((dx) => [-1, 0, 1].every((dy) => object(p, x + dx, y + dy)))) continue;
          inner++;
          assert.ok(Math.abs(n[i]! + p[i]! - 255) <= 1, `pixel ${x},${y}: ${n[i]} is not 255 - ${p[i]}`);
          darkest = Math.min(darkest, p[i]!); lightest = Math.max(lightest, p[i]!);
        }
      }
      assert.ok(inner > 150, `${inner} inner pixels`);
      assert.ok(lightest - darkest > 20, `the render shades (${darkest}-${lightest}), so the negative turns its shading over`);
      const corners = [0, 27, 27 * 28, 28 * 28 - 1].map((i) => n[i]);
      assert.deepEqual(corners, [0, 0, 0, 0], 'the white ground is written black');
    }
  });
});

