import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipRing, DEFAULT_GEOJSON, labelAnchor, loadDistrictGeo, polygonsOf, simplifyRingsShared, urbanCoreDistricts, type Position } from '../../src/figures/map/geo.js';

const planarArea = (ring: number[][]) => {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2; // > 0 counter-clockwise (y north)
};

describe('district geometry', () => {
  it('has the 38 districts, rewound so that outer rings run clockwise (d3-geo)', () => {
    const fc = loadDistrictGeo();
    expect(fc.features).toHaveLength(38);
    for (const f of fc.features) for (const poly of polygonsOf(f)) expect(planarArea(poly[0]), f.properties.name).toBeLessThan(0);
    // the file itself keeps RFC 7946 winding (counter-clockwise): the loader did the work
    const raw = JSON.parse(readFileSync(DEFAULT_GEOJSON, 'utf8'));
    expect(planarArea(raw.features[0].geometry.coordinates[0])).toBeGreaterThan(0);
  });

  it('reads the nine central urban districts from config/districts.yaml', () => {
    expect(urbanCoreDistricts().sort()).toEqual(['九龙坡区', '北碚区', '南岸区', '大渡口区', '巴南区', '江北区', '沙坪坝区', '渝中区', '渝北区'].sort());
  });

  it('rejects a file that is not a feature collection', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'figs-')), 'bad.geojson');
    writeFileSync(file, '{"type":"Feature"}');
    expect(() => loadDistrictGeo(file)).toThrow(/not a GeoJSON FeatureCollection/);
  });
});

describe('planar helpers', () => {
  const square = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ] as [number, number][];
  it('labelAnchor finds the pole of inaccessibility', () => {
    const a = labelAnchor([square]);
    expect(a.x).toBeCloseTo(5, 0);
    expect(a.y).toBeCloseTo(5, 0);
    expect(a.r).toBeCloseTo(5, 0);
    // an L shape: the anchor lies inside the thick arm, not at the bbox centre
    const L = [
      [0, 0],
      [10, 0],
      [10, 3],
      [3, 3],
      [3, 10],
      [0, 10],
      [0, 0],
    ] as [number, number][];
    const b = labelAnchor([L]);
    expect(b.x < 3 || b.y < 3).toBe(true);
  });
  it('clipRing cuts a ring to a box', () => {
    const c = clipRing(square, { x0: 5, y0: -1, x1: 20, y1: 20 });
    expect(Math.min(...c.map((p) => p[0]))).toBe(5);
    expect(Math.max(...c.map((p) => p[0]))).toBe(10);
    expect(clipRing(square, { x0: 20, y0: 20, x1: 30, y1: 30 })).toHaveLength(0);
  });
});

describe('simplification for drawing', () => {
  it('keeps the borders that two districts share identical on both sides', () => {
    // planar stand-in for the projection: about 1 pt per km at the map's scale
    const rings = loadDistrictGeo().features.flatMap((f) =>
      polygonsOf(f)
        .flat()
        .map((r) => r.map(([x, y]) => [x * 100, -y * 100] as Position)),
    );
    const simple = simplifyRingsShared(rings, 0.25);
    const key = (p: Position) => `${p[0]},${p[1]}`;
    const sets = (rs: Position[][]) => rs.map((r) => new Set(r.map(key)));
    const [full, kept] = [sets(rings), sets(simple)];
    expect(simple.reduce((n, r) => n + r.length, 0)).toBeLessThan(0.8 * rings.reduce((n, r) => n + r.length, 0));
    let shared = 0;
    for (let i = 0; i < rings.length; i++)
      for (let j = i + 1; j < rings.length; j++) {
        const common = [...full[i]].filter((k) => full[j].has(k));
        if (common.length < 2) continue;
        shared++;
        // every shared vertex is kept by both neighbours or by neither
        const mismatched = common.filter((k) => kept[i].has(k) !== kept[j].has(k));
        expect(mismatched, `rings ${i} and ${j}`).toEqual([]);
      }
    expect(shared).toBeGreaterThan(50);
  });

  it('keeps a ring that would collapse', () => {
    const tiny: Position[] = [
      [0, 0],
      [0.1, 0],
      [0.1, 0.1],
      [0, 0.1],
      [0, 0],
    ];
    expect(simplifyRingsShared([tiny], 1)[0]).toHaveLength(4);
  });
});
