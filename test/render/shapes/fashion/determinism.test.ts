import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FashionKind, ProductSpec, buildProduct, sampleProduct } from '../../../../src/render/shapes/fashion/index.js';
import { createRng } from '../../../../src/rng.js';

describe('product determinism', () => {
  for (const kind of FashionKind.options) {
    it(`${kind}: equal params build identical arrays`, () => {
      const params = sampleProduct(ProductSpec.parse({ product: kind }), createRng(3).fork(kind));
      const a = buildProduct(params), b = buildProduct(structuredClone(params));
      assert.deepEqual(a.getAttribute('position').array, b.getAttribute('position').array);
      assert.deepEqual(a.getAttribute('normal').array, b.getAttribute('normal').array);
      assert.deepEqual(a.getIndex()!.array, b.getIndex()!.array);
    });
  }

  it('draws equal params from equal generator keys, and different ones from different keys', () => {
    for (const kind of FashionKind.options) {
      const spec = ProductSpec.parse({ product: kind });
      assert.deepEqual(sampleProduct(spec, createRng(11).fork(4)), sampleProduct(spec, createRng(11).fork(4)));
      assert.notDeepEqual(sampleProduct(spec, createRng(11).fork(4)), sampleProduct(spec, createRng(11).fork(5)));
    }
  });

  it('does not depend on how many products were drawn before', () => {
    const spec = ProductSpec.parse({ product: 'coat' });
    const root = createRng(2);
    const alone = sampleProduct(spec, createRng(2).fork(9));
    for (let i = 0; i < 9; i++) sampleProduct(spec, root.fork(i));
    assert.deepEqual(sampleProduct(spec, root.fork(9)), alone);
  });

  it('gives each parameter its own stream: changing one distribution leaves the others unchanged', () => {
    const a = sampleProduct(ProductSpec.parse({ product: 'sneaker' }), createRng(8));
    const b = sampleProduct(ProductSpec.parse({ product: 'sneaker', soleThickness: { min: 0.1, max: 0.12 } }), createRng(8));
    assert.notEqual(a.product === 'sneaker' && a.soleThickness, b.product === 'sneaker' && b.soleThickness);
    assert.deepEqual({ ...a, soleThickness: 0 }, { ...b, soleThickness: 0 });
  });
});
