/**
 * Precision and recall per category over the labelled caption set. A finding counts as a true
 * positive only with the expected category and exactly the expected span text.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkDignity,
  DIGNITY_CATEGORIES,
  DignityCategory,
  DignityContext,
} from '../../src/content/dignity';

interface LabelledCaption {
  id: string;
  text: string;
  expected: Array<{ category: DignityCategory; match: string }>;
}

const fixture = JSON.parse(
  readFileSync(join(process.cwd(), 'test/fixtures/dignity/captions.json'), 'utf8'),
) as { context: DignityContext; captions: LabelledCaption[] };

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function score(): { tallies: Record<DignityCategory, Tally>; misses: string[] } {
  const tallies = Object.fromEntries(
    DIGNITY_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]),
  ) as Record<DignityCategory, Tally>;
  const misses: string[] = [];
  for (const caption of fixture.captions) {
    const found = checkDignity(caption.text, fixture.context).map(
      (f) => `${f.category}\u0000${f.match}`,
    );
    const expected = caption.expected.map((e) => `${e.category}\u0000${e.match}`);
    const unmatched = [...expected];
    for (const key of found) {
      const category = key.split('\u0000')[0] as DignityCategory;
      const at = unmatched.indexOf(key);
      if (at >= 0) {
        unmatched.splice(at, 1);
        tallies[category].tp++;
      } else {
        tallies[category].fp++;
        misses.push(`${caption.id} unexpected ${key.replace('\u0000', ': ')}`);
      }
    }
    for (const key of unmatched) {
      tallies[key.split('\u0000')[0] as DignityCategory].fn++;
      misses.push(`${caption.id} missed ${key.replace('\u0000', ': ')}`);
    }
  }
  return { tallies, misses };
}

describe('dignity check on the labelled caption set', () => {
  const { tallies, misses } = score();

  it('has at least 150 captions, 10 positives per category and many clean near-misses', () => {
    expect(fixture.captions.length).toBeGreaterThanOrEqual(150);
    for (const category of DIGNITY_CATEGORIES) {
      const positives = fixture.captions.filter((c) =>
        c.expected.some((e) => e.category === category),
      );
      expect({ category, positives: positives.length >= 10 }).toEqual({
        category,
        positives: true,
      });
    }
    expect(fixture.captions.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(
      100,
    );
  });

  it('reaches precision and recall of at least 0.95 in every category', () => {
    const rows = DIGNITY_CATEGORIES.map((category) => {
      const { tp, fp, fn } = tallies[category];
      return {
        category,
        tp,
        fp,
        fn,
        precision: tp + fp === 0 ? 1 : tp / (tp + fp),
        recall: tp + fn === 0 ? 1 : tp / (tp + fn),
      };
    });
    console.log(
      [
        'category          tp  fp  fn  precision  recall',
        ...rows.map(
          (r) =>
            `${r.category.padEnd(16)} ${String(r.tp).padStart(3)} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}`,
        ),
        ...misses,
      ].join('\n'),
    );
    for (const r of rows) {
      expect({
        category: r.category,
        precisionOk: r.precision >= 0.95,
        recallOk: r.recall >= 0.95,
      }).toEqual({
        category: r.category,
        precisionOk: true,
        recallOk: true,
      });
    }
  });
});
