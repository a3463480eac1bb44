import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build, column, extent, mask, row, rowWidth, runs, samples } from './helpers.js';

/** Structure that makes each kind read as its Fashion-MNIST class, checked on top-view silhouettes. */
describe('product silhouettes', () => {
  it('trousers have a gap between the legs at the bottom', () => {
    for (const params of samples('trouser', 20)) {
      const m = mask(build(params));
      const e = extent(m);
      const y = Math.round(e.bottom - 0.03 * (e.bottom - e.top));
      assert.equal(runs(row(m, y)), 2, `one leg or more than two at row ${y}: ${JSON.stringify(params)}`);
    }
  });

  it("a T-shirt's sleeves are short and a pullover's reach down beside the body", () => {
    const widthAt = (kind: 't-shirt' | 'pullover', at: number) => samples(kind, 20, kind === 't-shirt' ? { sleeves: 'short' } : {}).map((params) => {
      const m = mask(build(params));
      const e = extent(m);
      let widest = 0;
      for (let y = e.top; y <= e.bottom; y++) widest = Math.max(widest, rowWidth(m, y));
      return rowWidth(m, Math.round(e.top + at * (e.bottom - e.top))) / widest;
    });
    // Two thirds of the way down a T-shirt is only its body; four fifths down, a pullover's sleeves still hang beside it.
    for (const w of widthAt('t-shirt', 0.66)) assert.ok(w < 0.75, `T-shirt width ratio ${w.toFixed(2)}`);
    for (const w of widthAt('pullover', 0.8)) assert.ok(w > 0.88, `pullover width ratio ${w.toFixed(2)}`);
  });

  it("a bag's handle leaves a hole above the body", () => {
    for (const params of samples('bag', 20, { handles: { choice: [1, 2] }, strap: 0 })) {
      const m = mask(build(params));
      const centre = column(m, Math.round(m.size / 2));
      assert.ok(runs(centre) >= 2, `no gap under the handle: ${JSON.stringify(params)}`);
    }
  });

  it('sandals have gaps between their straps and are mostly empty; sneakers are solid', () => {
    const fill = (params: Parameters<typeof build>[0]) => {
      const m = mask(build(params));
      const e = extent(m);
      let covered = 0;
      for (let y = e.top; y <= e.bottom; y++) for (let x = e.left; x <= e.right; x++) covered += m.at(x, y) ? 1 : 0;
      const mostRuns = Math.max(...Array.from({ length: e.bottom - e.top + 1 }, (_, i) => runs(row(m, e.top + i))));
      return { share: covered / ((e.bottom - e.top + 1) * (e.right - e.left + 1)), mostRuns };
    };
    for (const params of samples('sandal', 20)) {
      const { share, mostRuns } = fill(params);
      assert.ok(share < 0.55, `sandal fills ${(share * 100).toFixed(0)}% of its box: ${JSON.stringify(params)}`);
      assert.ok(mostRuns >= 2, `no row crosses two separate straps: ${JSON.stringify(params)}`);
    }
    for (const params of samples('sneaker', 20)) {
      const { share } = fill(params);
      assert.ok(share > 0.65, `sneaker fills only ${(share * 100).toFixed(0)}% of its box: ${JSON.stringify(params)}`);
    }
  });

  it('ankle boots are taller than sneakers', () => {
    const height = (params: Parameters<typeof build>[0]) => {
      const g = build(params);
      g.computeBoundingBox();
      const box = g.boundingBox!;
      return (box.max.y - box.min.y) / (box.max.x - box.min.x);
    };
    const boots = samples('ankle-boot', 30).map(height), sneakers = samples('sneaker', 30).map(height);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    assert.ok(Math.min(...boots) > 0.6, `a boot only ${Math.min(...boots).toFixed(2)} as tall as long`);
    assert.ok(Math.max(...sneakers) < 0.75, `a sneaker ${Math.max(...sneakers).toFixed(2)} as tall as long`);
    assert.ok(mean(boots) > mean(sneakers) + 0.3, `boots ${mean(boots).toFixed(2)}, sneakers ${mean(sneakers).toFixed(2)}`);
  });

  it('points the toe right when asked, mirroring the toe-left shoe', () => {
    for (const kind of ['sneaker', 'sandal', 'ankle-boot'] as const) {
      const [left] = samples(kind, 1, { toe: 'left' }), [right] = samples(kind, 1, { toe: 'right' });
      const a = mask(build(left!), 56), b = mask(build(right!), 56);
      let differ = 0;
      for (let y = 0; y < 56; y++) for (let x = 0; x < 56; x++) differ += a.at(x, y) !== b.at(55 - x, y) ? 1 : 0;
      assert.ok(differ < 20, `${kind}: ${differ} pixels differ from the mirror image`);
    }
  });

  it('shoes rest on the ground: the lowest rows span most of the length', () => {
    for (const kind of ['sneaker', 'ankle-boot'] as const) {
      for (const params of samples(kind, 10)) {
        const m = mask(build(params));
        const e = extent(m);
        const y = e.bottom - Math.round(0.03 * m.size);
        assert.ok(rowWidth(m, y) > 0.6 * (e.right - e.left), `${kind}: narrow near the ground: ${JSON.stringify(params)}`);
      }
    }
  });
});
