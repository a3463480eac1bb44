import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FashionKind, ProductParams, ProductShapes, ProductSpec, products, sampleProduct } from '../../../../src/render/shapes/fashion/index.js';
import { createRng } from '../../../../src/rng.js';

const message = (input: unknown) => {
  const issue = ProductSpec.safeParse(input).error?.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : 'accepted';
};

describe('product parameters', () => {
  it('lists the kinds in Fashion-MNIST class order', () => {
    assert.deepEqual(FashionKind.options, ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle-boot']);
  });

  for (const kind of FashionKind.options) {
    it(`${kind}: 2000 draws from the defaults stay within the declared bounds and vary`, () => {
      const spec = ProductSpec.parse({ product: kind });
      const module = products[kind];
      const rng = createRng(1).fork(kind);
      const seen = new Map<string, Set<unknown>>();
      for (let i = 0; i < 2000; i++) {
        const params = sampleProduct(spec, rng.fork(i));
        const checked = module.params.safeParse(params);
        assert.ok(checked.success, `${JSON.stringify(params)}: ${checked.error?.issues.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`);
        assert.ok(ProductParams.safeParse(params).success);
        for (const [name, value] of Object.entries(params)) {
          if (!seen.has(name)) seen.set(name, new Set());
          seen.get(name)!.add(value);
        }
      }
      const constant = [...seen].filter(([name, values]) => name !== 'product' && name !== 'toe' && values.size < 2).map(([name]) => name);
      assert.deepEqual(constant, [], 'parameters that never vary by default');
    });
  }

  it('accepts per-kind overrides for an object that draws any kind', () => {
    const shapes = ProductShapes.parse({ sneaker: { collarHeight: 0.5 } });
    assert.equal(shapes.sneaker.collarHeight, 0.5);
    assert.deepEqual(Object.keys(shapes), FashionKind.options);
  });

  it('rejects out-of-range values, unknown fields and unknown kinds, naming the field', () => {
    assert.match(message({ product: 'sneaker', soleThickness: { min: 0.1, max: 5 } }), /^soleThickness: expected values within \[0.02, 0.2\]/);
    assert.match(message({ product: 'bag', handels: 2 }), /handels/);
    assert.match(message({ product: 't-shirt', sleeves: 'long' }), /^sleeves: /);
    assert.match(message({ product: 'hat' }), /expected an object with product "t-shirt", "trouser"/);
  });
});
